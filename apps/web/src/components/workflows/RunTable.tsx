"use client";
/**
 * The runs matching the filters, newest first, a page at a time (refreshed every few seconds
 * while open); each row opens the run. Counts per status come with the first page.
 */
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { EmptyState } from "@/components/ui/EmptyState";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { TimeAgo } from "@/components/ui/TimeAgo";
import { useTRPC, type RouterOutputs } from "@/lib/trpc";
import { toListInput, type RunFilters } from "@/lib/workflow-filters";
import { runHref } from "@/lib/workflow-format";
import { RunStatusBadge } from "./RunStatusBadge";
import { StatusTabs } from "./StatusTabs";
import styles from "./workflows.module.css";

export const RUN_PAGE_SIZE = 50;
const REFRESH_MS = 5_000;

type Counts = RouterOutputs["workflows"]["list"]["counts"];

export function RunTable({ filters, onStatus, usable }: { filters: RunFilters; onStatus: (status: RunFilters["status"]) => void; usable: boolean }) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.workflows.list.infiniteQueryOptions(
      { ...toListInput(filters), limit: RUN_PAGE_SIZE },
      { getNextPageParam: (last) => last.nextCursor ?? undefined, refetchInterval: REFRESH_MS, enabled: usable },
    ),
  );
  const counts: Counts | undefined = query.data?.pages[0]?.counts;
  const tabs = <StatusTabs status={filters.status} counts={counts} onSelect={onStatus} />;

  if (!usable) return tabs;
  if (query.isPending) return <>{tabs}<Loading label="Loading workflow runs…" /></>;
  if (query.error) return <>{tabs}<ErrorMessage error={query.error} onRetry={() => void query.refetch()} /></>;
  const runs = query.data.pages.flatMap((p) => p.items);
  const matching = filters.status ? (counts?.[filters.status] ?? 0) : (counts?.all ?? 0);
  if (runs.length === 0) {
    return (
      <>
        {tabs}
        <EmptyState testId="runs-empty">
          {filters.status || filters.id || filters.workflow || filters.from || filters.to
            ? "No workflow runs match these filters."
            : "No workflow runs yet. Start one here, from Lua (process.spawn on a workflow.host), or with npx wippy workflow start."}
        </EmptyState>
      </>
    );
  }

  return (
    <>
      {tabs}
      <div className="card">
        <div className="table-wrap">
          <table className="table" data-testid="run-table">
            <thead>
              <tr>
                <th>Run</th>
                <th>Workflow</th>
                <th>Status</th>
                <th>Created</th>
                <th className="hide-narrow">Updated</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id} data-testid="run-row" data-run-id={run.id}>
                  <td>
                    <Link href={runHref(run.id)} prefetch={false} className={styles.runId} data-testid="run-link">
                      {run.id}
                    </Link>
                    {run.parentId ? <div className="muted small-text">child of {run.parentId}</div> : null}
                  </td>
                  <td className="break">{run.workflow}</td>
                  <td>
                    <RunStatusBadge status={run.status} halted={run.halted !== null} />
                    {run.error ? <div className="muted small-text break">{run.error.message}</div> : null}
                  </td>
                  <td>
                    <TimeAgo value={run.createdAt} />
                  </td>
                  <td className="hide-narrow">
                    <TimeAgo value={run.updatedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="row" style={{ padding: "8px 12px", borderTop: "1px solid var(--border)" }}>
          <span className="muted small-text" data-testid="run-count">
            {runs.length} of {matching} run{matching === 1 ? "" : "s"}
          </span>
          {query.hasNextPage ? (
            <button type="button" className="btn-sm" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage} style={{ marginLeft: "auto" }} data-testid="runs-more">
              {query.isFetchingNextPage ? "Loading…" : "Load more"}
            </button>
          ) : null}
        </div>
      </div>
    </>
  );
}
