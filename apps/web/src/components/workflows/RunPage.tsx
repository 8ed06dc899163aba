"use client";
/**
 * /workflows/[id]: one run — header with status and actions, facts, input and outcome, what it
 * waits on, and its timeline. Refreshes every second while the run is running. Who else has
 * the run open is shown in the header, and the run's comments below its timeline.
 */
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { runTarget } from "@wippy/shared";
import { CommentsPanel } from "@/components/comments/CommentsPanel";
import { PresenceAvatars } from "@/components/presence/PresenceAvatars";
import { usePresence } from "@/components/presence/use-presence";
import { EmptyState } from "@/components/ui/EmptyState";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { PageHeader } from "@/components/ui/PageHeader";
import { errorCode } from "@/lib/api-errors";
import { useTRPC } from "@/lib/trpc";
import { PendingPanel } from "./PendingPanel";
import { RunActions } from "./RunActions";
import { RunFacts } from "./RunFacts";
import { RunOutcome } from "./RunOutcome";
import { RunStatusBadge } from "./RunStatusBadge";
import { Timeline } from "./Timeline";
import styles from "./workflows.module.css";

export const RUNNING_REFRESH_MS = 1_000;

export function RunPage({ id }: { id: string }) {
  const trpc = useTRPC();
  const query = useQuery(
    trpc.workflows.get.queryOptions({ id }, { refetchInterval: (q) => (q.state.data?.run.status === "running" ? RUNNING_REFRESH_MS : false) }),
  );
  const [notice, setNotice] = useState<string | null>(null);
  const presence = usePresence(runTarget(id));

  if (query.isPending) return <Loading label="Loading the workflow run…" />;
  if (!query.data) {
    if (errorCode(query.error) === "NOT_FOUND") {
      return (
        <EmptyState testId="run-not-found">
          No workflow run {id}. <Link href="/workflows">All workflow runs</Link>
        </EmptyState>
      );
    }
    return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  }
  const page = query.data;
  const { run } = page;

  return (
    <div className="stack" data-testid="run-page" data-run-id={run.id}>
      <PageHeader
        title={
          <span className="row">
            <span className={styles.title} data-testid="run-id">
              {run.id}
            </span>
            <RunStatusBadge status={run.status} halted={run.halted !== undefined} />
          </span>
        }
        subtitle={
          <>
            <Link href="/workflows">Workflows</Link> · a run of {run.workflow}
          </>
        }
      >
        <PresenceAvatars presence={presence} what="this run" />
        <RunActions runId={run.id} running={run.status === "running"} onDone={setNotice} />
      </PageHeader>
      {notice ? (
        <div className="notice success row" role="status" data-testid="run-notice">
          <span style={{ marginRight: "auto" }} data-testid="run-notice-text">
            {notice}
          </span>
          <button type="button" className="btn-sm" onClick={() => setNotice(null)} aria-label="Dismiss">
            ✕
          </button>
        </div>
      ) : null}
      {run.halted ? (
        <div className="notice warning" data-testid="run-halted">
          <strong>Halted:</strong> no node runs it until it is upgraded to code that replays its history ({run.halted.kind}: {run.halted.message})
        </div>
      ) : null}
      {query.isRefetchError ? <ErrorMessage error={query.error} title="Refreshing failed; showing the last answer" onRetry={() => void query.refetch()} /> : null}
      <RunFacts page={page} />
      <RunOutcome run={run} />
      {run.status === "running" ? <PendingPanel page={page} /> : null}
      <Timeline page={page} />
      <CommentsPanel target={runTarget(run.id)} what="this run" />
    </div>
  );
}
