"use client";
/** Whether the inspector is live: connected and streaming, connecting, or offline with the last known state. */
import type { FeedConnection } from "@/lib/processes/process-feed";
import { useNow } from "@/lib/hooks/use-now";
import styles from "./processes.module.css";

const TEXT: Record<FeedConnection, string> = {
  live: "Live",
  connecting: "Connecting…",
  offline: "Offline — showing the last known state",
  refused: "Not live",
};

export function LiveIndicator({ connection, lastUpdateAt, testId = "live-indicator" }: { connection: FeedConnection; lastUpdateAt?: number | null; testId?: string }) {
  const now = useNow();
  const age = lastUpdateAt ? Math.max(0, Math.round((now - lastUpdateAt) / 1000)) : null;
  return (
    <span className={styles.live} data-connection={connection} data-testid={testId}>
      <span className={styles.liveDot} aria-hidden="true" />
      {TEXT[connection]}
      {connection === "live" && age !== null ? <span className="small-text">· last change {age < 2 ? "just now" : `${age} s ago`}</span> : null}
    </span>
  );
}
