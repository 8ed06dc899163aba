"use client";
/**
 * Confirms deleting a node. A supervisor's children are not deleted with it: they move up to
 * its own supervisor (changes.ts), and the dialog says where. Nothing is written until Save,
 * and Ctrl+Z brings the node back.
 */
import { Dialog } from "@/components/ui/Dialog";
import { indexTree, parentOf } from "@/lib/supervision/model";
import { canvasStore, useCanvas } from "./use-canvas";

export function DeleteNodeDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const model = useCanvas((s) => s.model);
  const entry = model.entries.get(id);
  if (!entry) return null;
  const children = indexTree(model).children.get(id) ?? [];
  const confirm = () => {
    if (canvasStore.getState().apply({ type: "delete", id })) canvasStore.getState().select(null);
    onClose();
  };
  return (
    <Dialog
      title={`Delete ${id}?`}
      onClose={onClose}
      testId="delete-node-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="danger solid" onClick={confirm} data-testid="confirm-delete-node">
            Delete
          </button>
        </>
      }
    >
      <p style={{ marginTop: 0 }}>
        The {entry.kind} entry <span className="mono">{id}</span> is deleted from the registry when you save the tree (Ctrl+Z undoes it until then).
      </p>
      {children.length > 0 ? (
        <p data-testid="delete-node-children">
          Its {children.length} child{children.length === 1 ? "" : "ren"} ({children.join(", ")}) move{children.length === 1 ? "s" : ""} up to{" "}
          <span className="mono">{parentOf(entry)}</span>.
        </p>
      ) : null}
      {entry.kind === "process.service" ? <p className="muted small-text">Its process.lua entry is kept: other services may run it.</p> : null}
    </Dialog>
  );
}
