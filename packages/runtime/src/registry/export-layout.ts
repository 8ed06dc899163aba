/**
 * How `exportAppDir` lays an application out on disk.
 *
 * - One folder per namespace, one segment per dot: namespace `app.api` → `app/api/_index.yaml`
 *   (the layout of Wippy's own projects). Folder names are only a convention — each file names
 *   its namespace — so when two paths differ only by letter case (a problem on macOS and
 *   Windows) the later one gets a numbered name (`_index.2.yaml`, `hello.2.lua`).
 * - Lua sources of Lua kinds go to `<name>.lua` beside the YAML, referenced as
 *   `file://<name>.lua`. Any other kind whose `source` starts with `file://` (text the loader
 *   would otherwise take for a file reference) goes to `<name>.src` the same way.
 * - Fields in a pleasant, fixed order at every level: `FIELD_ORDER` first, the rest
 *   alphabetically, `lifecycle` last — so exporting the same entries always writes the same bytes.
 */
import type { JsonValue } from "@wippy/shared";
import { isJsonObject } from "./json-value";

export const INDEX_FILE = "_index.yaml";
export const MANIFEST_FILE = ".wippy-export.json";

/** Folders the loader skips: a namespace segment with this name cannot be exported. */
export const UNEXPORTABLE_SEGMENTS = new Set(["node_modules"]);

export const FIELD_ORDER = [
  // entry
  "name", "kind", "meta",
  // meta
  "title", "comment", "description", "type", "supervisor", "order", "default_host",
  // data of the core kinds
  "source", "method", "process", "host", "input", "strategy", "intensity", "period", "workers", "lease",
  "queue_size", "local_queue_size", "hide_logs", "modules", "imports", "pool",
  // lifecycle
  "auto_start", "depends_on", "requires", "start_timeout", "stop_timeout", "stable_threshold", "restart_type",
  "restart", "initial_delay", "max_delay", "backoff_factor", "jitter", "max_attempts", "on_change", "security",
] as const;

/** After every other field: the block that reads best at the end of an entry. */
const LAST_FIELDS = ["lifecycle"] as const;

const RANK = new Map<string, number>([
  ...FIELD_ORDER.map((key, i): [string, number] => [key, i]),
  ...LAST_FIELDS.map((key, i): [string, number] => [key, FIELD_ORDER.length + 1 + i]),
]);

export function namespaceFolder(namespace: string): string {
  return namespace.split(".").join("/");
}

/** JSON with objects as Maps: the order of keys is the order they are written in. */
export type OrderedValue = string | number | boolean | null | OrderedValue[] | Map<string, OrderedValue>;

/**
 * `value` with object keys in `FIELD_ORDER`, then alphabetical, then `LAST_FIELDS` order.
 * Maps, not objects: a JS object would list integer-like keys (`"1"`) first whatever we do.
 */
export function orderFields(value: JsonValue): OrderedValue {
  if (Array.isArray(value)) return value.map(orderFields);
  if (!isJsonObject(value)) return value;
  const keys = Object.keys(value).sort((a, b) => {
    const ra = RANK.get(a) ?? FIELD_ORDER.length;
    const rb = RANK.get(b) ?? FIELD_ORDER.length;
    return ra - rb || (a < b ? -1 : a > b ? 1 : 0);
  });
  return new Map(keys.map((key): [string, OrderedValue] => [key, orderFields(value[key] as JsonValue)]));
}

/**
 * Hands out file paths that stay distinct on case-insensitive file systems: a path already
 * taken (ignoring case) gets `.2`, `.3`, … before its extension.
 */
export class PathClaims {
  private readonly taken = new Set<string>([MANIFEST_FILE.toLowerCase()]);

  claim(path: string): string {
    const slash = path.lastIndexOf("/");
    const dot = path.lastIndexOf(".");
    const hasExt = dot > slash + 1;
    const [stem, ext] = !hasExt ? [path, ""] : [path.slice(0, dot), path.slice(dot)];
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? path : `${stem}.${n}${ext}`;
      if (!this.taken.has(candidate.toLowerCase())) {
        this.taken.add(candidate.toLowerCase());
        return candidate;
      }
    }
  }
}
