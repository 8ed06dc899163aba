/**
 * Turns an entry as written on disk into a registry entry.
 *
 * On disk an entry is one map: `name`, `kind` and `meta` are reserved, every other field is
 * the entry's data (no `data:` wrapper). In the registry it is `{ id, kind, meta, data }` with
 * `id = namespace:name`. A missing or empty `meta:` is `{}`.
 */
import { isValidEntryId } from "@wippy/shared";
import type { Entry, JsonObject } from "@wippy/shared";
import { at } from "./diagnostic";
import type { Diagnostic } from "./diagnostic";
import type { WrittenEntry } from "./definition-file";
import { isJsonObject } from "./json-value";

export const RESERVED_FIELDS = ["name", "kind", "meta"] as const;

export type ReadEntry = { ok: true; entry: Entry } | { ok: false; error: Diagnostic };

export function readEntry(written: WrittenEntry): ReadEntry {
  const { name, kind, meta, ...data } = written.fields;
  const fail = (field: string, message: string, entryId?: string): ReadEntry => ({
    ok: false,
    error: at(written.file, written.positionOf([field]), message, entryId),
  });
  if (typeof name !== "string" || name === "") return fail("name", "entry has no name (every entry needs name: and kind:)");
  const id = `${written.namespace}:${name}`;
  if (!isValidEntryId(id)) {
    return fail("name", `invalid entry name ${JSON.stringify(name)}: use letters, digits, "_", "-" and "." (not first)`);
  }
  if (typeof kind !== "string" || kind === "") return fail("kind", "entry has no kind", id);
  if (meta !== undefined && meta !== null && !isJsonObject(meta)) return fail("meta", "meta must be a map", id);
  const entryMeta: JsonObject = isJsonObject(meta) ? meta : {};
  return { ok: true, entry: { id, kind, meta: entryMeta, data } };
}
