/**
 * Pinned code — what a run replays against: the `workflow.lua` entry and every `library.lua`
 * it imports (transitively), as they were when the run started (DESIGN.md: each run pins the
 * content hash of its code).
 *
 * Terms:
 * - `CodeBundle`: `{ entry, libraries }`, plain JSON (stored with `putCode`).
 * - `codeHash`: sha256 of the bundle's canonical JSON — equal code, equal hash, on every node.
 * - `bundleCode(resolve, id)`: reads the bundle from a registry view; a missing entry, an
 *   entry of another kind, or a missing library → `NotFound` / `Invalid`.
 * - `resolverOf(bundle)`: id → entry, for the sandbox's `require` of a run (never the
 *   registry: a run sees only its pinned code).
 *
 * In: a registry resolver and an entry id, or stored JSON. Out: bundles, hashes, resolvers.
 */
import { createHash } from "node:crypto";
import { canonicalJson, type Entry, type JsonValue } from "@wippy/shared";
import { fail, ok, wippyError, type Result } from "../kernel";

export const WORKFLOW_KIND = "workflow.lua";
const LIBRARY_KIND = "library.lua";

export interface CodeBundle {
  readonly entry: Entry;
  readonly libraries: readonly Entry[];
}

export type EntryResolver = (id: string) => Entry | undefined;

function importsOf(entry: Entry): string[] {
  const imports = entry.data.imports;
  if (imports === null || typeof imports !== "object" || Array.isArray(imports)) return [];
  const namespace = entry.id.slice(0, Math.max(0, entry.id.indexOf(":")));
  return Object.values(imports)
    .filter((v): v is string => typeof v === "string")
    .map((ref) => (ref.includes(":") || namespace === "" ? ref : `${namespace}:${ref}`));
}

export function bundleCode(resolve: EntryResolver, id: string): Result<CodeBundle> {
  const entry = resolve(id);
  if (entry === undefined) return fail(wippyError("NotFound", `workflow ${id} not found`, { retryable: false }));
  if (entry.kind !== WORKFLOW_KIND) return fail(wippyError("Invalid", `${id} is a ${entry.kind}, not a ${WORKFLOW_KIND}`, { retryable: false }));
  const libraries = new Map<string, Entry>();
  const queue = importsOf(entry);
  while (queue.length > 0) {
    const libraryId = queue.shift() as string;
    if (libraries.has(libraryId)) continue;
    const library = resolve(libraryId);
    if (library === undefined) return fail(wippyError("NotFound", `library ${libraryId} (imported by ${id}) not found`, { retryable: false }));
    if (library.kind !== LIBRARY_KIND) return fail(wippyError("Invalid", `${libraryId} (imported by ${id}) is a ${library.kind}, not a ${LIBRARY_KIND}`, { retryable: false }));
    libraries.set(libraryId, library);
    queue.push(...importsOf(library));
  }
  return ok({ entry, libraries: [...libraries.values()].sort((a, b) => a.id.localeCompare(b.id)) });
}

export function codeHash(bundle: CodeBundle): string {
  return createHash("sha256").update(canonicalJson(bundle)).digest("hex");
}

export function bundleJson(bundle: CodeBundle): JsonValue {
  return JSON.parse(JSON.stringify(bundle)) as JsonValue;
}

/** A stored bundle read back; anything else is a corrupt store (`Invalid`). */
export function parseBundle(source: JsonValue | undefined, hash: string): Result<CodeBundle> {
  const bundle = source as { entry?: Entry; libraries?: Entry[] } | null | undefined;
  if (bundle?.entry?.id === undefined || !Array.isArray(bundle.libraries)) return fail(wippyError("Invalid", `code ${hash} is missing or not a workflow code bundle`));
  return ok({ entry: bundle.entry, libraries: bundle.libraries });
}

export function resolverOf(bundle: CodeBundle): EntryResolver {
  const byId = new Map<string, Entry>([[bundle.entry.id, bundle.entry], ...bundle.libraries.map((l): [string, Entry] => [l.id, l])]);
  return (id) => byId.get(id);
}
