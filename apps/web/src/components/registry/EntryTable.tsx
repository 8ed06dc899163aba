"use client";
/** The entries matching the filters, a page at a time; each row opens the entry. */
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { EmptyState } from "@/components/ui/EmptyState";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { entryHref } from "@/lib/entry-id";
import type { RegistryFilters } from "@/lib/registry-filters";
import { useTRPC } from "@/lib/trpc";

export const ENTRY_PAGE_SIZE = 100;

/** The first of meta title, description, comment: what a person wrote about the entry. */
function describe(meta: Record<string, unknown>): string {
  for (const key of ["title", "description", "comment"]) {
    const value = meta[key];
    if (typeof value === "string") return value;
  }
  return "";
}

export function EntryTable({ filters }: { filters: RegistryFilters }) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.registry.list.infiniteQueryOptions(
      {
        namespace: filters.namespace,
        recursive: true,
        kind: filters.kind,
        search: filters.search,
        meta: Object.keys(filters.meta).length > 0 ? filters.meta : undefined,
        limit: ENTRY_PAGE_SIZE,
      },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );

  if (query.isPending) return <Loading label="Loading entries…" />;
  if (query.error) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data.pages.flatMap((p) => p.items);
  const total = query.data.pages[0]?.total ?? 0;
  if (items.length === 0) return <EmptyState testId="entries-empty">No entries match these filters.</EmptyState>;

  return (
    <div className="card">
      <div className="table-wrap">
        <table className="table" data-testid="entry-table">
          <thead>
            <tr>
              <th>Entry</th>
              <th>Kind</th>
              <th className="hide-narrow">Description</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id} data-testid="entry-row" data-entry-id={e.id}>
                <td>
                  <Link href={entryHref(e.id)} prefetch={false} className="break" data-testid="entry-link">
                    <span className="entry-ns">{e.namespace}:</span>
                    <span className="entry-name">{e.name}</span>
                  </Link>
                </td>
                <td>
                  <span className="badge">{e.kind}</span>
                </td>
                <td className="muted hide-narrow">{describe(e.meta)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="row" style={{ padding: "8px 12px", borderTop: "1px solid var(--border)" }}>
        <span className="muted small-text" data-testid="entry-count">
          {items.length} of {total} entr{total === 1 ? "y" : "ies"}
        </span>
        {query.hasNextPage ? (
          <button type="button" className="btn-sm" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage} style={{ marginLeft: "auto" }}>
            {query.isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        ) : null}
      </div>
    </div>
  );
}
