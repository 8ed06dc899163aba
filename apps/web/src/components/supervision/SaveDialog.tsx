"use client";
/**
 * Saving the drawing: first the server's preview of exactly what the version will hold (entries
 * created, updated, deleted, each with its field diff) and whether the registry would run with
 * it; then a message and Save. A refusal keeps the drawing as it is: a stale base offers a
 * reload that re-applies the edits, an invalid tree lists the runtime's problems.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { ChangeList } from "@/components/history/ChangeList";
import { Dialog } from "@/components/ui/Dialog";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { errorMessage } from "@/lib/api-errors";
import { problemOf } from "@/lib/api-problems";
import { fieldByField } from "@/lib/field-by-field";
import type { SaveNotice } from "@/lib/hooks/use-save-entry";
import { toChangeset } from "@/lib/supervision/changeset";
import { useTRPC } from "@/lib/trpc";
import { ConflictNotice } from "./ConflictNotice";
import { canvasStore } from "./use-canvas";

interface SaveDialogProps {
  onClose: () => void;
  onSaved: (notice: SaveNotice) => void;
}

export function SaveDialog({ onClose, onSaved }: SaveDialogProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const request = useMemo(() => {
    const { base, model, baseVersion } = canvasStore.getState();
    return { baseVersion, ops: toChangeset(base, model) };
  }, []);
  const preview = useMutation(trpc.supervision.preview.mutationOptions());
  const save = useMutation(trpc.supervision.save.mutationOptions());
  const [message, setMessage] = useState("");
  const { mutate: runPreview } = preview;

  useEffect(() => {
    if (request.ops.length > 0) runPreview(request);
  }, [request, runPreview]);

  const commit = async () => {
    let result: Awaited<ReturnType<typeof save.mutateAsync>>;
    try {
      result = await save.mutateAsync({ ...request, message });
    } catch {
      return; // The refusal is in `save.error`, shown below; the drawing is untouched.
    }
    const saved = result.version === null ? "Nothing saved: the registry already holds this tree." : `Saved as version ${result.version} (${countText(result.changes.length)}).`;
    try {
      await Promise.all([queryClient.invalidateQueries(trpc.registry.pathFilter()), queryClient.invalidateQueries(trpc.history.pathFilter())]);
      const fresh = await queryClient.fetchQuery(trpc.supervision.tree.queryOptions(undefined, { staleTime: 0 }));
      canvasStore.getState().load(fresh);
      onSaved({ kind: result.version === null ? "info" : "success", text: saved });
    } catch (error) {
      onSaved({ kind: "warning", text: `${saved} The tree could not be read again (${errorMessage(error)}): reload the page before editing further.` });
    }
    onClose();
  };
  const reloaded = (notice: SaveNotice) => {
    onSaved(notice);
    onClose();
  };

  const data = preview.data;
  const refusal = problemOf(save.error);
  const stale = data && data.stale.length > 0 ? `The tree changed after version ${data.baseVersion} you drew on (now ${data.head}): ${data.stale.join(", ")}.` : null;
  const problems = refusal?.kind === "invalidTree" ? refusal.problems : (data?.problems ?? []);
  const blocked = !data || stale !== null || problems.length > 0 || data.changes.length === 0;

  return (
    <Dialog
      title="Save the supervision tree"
      onClose={onClose}
      wide
      testId="save-tree-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={blocked || save.isPending} onClick={() => void commit()} data-testid="confirm-save-tree">
            {save.isPending ? "Saving…" : "Save as a new version"}
          </button>
        </>
      }
    >
      {request.ops.length === 0 ? <p data-testid="save-tree-nothing">Nothing to save: the drawing is the tree in the registry.</p> : null}
      {preview.isPending ? <Loading label="Checking the changes…" testId="save-tree-checking" /> : null}
      {preview.error ? <ErrorMessage error={preview.error} title="The changes could not be checked" onRetry={() => runPreview(request)} /> : null}
      {stale ? <ConflictNotice text={`${stale} Your drawing is kept.`} onReloaded={reloaded} /> : null}
      {refusal?.kind === "treeConflict" ? (
        <ConflictNotice text={`${save.error?.message ?? "The tree changed"}. Your drawing is kept.`} onReloaded={reloaded} testId="save-tree-conflict" />
      ) : null}
      {problems.length > 0 ? (
        <div className="notice error" role="alert" data-testid="save-tree-problems">
          The registry would not run with this tree:
          <ul>
            {problems.map((p) => (
              <li key={p.message}>{p.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {save.error && refusal?.kind !== "treeConflict" && refusal?.kind !== "invalidTree" ? <ErrorMessage error={save.error} title="Not saved" testId="save-tree-error" /> : null}
      {data && !stale ? (
        <div className="stack" style={{ gap: 12 }}>
          <ChangeList changes={data.changes.map(fieldByField)} testId="save-tree-changes" />
          <label className="field" style={{ margin: 0 }}>
            <span>Message</span>
            <input
              value={message}
              onChange={(e) => setMessage(e.target.value)}
              placeholder="What changed and why (the version's message)"
              maxLength={2000}
              data-testid="save-tree-message"
              onKeyDown={(e) => {
                if (e.key === "Enter" && !blocked && !save.isPending) void commit();
              }}
            />
          </label>
        </div>
      ) : null}
    </Dialog>
  );
}

function countText(n: number): string {
  return `${n} entr${n === 1 ? "y" : "ies"}`;
}
