"use client";
/**
 * For a change to workflow code: would the running runs of each workflow it changes replay on
 * the new code? (`changes.replay`: their histories replayed against it; nothing changes.) Runs
 * keep the code they started with either way; this says whether upgrading them would be safe.
 */
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { RunStatusBadge } from "@/components/workflows/RunStatusBadge";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { useTRPC } from "@/lib/trpc";
import { runHref } from "@/lib/workflow-format";
import styles from "./changes.module.css";

const VERDICT = {
  deterministic: { tone: "success", text: "replays on the new code" },
  diverged: { tone: "danger", text: "diverges from its history" },
  unchanged: { tone: "", text: "already runs this code" },
  refused: { tone: "warning", text: "cannot be checked" },
} as const;

export function ReplayCheck({ id }: { id: number }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.changes.replay.queryOptions({ id }, { staleTime: 10_000 }));
  return (
    <section className="card" data-testid="replay-check">
      <div className="card-header">
        <h2>Replay check</h2>
        <span className="muted small-text" style={{ marginLeft: "auto" }}>
          running workflows on the new code
        </span>
      </div>
      <div className="card-body stack" style={{ gap: 10 }}>
        {query.isPending ? <Loading label="Replaying running workflows…" /> : null}
        {query.error ? <ErrorMessage error={query.error} title="Could not check" onRetry={() => void query.refetch()} /> : null}
        {query.data && query.data.workflows.length === 0 ? (
          <p className="muted" style={{ margin: 0 }} data-testid="replay-none">
            It changes no workflow code.
          </p>
        ) : null}
        {query.data?.workflows.map((wf) => (
          <div key={wf.workflow} className="stack" style={{ gap: 6 }} data-testid="replay-workflow" data-workflow={wf.workflow}>
            <strong className="mono">{wf.workflow}</strong>
            {!wf.exists ? <div className="notice warning">The change deletes it: its running runs keep the code they started with, and no new run can start.</div> : null}
            {wf.runs.length === 0 ? <p className="muted small-text" style={{ margin: 0 }}>No running runs: nothing to replay.</p> : null}
            {wf.runs.map((run) => (
              <div key={run.runId} className={styles.replayRow} data-testid="replay-run" data-status={run.status}>
                <RunStatusBadge status="running" testId="replay-run-state" />
                <Link href={runHref(run.runId)} className="mono">
                  {run.runId}
                </Link>
                <span className={`badge ${VERDICT[run.status].tone}`}>{VERDICT[run.status].text}</span>
                {run.checkedThrough !== null ? <span className="muted small-text">{run.checkedThrough} events replayed</span> : null}
                {run.message ? <span className="small-text break">{run.message}</span> : null}
              </div>
            ))}
            {wf.more ? <p className="muted small-text" style={{ margin: 0 }}>Only the newest runs were checked.</p> : null}
          </div>
        ))}
      </div>
    </section>
  );
}
