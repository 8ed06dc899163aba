/**
 * A created (deleted) entry compared with an empty entry of its kind, so a diff lists it field by
 * field (`+ data.strategy one_for_one`) instead of as one JSON value. Used where changes are
 * reviewed before they happen: the supervision canvas's save preview, a change request's page.
 */
import type { Entry, EntryChange } from "@wippy/shared";

export function fieldByField(change: EntryChange): EntryChange {
  const shell = (entry: Entry): Entry => ({ id: entry.id, kind: entry.kind, meta: {}, data: {} });
  if (change.op === "create" && change.after) return { ...change, before: shell(change.after) };
  if (change.op === "delete" && change.before) return { ...change, after: shell(change.before) };
  return change;
}
