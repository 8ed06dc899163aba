"use client";
/** /nodes: the live runtime nodes — what each last reported in its heartbeat. */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { EmptyState } from "@/components/ui/EmptyState";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { TimeAgo } from "@/components/ui/TimeAgo";
import { formatBytes } from "@/lib/format";
import { useLiveNodes } from "@/lib/hooks/use-live-nodes";
import { useTRPC } from "@/lib/trpc";

/** A heartbeat older than this marks the node as possibly gone. */
export const STALE_HEARTBEAT_MS = 15_000;

export function NodeTable() {
  const trpc = useTRPC();
  const { query, live } = useLiveNodes();
  const head = useQuery(trpc.history.versions.queryOptions({ limit: 1 }, { refetchInterval: 10_000 }));
  const latest = head.data?.items[0]?.id;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);

  if (query.isPending) return <Loading label="Loading nodes…" />;
  if (query.error) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const nodes = query.data.nodes;

  return (
    <div className="stack" style={{ gap: 8 }}>
      <div className="muted small-text" data-testid="nodes-live" data-live={live}>
        {live ? "● Live: updates arrive as nodes report." : "○ Polling every 2 s (live updates unavailable)."}
      </div>
      {nodes.length === 0 ? (
        <EmptyState testId="nodes-empty">No runtime node is connected. Start one with `npx wippy start` or `npx wippy run`.</EmptyState>
      ) : (
        <div className="card table-wrap">
          <table className="table" data-testid="node-table">
            <thead>
              <tr>
                <th>Node</th>
                <th>Address</th>
                <th className="num">Registry</th>
                <th className="num">Processes</th>
                <th className="num">Memory</th>
                <th>Started</th>
                <th>Last heartbeat</th>
              </tr>
            </thead>
            <tbody>
              {nodes.map((n) => {
                const stale = now - n.heartbeatAt > STALE_HEARTBEAT_MS;
                const behind = latest !== undefined && n.registryVersion < latest;
                return (
                  <tr key={n.id} data-testid="node-row" data-node-id={n.id}>
                    <td className="mono break">{n.id}</td>
                    <td className="mono break">{n.address}</td>
                    <td className="num">
                      v{n.registryVersion} {behind ? <span className="badge warning">behind</span> : null}
                    </td>
                    <td className="num">{n.processes}</td>
                    <td className="num">{formatBytes(n.memory)}</td>
                    <td>
                      <TimeAgo value={n.startedAt} now={now} />
                    </td>
                    <td>
                      <TimeAgo value={n.heartbeatAt} now={now} /> {stale ? <span className="badge danger">stale</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
