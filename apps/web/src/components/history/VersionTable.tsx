"use client";
/**
 * /history: every registry version, newest first, a page at a time — author, source, message,
 * what it changed. Tick two versions to compare them.
 */
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { EmptyState } from "@/components/ui/EmptyState";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { TimeAgo } from "@/components/ui/TimeAgo";
import { useTRPC, useTRPCClient } from "@/lib/trpc";
import { ChangeCounts } from "./ChangeCounts";
import { SourceBadge } from "./SourceBadge";

export const VERSION_PAGE_SIZE = 50;

export function VersionTable() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const [picked, setPicked] = useState<number[]>([]);
  const query = useInfiniteQuery({
    queryKey: [...trpc.history.versions.pathKey(), "pages"],
    queryFn: ({ pageParam }) => client.history.versions.query({ limit: VERSION_PAGE_SIZE, before: pageParam }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });

  if (query.isPending) return <Loading label="Loading versions…" />;
  if (query.error) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <EmptyState>The registry has no versions yet.</EmptyState>;

  const toggle = (id: number) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  const [from, to] = [...picked].sort((a, b) => a - b);

  return (
    <div className="stack" style={{ gap: 8 }}>
      <div className="toolbar" style={{ marginBottom: 0 }}>
        <span className="muted small-text">{picked.length < 2 ? "Tick two versions to compare them." : `Compare version ${from} with version ${to}.`}</span>
        {from !== undefined && to !== undefined ? (
          <Link className="btn primary" href={`/history/diff?from=${from}&to=${to}`} data-testid="compare-button">
            Compare v{from} → v{to}
          </Link>
        ) : null}
      </div>
      <div className="card table-wrap">
        <table className="table" data-testid="version-table">
          <thead>
            <tr>
              <th aria-label="Compare" />
              <th>Version</th>
              <th>When</th>
              <th>Author</th>
              <th>Source</th>
              <th>Message</th>
              <th className="num">Changes</th>
            </tr>
          </thead>
          <tbody>
            {items.map((v) => (
              <tr key={v.id} data-testid="history-row" data-version={v.id}>
                <td>
                  <input type="checkbox" checked={picked.includes(v.id)} onChange={() => toggle(v.id)} aria-label={`Compare version ${v.id}`} data-testid="compare-pick" />
                </td>
                <td>
                  <Link href={`/history/${v.id}`} data-testid="version-link">
                    v{v.id}
                  </Link>
                </td>
                <td>
                  <TimeAgo value={v.createdAt} />
                </td>
                <td className="break">{v.author}</td>
                <td>
                  <SourceBadge source={v.source} />
                </td>
                <td data-testid="version-message">{v.message || <span className="muted">—</span>}</td>
                <td className="num no-wrap">
                  <ChangeCounts counts={v.counts} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {query.hasNextPage ? (
        <button type="button" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage} style={{ alignSelf: "center" }}>
          {query.isFetchingNextPage ? "Loading…" : "Load older versions"}
        </button>
      ) : null}
    </div>
  );
}
