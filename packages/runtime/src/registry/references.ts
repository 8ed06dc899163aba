/**
 * Entry references: fields whose value names another entry. On disk they may be relative
 * (`process: worker` inside namespace `app` means `app:worker`); in the registry they are
 * always absolute, so a reader never needs to know which file an entry came from.
 *
 * Terms:
 * - Reference path: where references live in an entry, rooted at `data` or `meta`; `*` stands
 *   for every item of a list or every value of a map (`data.imports.*`).
 *
 * Only the paths below are rewritten; every other value is kept exactly as written. Kinds this
 * runtime does not know get only the kind-independent paths (lifecycle and supervisor), and
 * `registry.entry` none at all: its data is free configuration.
 */
import { isValidEntryId, resolveEntryRef } from "@wippy/shared";
import type { Entry, JsonValue } from "@wippy/shared";
import type { FieldPath } from "./definition-file";
import { isJsonObject } from "./json-value";

export type ReferencePath = readonly ["data" | "meta", ...string[]];

/** Reference fields every kind with a lifecycle shares (Wippy: "most entries support lifecycle"). */
const LIFECYCLE_REFERENCES: readonly ReferencePath[] = [
  ["data", "lifecycle", "depends_on", "*"],
  ["data", "lifecycle", "requires", "*"],
  ["data", "lifecycle", "security", "groups", "*"],
  ["data", "lifecycle", "security", "policies", "*"],
  ["meta", "supervisor"],
];

const LUA_REFERENCES: readonly ReferencePath[] = [
  ["data", "imports", "*"],
  ["meta", "default_host"],
  ["meta", "temporal", "workflow", "worker"],
  ["meta", "temporal", "activity", "worker"],
];

export const REFERENCE_PATHS: Readonly<Record<string, readonly ReferencePath[]>> = {
  "function.lua": LUA_REFERENCES,
  "process.lua": LUA_REFERENCES,
  "workflow.lua": LUA_REFERENCES,
  "library.lua": LUA_REFERENCES,
  "process.service": [["data", "process"], ["data", "host"], ...LIFECYCLE_REFERENCES],
  "process.supervisor": LIFECYCLE_REFERENCES,
  "process.host": LIFECYCLE_REFERENCES,
  "terminal.host": LIFECYCLE_REFERENCES,
  "workflow.host": LIFECYCLE_REFERENCES,
  "registry.entry": [],
  // A bare group name is in the policy's namespace, like every relative reference.
  "security.policy": [["data", "groups", "*"]],
  "security.settings": [],
};

export function referencePathsOf(kind: string): readonly ReferencePath[] {
  return REFERENCE_PATHS[kind] ?? LIFECYCLE_REFERENCES;
}

export interface ReferenceProblem {
  /** Path of the offending value, rooted at `data` or `meta`. */
  path: FieldPath;
  message: string;
}

/** Returns a copy of `entry` with its references made absolute, and the values that are not ids. */
export function resolveReferences(entry: Entry): { entry: Entry; problems: ReferenceProblem[] } {
  const namespace = entry.id.slice(0, entry.id.indexOf(":"));
  const copy: Entry = { ...entry, meta: structuredClone(entry.meta), data: structuredClone(entry.data) };
  const problems: ReferenceProblem[] = [];
  for (const [root, ...rest] of referencePathsOf(entry.kind)) {
    rewrite(copy[root], rest, [root], (ref, path) => {
      const absolute = resolveEntryRef(ref, namespace);
      if (!isValidEntryId(absolute)) problems.push({ path, message: `${JSON.stringify(ref)} is not an entry reference (namespace:name or name)` });
      return absolute;
    });
  }
  return { entry: copy, problems };
}

type Rewrite = (ref: string, path: (string | number)[]) => string;

/** Rewrites, in place, the strings found at `path` under `container`; other values are left alone. */
function rewrite(container: JsonValue, path: readonly string[], at: (string | number)[], fn: Rewrite): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  const keys: (string | number)[] =
    head !== "*" ? [head] : Array.isArray(container) ? container.map((_, i) => i) : isJsonObject(container) ? Object.keys(container) : [];
  for (const key of keys) {
    const value = Array.isArray(container) ? container[key as number] : isJsonObject(container) ? container[key as string] : undefined;
    if (value === undefined) continue;
    if (rest.length === 0) {
      if (typeof value === "string") {
        const next = fn(value, [...at, key]);
        if (Array.isArray(container)) container[key as number] = next;
        else if (isJsonObject(container)) container[key as string] = next;
      }
    } else {
      rewrite(value, rest, [...at, key], fn);
    }
  }
}
