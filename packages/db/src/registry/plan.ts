/**
 * Planning a changeset: fold an ordered list of operations over the current state of the
 * entries they touch, and produce one revision per entry whose final state differs.
 *
 * Pure (no I/O): the store calls it under the registry lock with the current rows.
 * - `create` of an existing entry, and `update`/`delete` of a missing one, are `Conflict`:
 *   they mean the writer's picture of the registry is out of date (usually a racing writer).
 * - Several ops on one id fold in order (create then update = one create).
 * - An op that leaves an entry as it was produces no revision; a changeset that changes
 *   nothing is `Invalid` ("no changes to apply"), as in Wippy.
 */
import { canonicalJson, fail, isValidEntryId, ok, opEntryId } from "@wippy/shared";
import type { ChangeOp, Entry, EntryChange, Result, RevisionOp } from "@wippy/shared";

export function planChanges(ops: readonly ChangeOp[], current: ReadonlyMap<string, Entry>): Result<EntryChange[]> {
  if (ops.length === 0) return fail({ kind: "Invalid", message: "no changes to apply: the changeset is empty" });
  const working = new Map<string, Entry | null>();
  const stateOf = (id: string): Entry | null => (working.has(id) ? (working.get(id) ?? null) : (current.get(id) ?? null));

  for (const op of ops) {
    const id = opEntryId(op);
    if (!isValidEntryId(id)) return fail({ kind: "Invalid", message: `invalid entry id "${id}": expected namespace:name`, entryId: id });
    const existing = stateOf(id);
    switch (op.op) {
      case "create":
        if (existing) return fail({ kind: "Conflict", message: `cannot create ${id}: it already exists`, entryId: id });
        working.set(id, normalize(op.entry));
        break;
      case "update":
        if (!existing) return fail({ kind: "Conflict", message: `cannot update ${id}: it does not exist`, entryId: id });
        working.set(id, normalize(op.entry));
        break;
      case "delete":
        if (!existing) return fail({ kind: "Conflict", message: `cannot delete ${id}: it does not exist`, entryId: id });
        working.set(id, null);
        break;
      default: {
        const never: never = op;
        throw new Error(`unknown change op ${JSON.stringify(never)}`);
      }
    }
  }

  const changes: EntryChange[] = [];
  for (const [id, after] of working) {
    const before = current.get(id) ?? null;
    const change = describeChange(id, before, after);
    if (change) changes.push(change);
  }
  if (changes.length === 0) return fail({ kind: "Invalid", message: "no changes to apply: every operation leaves its entry as it was" });
  changes.sort((a, b) => (a.id < b.id ? -1 : 1));
  return ok(changes);
}

/** The change from `before` to `after`, or null when they are equal. */
export function describeChange(id: string, before: Entry | null, after: Entry | null): EntryChange | null {
  if (!before && !after) return null;
  if (before && after && entriesEqual(before, after)) return null;
  const op: RevisionOp = !before ? "create" : !after ? "delete" : "update";
  return { id, op, before, after };
}

export function entriesEqual(a: Entry, b: Entry): boolean {
  return a.id === b.id && a.kind === b.kind && canonicalJson(a.meta) === canonicalJson(b.meta) && canonicalJson(a.data) === canonicalJson(b.data);
}

/** Ops that turn state `from` into state `to` (used by rollback and by `wippy apply`). */
export function opsBetween(from: ReadonlyMap<string, Entry>, to: ReadonlyMap<string, Entry>): ChangeOp[] {
  const ops: ChangeOp[] = [];
  for (const [id, entry] of to) {
    const before = from.get(id);
    if (!before) ops.push({ op: "create", entry });
    else if (!entriesEqual(before, entry)) ops.push({ op: "update", entry });
  }
  for (const id of from.keys()) if (!to.has(id)) ops.push({ op: "delete", id });
  return ops;
}

function normalize(entry: Entry): Entry {
  return { id: entry.id, kind: entry.kind, meta: entry.meta ?? {}, data: entry.data ?? {} };
}
