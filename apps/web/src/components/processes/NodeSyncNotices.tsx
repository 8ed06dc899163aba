"use client";
/** Nodes whose table could not be read (retried by the feed) or is still loading. */
import type { NodeSyncInfo } from "@/lib/processes/process-table";

export function NodeSyncNotices({ nodes }: { nodes: readonly NodeSyncInfo[] }) {
  const failed = nodes.filter((n) => n.state === "failed");
  // A node resyncing after a gap keeps showing its rows: only a first load is worth a line.
  const syncing = nodes.filter((n) => n.state === "syncing" && n.count === 0);
  if (failed.length === 0 && syncing.length === 0) return null;
  return (
    <div className="stack" style={{ gap: 6, marginBottom: 8 }}>
      {failed.map((n) => (
        <div key={n.nodeId} className="notice warning" style={{ margin: 0 }} data-testid="node-sync-failed" data-node-id={n.nodeId}>
          Node <span className="mono">{n.nodeId}</span>: its processes could not be read ({n.error}). Trying again…
          {n.count > 0 ? " The rows shown for it are its last known state." : null}
        </div>
      ))}
      {syncing.length > 0 ? (
        <div className="muted small-text" data-testid="node-syncing">
          Loading the processes of {syncing.map((n) => n.nodeId).join(", ")}…
        </div>
      ) : null}
    </div>
  );
}
