/**
 * Registry deltas and how one is checked against the state it applies to.
 *
 * Terms:
 * - `RegistryDelta`: one committed version and the entries it changed, after-state only
 *   (`entry` null for a delete) — the shape `RegistryStore.versionsSince` returns.
 * - `EntryChange` (shared): the same change with the state before it, `{id, op, before, after}`:
 *   what subscribers of the view receive.
 * - diverged: a delta that does not fit the state (create of an existing entry, update or
 *   delete of a missing one, an op that disagrees with its entry). The database never produces
 *   one for a view that applied every earlier version, so it means the view is wrong.
 *
 * In: a state and a delta, or two states. Out: entry changes, or why they do not fit.
 */
import { canonicalJson } from "@wippy/shared";
import type { Entry, EntryChange, RevisionOp } from "@wippy/shared";

export interface RegistryDelta {
  readonly version: { readonly id: number };
  readonly changes: readonly { readonly id: string; readonly op: RevisionOp; readonly entry: Entry | null }[];
}

export type Resolved = { readonly ok: true; readonly changes: EntryChange[] } | { readonly ok: false; readonly reason: string };

export function resolveDelta(current: ReadonlyMap<string, Entry>, delta: RegistryDelta): Resolved {
  const changes: EntryChange[] = [];
  const seen = new Set<string>();
  for (const { id, op, entry } of delta.changes) {
    if (seen.has(id)) return diverged(`version ${delta.version.id} changes ${id} twice`);
    seen.add(id);
    const before = current.get(id) ?? null;
    if (entry !== null && entry.id !== id) return diverged(`version ${delta.version.id}: change for ${id} carries entry ${entry.id}`);
    if ((op === "delete") !== (entry === null)) return diverged(`version ${delta.version.id}: ${op} of ${id} ${entry ? "with" : "without"} an entry`);
    if ((op === "create") !== (before === null)) {
      return diverged(`version ${delta.version.id}: ${op} of ${id}, which the view ${before ? "already has" : "does not have"}`);
    }
    changes.push({ id, op, before, after: entry });
  }
  return { ok: true, changes };
}

/** Changes that turn `from` into `to`, sorted by id (used when a whole snapshot is loaded). */
export function diffStates(from: ReadonlyMap<string, Entry>, to: ReadonlyMap<string, Entry>): EntryChange[] {
  const changes: EntryChange[] = [];
  for (const [id, after] of to) {
    const before = from.get(id);
    if (!before) changes.push({ id, op: "create", before: null, after });
    else if (!sameEntry(before, after)) changes.push({ id, op: "update", before, after });
  }
  for (const [id, before] of from) if (!to.has(id)) changes.push({ id, op: "delete", before, after: null });
  return changes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function sameEntry(a: Entry, b: Entry): boolean {
  return a.kind === b.kind && canonicalJson(a.meta) === canonicalJson(b.meta) && canonicalJson(a.data) === canonicalJson(b.data);
}

function diverged(reason: string): Resolved {
  return { ok: false, reason };
}
