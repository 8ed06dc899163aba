/**
 * The change log: the edits made since the tree was loaded, which also drive undo and redo.
 *
 * Terms:
 * - `changes[i]` turned `models[i]` into `models[i + 1]`; `models[0]` is the tree as loaded.
 * - `cursor`: how many changes are in effect. Undo moves it back, redo forward; a new change
 *   drops the undone ones after the cursor (as every editor does).
 * - coalescing: consecutive `setField`s of the same field (typing a duration key by key) are
 *   one step, until the log is `sealed` (the field lost focus, or an undo/redo happened).
 * - `replay`: the changes in effect applied to another model (a newer registry state after a
 *   conflict); changes that no longer apply are dropped and returned with the reason.
 *
 * Models share structure (changes copy only the entry map), so keeping one per step is cheap.
 * Pure: every function returns a new log.
 */
import { applyChange, type TreeChange } from "./changes";
import type { TreeModel } from "./model";

export interface ChangeLog {
  readonly changes: readonly TreeChange[];
  readonly models: readonly TreeModel[];
  readonly cursor: number;
  readonly sealed: boolean;
}

export type Recorded = { readonly ok: true; readonly log: ChangeLog } | { readonly ok: false; readonly error: string };

export interface Dropped {
  readonly change: TreeChange;
  readonly error: string;
}

export function startLog(model: TreeModel): ChangeLog {
  return { changes: [], models: [model], cursor: 0, sealed: true };
}

export function currentModel(log: ChangeLog): TreeModel {
  return log.models[log.cursor] as TreeModel;
}

export function record(log: ChangeLog, change: TreeChange): Recorded {
  const previous = log.changes[log.cursor - 1];
  const coalesce = !log.sealed && previous !== undefined && sameField(previous, change);
  const from = coalesce ? (log.models[log.cursor - 1] as TreeModel) : currentModel(log);
  const applied = applyChange(from, change);
  if (!applied.ok) {
    // The same field as the previous step, so the only refusal left is "already that": typing
    // a field back to the value it had before the step takes the step back out.
    if (coalesce) return { ok: true, log: { ...log, changes: log.changes.slice(0, log.cursor - 1), models: log.models.slice(0, log.cursor), cursor: log.cursor - 1 } };
    return applied;
  }
  const keep = coalesce ? log.cursor - 1 : log.cursor;
  return {
    ok: true,
    log: { changes: [...log.changes.slice(0, keep), change], models: [...log.models.slice(0, keep + 1), applied.model], cursor: keep + 1, sealed: false },
  };
}

export const canUndo = (log: ChangeLog): boolean => log.cursor > 0;
export const canRedo = (log: ChangeLog): boolean => log.cursor < log.changes.length;

export function undo(log: ChangeLog): ChangeLog {
  return canUndo(log) ? { ...log, cursor: log.cursor - 1, sealed: true } : log;
}

export function redo(log: ChangeLog): ChangeLog {
  return canRedo(log) ? { ...log, cursor: log.cursor + 1, sealed: true } : log;
}

export function seal(log: ChangeLog): ChangeLog {
  return log.sealed ? log : { ...log, sealed: true };
}

/** The changes in effect, in order. */
export function effectiveChanges(log: ChangeLog): readonly TreeChange[] {
  return log.changes.slice(0, log.cursor);
}

export function replay(onto: TreeModel, changes: readonly TreeChange[]): { log: ChangeLog; dropped: Dropped[] } {
  let log = startLog(onto);
  const dropped: Dropped[] = [];
  for (const change of changes) {
    const next = record(seal(log), change);
    if (next.ok) log = next.log;
    else dropped.push({ change, error: next.error });
  }
  return { log: seal(log), dropped };
}

function sameField(a: TreeChange, b: TreeChange): boolean {
  return a.type === "setField" && b.type === "setField" && a.id === b.id && a.path === b.path;
}
