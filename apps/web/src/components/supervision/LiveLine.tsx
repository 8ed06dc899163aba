"use client";
/**
 * A node's live state as the runtime nodes report it: state, pid, restarts, uptime (counted
 * here, from when the run started), and on how many nodes it runs. Renders nothing until
 * telemetry fills the store's `live` map: no data is shown as no data. It flashes when the
 * child crashed (`lastExitAt` moved), so an instant restart is still seen.
 */
import { useEffect, useState } from "react";
import type { LiveNodeState } from "@/lib/supervision/terms";
import styles from "./supervision.module.css";
import { useFlash } from "./use-flash";

export function LiveLine({ live }: { live: LiveNodeState | undefined }) {
  const flashing = useFlash(live?.lastExitAt);
  const uptimeMs = useUptime(live?.startedAt);
  if (!live) return null;
  const parts = [
    live.state,
    live.pid,
    live.restarts > 0 ? `${live.restarts} restart${live.restarts === 1 ? "" : "s"}` : null,
    uptimeMs !== undefined ? `up ${formatUptime(uptimeMs)}` : null,
    live.nodes > 1 ? `${live.nodes} nodes` : null,
  ];
  return (
    <div className={[styles.live, flashing ? styles.flash : ""].join(" ")} data-testid="node-live" data-flash={flashing ? "true" : "false"} data-restarts={live.restarts}>
      <span className={styles.liveDot} data-state={live.state} aria-hidden="true" />
      <span>{parts.filter(Boolean).join(" · ")}</span>
    </div>
  );
}

/** Milliseconds since `startedAt`, counted every second (undefined without a start). */
function useUptime(startedAt: number | undefined): number | undefined {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (startedAt === undefined) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [startedAt]);
  return startedAt === undefined ? undefined : Math.max(0, now - startedAt);
}

function formatUptime(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
}
