"use client";
/**
 * Rolling the registry back to a version, as a new version: first the preview of exactly what
 * it changes (computed at the current head), then a confirmation. If anyone writes in between,
 * the server refuses and the preview is taken again.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Dialog } from "@/components/ui/Dialog";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { errorCode } from "@/lib/api-errors";
import { useTRPC } from "@/lib/trpc";
import { ChangeList } from "./ChangeList";

export function RollbackDialog({ to, onClose }: { to: number; onClose: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const preview = useQuery(trpc.history.rollbackPreview.queryOptions({ to }, { staleTime: 0, gcTime: 0 }));
  const [message, setMessage] = useState("");
  const rollback = useMutation(
    trpc.history.rollback.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries(trpc.history.pathFilter());
        await queryClient.invalidateQueries(trpc.registry.pathFilter());
        router.push(`/history/${result.version.id}`);
      },
      onError: (error) => {
        if (errorCode(error) === "CONFLICT") void preview.refetch();
      },
    }),
  );
  const changes = preview.data?.changes ?? [];

  return (
    <Dialog
      title={`Roll back to version ${to}?`}
      onClose={onClose}
      wide
      testId="rollback-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="danger solid"
            disabled={!preview.data || changes.length === 0 || rollback.isPending || preview.isFetching}
            onClick={() => preview.data && rollback.mutate({ to, baseVersion: preview.data.baseVersion, message })}
            data-testid="confirm-rollback"
          >
            {rollback.isPending ? "Rolling back…" : `Roll back (${changes.length} entr${changes.length === 1 ? "y" : "ies"})`}
          </button>
        </>
      }
    >
      <p style={{ marginTop: 0 }}>
        This makes a new version in which the registry looks as it did at version {to}. History is kept: you can roll forward again the same way.
      </p>
      {preview.isPending ? <Loading label="Computing what the rollback changes…" /> : null}
      {preview.error ? <ErrorMessage error={preview.error} onRetry={() => void preview.refetch()} /> : null}
      {preview.data ? (
        <div data-testid="rollback-preview">
          <p className="muted small-text">
            From the current version {preview.data.baseVersion} to the state of version {to}:
          </p>
          <ChangeList changes={changes} testId="rollback-changes" />
        </div>
      ) : null}
      {preview.data && changes.length > 0 ? (
        <label className="field" style={{ marginTop: 12 }}>
          <span>Message</span>
          <input value={message} onChange={(e) => setMessage(e.target.value)} placeholder={`rollback to version ${to}`} data-testid="rollback-message" />
        </label>
      ) : null}
      {rollback.error ? <ErrorMessage error={rollback.error} testId="rollback-error" /> : null}
    </Dialog>
  );
}
