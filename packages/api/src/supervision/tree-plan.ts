/**
 * Planning a supervision-tree save: what a changeset drawn on the canvas would do to the
 * registry as it is now, and whether it may be written. Shared by the preview (which reports
 * the plan) and the save (which commits a `ready` plan or refuses the others).
 *
 * Rules, in order:
 * 1. The changeset touches only `process.service` / `process.supervisor` entries — the canvas
 *    is not a back door for writing anything else — each op names a different entry, and
 *    every entry passes the same per-entry check as a single save (`checkEntry`: kind schema,
 *    references made absolute). A violation is bad input: BAD_REQUEST, thrown.
 * 2. Stale: if any tree entry, or any entry the ops touch, changed after `baseVersion`, the
 *    drawing was made from an outdated tree (`stale`). Changes to other entries in between do
 *    not matter: the runnable check below sees them as they are now.
 * 3. The ops are folded over the current entries (`planChanges`); ops that change nothing are
 *    `unchanged`.
 * 4. Runnable: the runtime's own check (`checkRunnable`: supervision plan, hosts, Lua) on the
 *    registry after the change. A problem refuses the save (`invalid`) when the change brought
 *    it, or when it concerns an entry the change touches; problems the registry already had
 *    elsewhere (say, a broken function) are not this save's to fix.
 *
 * In: the registry store and `{baseVersion, ops}`. Out: a `TreePlan` for the head it read.
 */
import { TRPCError } from "@trpc/server";
import { planChanges, type RegistryStore } from "@wippy/db";
import { checkRunnable } from "@wippy/runtime/node";
import { opEntryId, type ChangeOp, type Entry, type EntryChange } from "@wippy/shared";
import { problemError, registryError, type Diagnostic, type TreeProblem } from "../problems";
import { checkEntry, hasErrors } from "../registry/check-entry";
import { toDiagnostic } from "../registry/write";

export const TREE_KINDS: ReadonlySet<string> = new Set(["process.service", "process.supervisor"]);

export interface TreeChangeset {
  baseVersion: number;
  ops: ChangeOp[];
}

export type TreePlan =
  | { kind: "ready"; head: number; ops: ChangeOp[]; changes: EntryChange[]; warnings: Diagnostic[] }
  | { kind: "unchanged"; head: number }
  | { kind: "stale"; head: number; changed: string[] }
  | { kind: "invalid"; head: number; changes: EntryChange[]; problems: TreeProblem[] };

export async function planTreeSave(store: RegistryStore, input: TreeChangeset): Promise<TreePlan> {
  const { ops, warnings } = checkedOpsOrThrow(input.ops);
  const snapshot = await store.snapshot();
  const head = snapshot.version;
  if (input.baseVersion > head) throw new TRPCError({ code: "BAD_REQUEST", message: `base version ${input.baseVersion} does not exist (the newest is ${head})` });
  const touched = new Set(ops.map(opEntryId));
  const changed = await changedSince(store, input.baseVersion, head, touched);
  if (changed.length > 0) return { kind: "stale", head, changed };
  for (const op of ops) {
    const current = snapshot.entries.get(opEntryId(op));
    if (op.op !== "create" && current && !TREE_KINDS.has(current.kind)) throw notTreeKind(current.id, current.kind);
  }
  const planned = planChanges(ops, snapshot.entries);
  if (!planned.ok) {
    if (planned.error.kind === "Invalid" && planned.error.message.startsWith("no changes")) return { kind: "unchanged", head };
    throw registryError({ ...planned.error, kind: planned.error.kind === "Conflict" ? "Invalid" : planned.error.kind });
  }
  const after = new Map(snapshot.entries);
  for (const change of planned.value) {
    if (change.after) after.set(change.id, change.after);
    else after.delete(change.id);
  }
  const problems = newProblems(snapshot.entries.values(), after.values(), touched);
  if (problems.length > 0) return { kind: "invalid", head, changes: planned.value, problems };
  return { kind: "ready", head, ops, changes: planned.value, warnings };
}

const notTreeKind = (id: string, kind: string): TRPCError =>
  new TRPCError({ code: "BAD_REQUEST", message: `${id} is a ${kind}: the supervision canvas writes only process.service and process.supervisor entries` });

/** The ops with their entries as they will be stored, or BAD_REQUEST naming the first bad one. */
function checkedOpsOrThrow(input: readonly ChangeOp[]): { ops: ChangeOp[]; warnings: Diagnostic[] } {
  const seen = new Set<string>();
  const ops: ChangeOp[] = [];
  const warnings: Diagnostic[] = [];
  for (const op of input) {
    const id = opEntryId(op);
    if (seen.has(id)) throw new TRPCError({ code: "BAD_REQUEST", message: `${id} appears twice in the changeset` });
    seen.add(id);
    if (op.op === "delete") {
      ops.push(op);
      continue;
    }
    if (!TREE_KINDS.has(op.entry.kind)) throw notTreeKind(id, op.entry.kind);
    const { entry, problems } = checkEntry(op.entry);
    const diagnostics = problems.map(toDiagnostic).map((d) => ({ ...d, message: `${id}: ${d.message}` }));
    if (hasErrors(problems)) {
      const first = diagnostics.find((d) => d.severity === "error");
      throw problemError("BAD_REQUEST", { kind: "diagnostics", diagnostics }, `${id} is not valid: ${first?.path ? `${first.path}: ` : ""}${first?.message ?? ""}`);
    }
    warnings.push(...diagnostics);
    ops.push({ op: op.op, entry });
  }
  return { ops, warnings };
}

/** Ids of tree entries (or `touched` ones) that changed after `base`. */
async function changedSince(store: RegistryStore, base: number, head: number, touched: ReadonlySet<string>): Promise<string[]> {
  if (base === head) return [];
  const diff = await store.diff(base, head);
  if (!diff.ok) throw registryError(diff.error);
  const isTree = (entry: Entry | null): boolean => entry !== null && TREE_KINDS.has(entry.kind);
  return diff.value.filter((c) => touched.has(c.id) || isTree(c.before) || isTree(c.after)).map((c) => c.id);
}

function newProblems(before: Iterable<Entry>, after: Iterable<Entry>, touched: ReadonlySet<string>): TreeProblem[] {
  const known = new Set(checkRunnable(before).map((p) => p.message));
  return checkRunnable(after)
    .filter((p) => !known.has(p.message) || p.ids.some((id) => touched.has(id)) || touched.has(p.entry))
    .map((p) => ({ entry: p.entry, ids: [...p.ids], message: p.message }));
}
