"use client";
/**
 * /changes: the inbox of change requests — open ones first — by status (in the URL), newest
 * first, refreshed while it is open. Each row links to its review page.
 */
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { EmptyState } from "@/components/ui/EmptyState";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { PageHeader } from "@/components/ui/PageHeader";
import { TimeAgo } from "@/components/ui/TimeAgo";
import { useTRPC, useTRPCClient } from "@/lib/trpc";
import { AuthorLabel } from "./AuthorLabel";
import { countFor, INBOX_TABS, type InboxTab } from "./change-status";
import { ChangeStatusBadge } from "./ChangeStatusBadge";
import styles from "./changes.module.css";

export const CHANGES_PAGE_SIZE = 50;
export const INBOX_REFRESH_MS = 5_000;

const EMPTY: Record<InboxTab, string> = {
  open: "Nothing waits for review. Agents propose changes with changes:propose(); people with “Propose” in the entry editor.",
  attention: "No stale or unapplied requests.",
  applied: "No change request has been applied yet.",
  rejected: "No change request has been rejected.",
  all: "No change requests yet.",
};

export function ChangesPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const tab = INBOX_TABS.find((t) => t.id === params.get("status")) ?? INBOX_TABS[0];
  const counts = useQuery(trpc.changes.counts.queryOptions(undefined, { refetchInterval: INBOX_REFRESH_MS }));
  const query = useInfiniteQuery({
    queryKey: [...trpc.changes.list.pathKey(), "inbox", tab.id],
    queryFn: ({ pageParam }) => client.changes.list.query({ status: [...tab.statuses], limit: CHANGES_PAGE_SIZE, before: pageParam }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    refetchInterval: INBOX_REFRESH_MS,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div data-testid="changes-page">
      <PageHeader title="Change requests" subtitle="Registry changes proposed for review — by agents and by people. Approving one applies it as one new version." />
      <div className="tabs" role="tablist" data-testid="change-tabs">
        {INBOX_TABS.map((t) => {
          const n = countFor(t, counts.data);
          return (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={t.id === tab.id}
              onClick={() => router.replace(t.id === "open" ? pathname : `${pathname}?status=${t.id}`, { scroll: false })}
              data-testid={`tab-${t.id}`}
            >
              {t.label}
              {n !== null ? <span className={`muted ${styles.count}`}>{n}</span> : null}
            </button>
          );
        })}
      </div>
      <div className="card table-wrap" style={{ marginTop: 12 }}>
        {query.isPending ? <Loading label="Loading change requests…" /> : null}
        {query.error && !query.data ? <ErrorMessage error={query.error} title="Could not load the change requests" onRetry={() => void query.refetch()} /> : null}
        {query.data && items.length === 0 ? <EmptyState testId="changes-empty">{EMPTY[tab.id]}</EmptyState> : null}
        {items.length > 0 ? (
          <table className="table" data-testid="change-table">
            <thead>
              <tr>
                <th>Request</th>
                <th>Status</th>
                <th>Author</th>
                <th>Entries</th>
                <th className="num">Approvals</th>
                <th>Proposed</th>
              </tr>
            </thead>
            <tbody>
              {items.map((cr) => (
                <tr key={cr.id} data-testid="change-row" data-id={cr.id} data-status={cr.status}>
                  <td>
                    <Link href={`/changes/${cr.id}`} data-testid="change-link">
                      #{cr.id}
                    </Link>{" "}
                    {cr.message || <span className="muted">(no message)</span>}
                  </td>
                  <td>
                    <ChangeStatusBadge status={cr.status} />
                  </td>
                  <td>
                    <AuthorLabel author={cr.author} />
                  </td>
                  <td>
                    <span className={`mono small-text ${styles.entries}`}>
                      {cr.entryIds.slice(0, 3).map((id) => (
                        <span key={id}>{id}</span>
                      ))}
                      {cr.entryIds.length > 3 ? <span className="muted">+{cr.entryIds.length - 3} more</span> : null}
                    </span>
                  </td>
                  <td className="num no-wrap">
                    {cr.approvals}/{cr.approvalsRequired}
                  </td>
                  <td>
                    <TimeAgo value={cr.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {query.hasNextPage ? (
          <div style={{ padding: 12, textAlign: "center" }}>
            <button type="button" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              {query.isFetchingNextPage ? "Loading…" : "Show older"}
            </button>
          </div>
        ) : null}
      </div>
    </div>
  );
}
