/**
 * Rebasing a stale change request: for each entry it changes, what the person chose — keep the
 * proposed entry, take theirs (drop it from the request), or a merge they wrote — turned into
 * the operations of the new revision, made against the registry as it is now (`theirs` for the
 * entries that moved, the base state for the others, which did not change since).
 *
 * Pure: the review page calls it, `changes.rebase` checks the result against the registry.
 */
import { canonicalJson, type ChangeOp, type Entry, type EntryChange } from "@wippy/shared";

export type MergeChoice = { kind: "proposed" } | { kind: "theirs" } | { kind: "merged"; entry: Entry };

export interface MovedSide {
  id: string;
  theirs: Entry | null;
}

function same(a: Entry, b: Entry): boolean {
  return a.kind === b.kind && canonicalJson(a.meta) === canonicalJson(b.meta) && canonicalJson(a.data) === canonicalJson(b.data);
}

export function rebaseOps(changes: readonly EntryChange[], moved: readonly MovedSide[], choices: ReadonlyMap<string, MergeChoice>): ChangeOp[] {
  const theirsOf = new Map(moved.map((m) => [m.id, m.theirs]));
  const ops: ChangeOp[] = [];
  for (const change of changes) {
    const isMoved = theirsOf.has(change.id);
    const now = isMoved ? (theirsOf.get(change.id) ?? null) : change.before;
    const choice = (isMoved ? choices.get(change.id) : undefined) ?? { kind: "proposed" };
    if (choice.kind === "theirs") continue;
    const wanted = choice.kind === "merged" ? choice.entry : change.after;
    if (wanted === null) {
      if (now !== null) ops.push({ op: "delete", id: change.id });
    } else if (now === null) {
      ops.push({ op: "create", entry: wanted });
    } else if (!same(now, wanted)) {
      ops.push({ op: "update", entry: wanted });
    }
  }
  return ops;
}
