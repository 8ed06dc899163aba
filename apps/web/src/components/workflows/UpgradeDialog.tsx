"use client";
/**
 * Upgrading a run to its workflow's current code. The dialog first replays the run's history
 * against that code (nothing changes) and shows the verdict; "Switch" is offered only when the
 * replay is deterministic, and sends the checked code's hash, so code changed in between is
 * refused rather than switched to (the check then runs again).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Dialog } from "@/components/ui/Dialog";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { errorCode } from "@/lib/api-errors";
import { useTRPC } from "@/lib/trpc";
import { shortHash } from "@/lib/workflow-format";
import { Divergence } from "./Divergence";

export function UpgradeDialog({ runId, onClose, onDone }: { runId: string; onClose: () => void; onDone: (text: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const check = useQuery(trpc.workflows.checkUpgrade.queryOptions({ id: runId }, { staleTime: 0, gcTime: 0, retry: false, refetchOnWindowFocus: false }));
  const upgrade = useMutation(
    trpc.workflows.upgrade.mutationOptions({
      onSuccess: async ({ report }) => {
        await queryClient.invalidateQueries(trpc.workflows.pathFilter());
        if (report.status === "upgraded") onDone(`Upgraded ${runId} to code ${shortHash(report.toHash)}.`);
        else void check.refetch();
      },
      onError: (error) => {
        if (errorCode(error) === "CONFLICT") void check.refetch();
      },
    }),
  );
  const verdict = check.data;
  const canSwitch = verdict?.status === "deterministic" && !check.isFetching && !upgrade.isPending;

  return (
    <Dialog
      title="Upgrade to the current code?"
      onClose={onClose}
      wide
      testId="upgrade-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            Close
          </button>
          {verdict?.status === "deterministic" ? (
            <button type="button" className="primary" disabled={!canSwitch} onClick={() => upgrade.mutate({ id: runId, expectedHash: verdict.toHash })} data-testid="upgrade-switch">
              {upgrade.isPending ? "Switching…" : "Switch"}
            </button>
          ) : null}
        </>
      }
    >
      <p style={{ marginTop: 0 }}>
        A run keeps the code it started with. Switching replays its history on the workflow&apos;s current code; it is safe only if that code makes the same calls in the same order.
      </p>
      {check.isFetching ? <Loading label="Replaying the run's history against the current code…" testId="upgrade-checking" /> : null}
      {check.error && !check.isFetching ? <ErrorMessage error={check.error} onRetry={() => void check.refetch()} testId="upgrade-check-error" /> : null}
      {verdict && !check.isFetching ? (
        <div data-testid="upgrade-verdict" data-status={verdict.status}>
          {verdict.status === "unchanged" ? <div className="notice">This run already runs the current code ({shortHash(verdict.hash)}). There is nothing to switch to.</div> : null}
          {verdict.status === "deterministic" ? (
            <div className="notice success">
              The current code replays all {verdict.checkedThrough} events of this run{verdict.ended ? " and reaches its recorded end" : ""}: switching from {shortHash(verdict.fromHash)} to{" "}
              {shortHash(verdict.toHash)} is safe.
            </div>
          ) : null}
          {verdict.status === "diverged" ? (
            <>
              <div className="notice error">
                The current code ({shortHash(verdict.toHash)}) diverges from this run&apos;s history, so the run stays on {shortHash(verdict.fromHash)}. Change the code so it replays the recorded
                steps (e.g. with <code>workflow.version</code>), then check again.
              </div>
              <Divergence error={verdict.error} />
            </>
          ) : null}
        </div>
      ) : null}
      {upgrade.error ? <ErrorMessage error={upgrade.error} testId="upgrade-error" /> : null}
    </Dialog>
  );
}
