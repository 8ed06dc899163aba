/**
 * References between registry entries, read the way the runtime reads them: the fields listed
 * by `referencePathsOf(kind)` (@wippy/runtime/registry) — `imports` of Lua entries,
 * `meta.supervisor`, `meta.default_host`, a service's `process` and `host`, lifecycle
 * `depends_on`/`requires`, security groups and policies. In the registry these are absolute
 * ids; a relative one (written by hand through the API) is resolved against the entry's own
 * namespace, as the loader does. `modules` name built-in modules, not entries, and `source`
 * is inline text, so neither refers to an entry.
 *
 * Terms:
 * - `Reference`: entry `from` (of `kind`) names entry `to` at field `path` (`data.imports.util`).
 */
import { resolveEntryRef } from "@wippy/shared";
import type { Entry, JsonValue } from "@wippy/shared";
import { referencePathsOf } from "@wippy/runtime/registry";

export interface Reference {
  from: string;
  kind: string;
  path: string;
  to: string;
}

type Step = string | number;

/** Every reference `entry` makes, in path order. */
export function referencesOf(entry: Entry): Reference[] {
  const namespace = entry.id.slice(0, entry.id.indexOf(":"));
  const out: Reference[] = [];
  for (const [root, ...rest] of referencePathsOf(entry.kind)) {
    visit(entry[root], rest, [root], (value, at) => {
      out.push({ from: entry.id, kind: entry.kind, path: formatPath(at), to: resolveEntryRef(value, namespace) });
      return value;
    });
  }
  return out;
}

/** Who refers to `id`, among `entries` (the entry itself excluded), sorted by referrer. */
export function referrersOf(entries: Iterable<Entry>, id: string): Reference[] {
  const out: Reference[] = [];
  for (const entry of entries) {
    if (entry.id === id) continue;
    for (const ref of referencesOf(entry)) if (ref.to === id) out.push(ref);
  }
  return out.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.path < b.path ? -1 : 1));
}

/** A copy of `entry` whose references to `from` name `to` instead (written absolute). */
export function rewriteReferences(entry: Entry, from: string, to: string): Entry {
  const namespace = entry.id.slice(0, entry.id.indexOf(":"));
  const copy: Entry = { ...entry, meta: structuredClone(entry.meta), data: structuredClone(entry.data) };
  for (const [root, ...rest] of referencePathsOf(entry.kind)) {
    visit(copy[root], rest, [root], (value) => (resolveEntryRef(value, namespace) === from ? to : value));
  }
  return copy;
}

/** Calls `fn` on each string at `path` under `container` (`*` = every item or value) and stores what it returns. */
function visit(container: JsonValue, path: readonly string[], at: Step[], fn: (value: string, at: Step[]) => string): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  for (const key of keysOf(container, head)) {
    const value = childOf(container, key);
    if (value === undefined) continue;
    if (rest.length > 0) {
      visit(value, rest, [...at, key], fn);
    } else if (typeof value === "string") {
      const next = fn(value, [...at, key]);
      if (Array.isArray(container)) container[key as number] = next;
      else if (isObject(container)) container[key as string] = next;
    }
  }
}

function keysOf(container: JsonValue, head: string): Step[] {
  if (head !== "*") return [head];
  if (Array.isArray(container)) return container.map((_, i) => i);
  return isObject(container) ? Object.keys(container) : [];
}

function childOf(container: JsonValue, key: Step): JsonValue | undefined {
  if (Array.isArray(container)) return typeof key === "number" ? container[key] : undefined;
  return isObject(container) && typeof key === "string" ? container[key] : undefined;
}

function isObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** `data.imports.util`, `data.lifecycle.depends_on[0]` — as the runtime's diagnostics write paths. */
export function formatPath(path: readonly Step[]): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out === "" ? part : `.${part}`;
  return out;
}
