/**
 * The drawing as a registry changeset: the entries to create, update and delete so the registry
 * holds the tree on the canvas. Entries are compared whole (canonical JSON), and an updated
 * entry is sent whole — the fields the canvas never touched travel back exactly as they were
 * read. Placement is part of the entry (`meta.supervisor`, `meta.order`), so links need no
 * separate operations.
 *
 * In: the model as loaded (`base`) and as drawn. Out: `ChangeOp[]` (creates, updates, deletes,
 * each in id order) and per-entry `EntryChange`s for a summary.
 */
import { canonicalJson, type ChangeOp, type Entry, type EntryChange } from "@wippy/shared";
import type { TreeModel } from "./model";

export function diffTrees(base: TreeModel, drawn: TreeModel): EntryChange[] {
  const changes: EntryChange[] = [];
  for (const [id, after] of drawn.entries) {
    const before = base.entries.get(id) ?? null;
    if (!before) changes.push({ id, op: "create", before: null, after });
    else if (!sameEntry(before, after)) changes.push({ id, op: "update", before, after });
  }
  for (const [id, before] of base.entries) if (!drawn.entries.has(id)) changes.push({ id, op: "delete", before, after: null });
  const rank = { create: 0, update: 1, delete: 2 } as const;
  return changes.sort((a, b) => rank[a.op] - rank[b.op] || (a.id < b.id ? -1 : 1));
}

export function toChangeset(base: TreeModel, drawn: TreeModel): ChangeOp[] {
  return diffTrees(base, drawn).map((c): ChangeOp => (c.op === "delete" ? { op: "delete", id: c.id } : { op: c.op, entry: c.after as Entry }));
}

export function countChanges(changes: readonly EntryChange[]): Record<EntryChange["op"], number> {
  const counts = { create: 0, update: 0, delete: 0 };
  for (const c of changes) counts[c.op]++;
  return counts;
}

function sameEntry(a: Entry, b: Entry): boolean {
  return a === b || canonicalJson(a) === canonicalJson(b);
}
