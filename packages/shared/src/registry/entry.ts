/**
 * Registry vocabulary shared by the database store, the runtime's in-memory view, the CLI and
 * the control plane.
 *
 * Terms:
 * - Entry id: `namespace:name`; namespaces are dotted (`app.api.v2`).
 * - Entry: `{ id, kind, meta, data }` — `meta` and `data` are JSON objects.
 * - Version: a committed, numbered registry state. Version 0 is the empty registry; every
 *   committed changeset makes exactly the next number (gap-free, strictly increasing).
 * - Changeset: an ordered list of operations applied atomically as one version.
 */
import { z } from "zod";

const SEGMENT = "[A-Za-z0-9_][A-Za-z0-9_-]*";
/** `ns.sub:name` — the name may contain dots and dashes (`app:hello.world`). */
export const ENTRY_ID_PATTERN = new RegExp(`^${SEGMENT}(\\.${SEGMENT})*:[A-Za-z0-9_][A-Za-z0-9_.-]*$`);
export const NAMESPACE_PATTERN = new RegExp(`^${SEGMENT}(\\.${SEGMENT})*$`);

export const VERSION_SOURCES = ["ui", "file", "api", "agent", "rollback"] as const;
export type VersionSource = (typeof VERSION_SOURCES)[number];

export const REVISION_OPS = ["create", "update", "delete"] as const;
export type RevisionOp = (typeof REVISION_OPS)[number];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface Entry {
  id: string;
  kind: string;
  meta: JsonObject;
  data: JsonObject;
}

export type ChangeOp =
  | { op: "create"; entry: Entry }
  | { op: "update"; entry: Entry }
  | { op: "delete"; id: string };

export interface VersionInfo {
  id: number;
  createdAt: Date;
  author: string;
  source: VersionSource;
  message: string;
  /** The version the writer based its change on, when it said so. */
  baseVersion: number | null;
}

/** One entry's change between two registry states. `before`/`after` are null when absent. */
export interface EntryChange {
  id: string;
  op: RevisionOp;
  before: Entry | null;
  after: Entry | null;
}

export function isValidEntryId(id: string): boolean {
  return ENTRY_ID_PATTERN.test(id);
}

export function isValidNamespace(ns: string): boolean {
  return NAMESPACE_PATTERN.test(ns);
}

/** Splits `ns:name`. Returns null for an invalid id. */
export function parseEntryId(id: string): { namespace: string; name: string } | null {
  if (!isValidEntryId(id)) return null;
  const at = id.indexOf(":");
  return { namespace: id.slice(0, at), name: id.slice(at + 1) };
}

/** Resolves a reference written inside namespace `ns`: `hello` → `ns:hello`; absolute ids stay. */
export function resolveEntryRef(ref: string, ns: string): string {
  return ref.includes(":") ? ref : `${ns}:${ref}`;
}

export const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValueSchema), z.record(z.string(), jsonValueSchema)]),
);
export const jsonObjectSchema = z.record(z.string(), jsonValueSchema);

export const entrySchema = z.object({
  id: z.string().regex(ENTRY_ID_PATTERN, "entry id must be namespace:name"),
  kind: z.string().min(1),
  meta: jsonObjectSchema,
  data: jsonObjectSchema,
});

export const changeOpSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("create"), entry: entrySchema }),
  z.object({ op: z.literal("update"), entry: entrySchema }),
  z.object({ op: z.literal("delete"), id: z.string().regex(ENTRY_ID_PATTERN, "entry id must be namespace:name") }),
]);

export function opEntryId(op: ChangeOp): string {
  return op.op === "delete" ? op.id : op.entry.id;
}
