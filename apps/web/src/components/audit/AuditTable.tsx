"use client";
/** /audit: every mutation, newest first — who, what, when, and (opened) before/after. */
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { EmptyState } from "@/components/ui/EmptyState";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { errorCode } from "@/lib/api-errors";
import { formatDateTime } from "@/lib/format";
import { useTRPC } from "@/lib/trpc";
import { AuditFilters, type AuditFilterValues } from "./AuditFilters";
import { AuditRowView } from "./AuditRowView";

export const AUDIT_PAGE_SIZE = 50;

export function AuditTable() {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<AuditFilterValues>({});
  const query = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions({ ...filters, limit: AUDIT_PAGE_SIZE }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
  );

  return (
    <>
      <AuditFilters onApply={setFilters} />
      {query.isPending ? <Loading label="Loading the audit log…" /> : null}
      {query.error ? (
        errorCode(query.error) === "FORBIDDEN" ? (
          <div className="notice">The audit log is for editors and admins.</div>
        ) : (
          <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
        )
      ) : null}
      {query.data ? (
        query.data.pages[0]?.items.length === 0 ? (
          <EmptyState testId="audit-empty">No audit records match.</EmptyState>
        ) : (
          <div className="card table-wrap">
            <table className="table" data-testid="audit-table">
              <thead>
                <tr>
                  <th aria-label="Details" />
                  <th>When</th>
                  <th>Actor</th>
                  <th>Action</th>
                  <th>Target</th>
                  <th>Summary</th>
                </tr>
              </thead>
              <tbody>
                {query.data.pages.flatMap((p) => p.items).map((row) => (
                  <AuditRowView key={row.id} row={row} />
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      {query.hasNextPage ? (
        <div className="row" style={{ justifyContent: "center", marginTop: 12 }}>
          <button type="button" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? "Loading…" : "Load older records"}
          </button>
        </div>
      ) : null}
      {filters.since || filters.until ? (
        <p className="muted small-text">
          Between {filters.since ? formatDateTime(filters.since) : "the start"} and {filters.until ? formatDateTime(filters.until) : "now"}.
        </p>
      ) : null}
    </>
  );
}
