"use client";
/**
 * Above the canvas: undo/redo (also Ctrl+Z / Ctrl+Shift+Z), what the drawing changes, the
 * problems count, and Save — disabled, saying why, while there is nothing to save or any
 * problem. Viewers get a read-only notice instead of the editing controls.
 */
import { useMemo } from "react";
import { canRedo, canUndo } from "@/lib/supervision/change-log";
import { countChanges, diffTrees } from "@/lib/supervision/changeset";
import { canvasStore, useCanvas } from "./use-canvas";

export function SupervisionToolbar({ editable, onSave }: { editable: boolean; onSave: () => void }) {
  const log = useCanvas((s) => s.log);
  const base = useCanvas((s) => s.base);
  const model = useCanvas((s) => s.model);
  const problems = useCanvas((s) => s.issues.all.length);
  const refusal = useCanvas((s) => s.refusal);
  const counts = useMemo(() => countChanges(diffTrees(base, model)), [base, model]);
  const total = counts.create + counts.update + counts.delete;

  if (!editable) {
    return (
      <div className="toolbar" data-testid="read-only-notice">
        <span className="muted">Read-only: your role cannot change the registry (editors and admins can). Click a node to see its settings.</span>
      </div>
    );
  }
  const why = total === 0 ? "Nothing to save yet" : problems > 0 ? `Fix the ${problems} problem${problems === 1 ? "" : "s"} first` : "Preview the changes, then save them as one registry version (Ctrl+S)";
  return (
    <>
      <div className="toolbar" data-testid="supervision-toolbar">
        <button type="button" className="btn-sm" disabled={!canUndo(log)} onClick={() => canvasStore.getState().undo()} title="Undo (Ctrl+Z)" data-testid="undo">
          ↶ Undo
        </button>
        <button type="button" className="btn-sm" disabled={!canRedo(log)} onClick={() => canvasStore.getState().redo()} title="Redo (Ctrl+Shift+Z)" data-testid="redo">
          ↷ Redo
        </button>
        <span className="muted small-text grow" data-testid="dirty-state" data-changes={total}>
          {total === 0 ? "No unsaved changes" : `Unsaved: ${counts.create} new, ${counts.update} changed, ${counts.delete} deleted`}
          {problems > 0 ? (
            <span className="badge danger" style={{ marginLeft: 8 }} data-testid="problem-count">
              {problems} problem{problems === 1 ? "" : "s"}
            </span>
          ) : null}
        </span>
        <button type="button" className="primary" disabled={total === 0 || problems > 0} onClick={onSave} title={why} data-testid="save-tree">
          Save…
        </button>
      </div>
      {refusal ? (
        <div className="notice warning small-text" role="status" data-testid="change-refused" style={{ marginTop: -4 }}>
          Not done: {refusal}
        </div>
      ) : null}
    </>
  );
}
