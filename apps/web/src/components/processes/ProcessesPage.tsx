"use client";
/**
 * /processes — every process on every node, live (issue 8's inspector): filters, search and
 * sort over a virtualized table that follows the nodes' 1 Hz deltas. A row opens the process
 * page.
 */
import { EmptyState } from "@/components/ui/EmptyState";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { PageHeader } from "@/components/ui/PageHeader";
import { Toaster } from "@/components/ui/Toaster";
import { useLiveProcesses } from "@/lib/hooks/use-live-processes";
import { useProcessFacets, useProcessSelection } from "@/lib/hooks/use-process-selection";
import { isFiltered } from "@/lib/processes/process-query";
import { useProcessQuery } from "@/lib/processes/process-query-store";
import { useProcessStore } from "@/lib/processes/process-store";
import { LiveIndicator } from "./LiveIndicator";
import { NodeSyncNotices } from "./NodeSyncNotices";
import { ProcessCounts } from "./ProcessCounts";
import { ProcessTable } from "./ProcessTable";
import { ProcessToolbar } from "./ProcessToolbar";

export function ProcessesPage() {
  const { status, nodes } = useLiveProcesses();
  const query = useProcessQuery((s) => s.query);
  const sortBy = useProcessQuery((s) => s.sortBy);
  const clearFilters = useProcessQuery((s) => s.clearFilters);
  const selection = useProcessSelection(query);
  const facets = useProcessFacets();
  const total = useProcessStore((s) => s.table.size);
  const loading = total === 0 && (status.connection === "connecting" || nodes.some((n) => n.state === "syncing"));

  return (
    <>
      <PageHeader title="Processes" subtitle="Every process on every runtime node, updated as the nodes report (about once a second).">
        <LiveIndicator connection={status.connection} lastUpdateAt={status.lastDeltaAt} />
      </PageHeader>
      {status.connection === "refused" ? <ErrorMessage error={new Error(status.refusal ?? "the live process feed was refused")} title="Not live" /> : null}
      <NodeSyncNotices nodes={nodes} />
      <ProcessToolbar facets={facets} />
      {loading ? (
        <Loading label="Loading processes…" testId="processes-loading" />
      ) : status.connection === "live" && nodes.length === 0 ? (
        <EmptyState testId="processes-no-nodes">No runtime node is connected. Start one with `npx wippy start` or `npx wippy run`.</EmptyState>
      ) : status.connection === "offline" && total === 0 ? (
        <EmptyState testId="processes-offline">Not connected to the control plane. Trying again…</EmptyState>
      ) : (
        <>
          <ProcessCounts shown={selection.rows.length} total={total} nodes={nodes.length} facets={facets} />
          {selection.rows.length === 0 ? (
            <EmptyState testId="processes-empty">
              {isFiltered(query) ? (
                <>
                  No process matches these filters.{" "}
                  <button type="button" className="btn-sm" onClick={clearFilters}>
                    Clear filters
                  </button>
                </>
              ) : (
                "The nodes run no process right now."
              )}
            </EmptyState>
          ) : (
            <ProcessTable rows={selection.rows} sort={query.sort} onSort={sortBy} />
          )}
        </>
      )}
      <Toaster />
    </>
  );
}
