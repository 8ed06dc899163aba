"use client";
/** How many change requests wait for review, next to "Changes" in the side navigation. */
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc";
import styles from "./changes.module.css";

export const OPEN_COUNT_REFRESH_MS = 15_000;

export function OpenChangeCount() {
  const trpc = useTRPC();
  const counts = useQuery(trpc.changes.counts.queryOptions(undefined, { refetchInterval: OPEN_COUNT_REFRESH_MS }));
  const open = counts.data?.open ?? 0;
  if (open === 0) return null;
  return (
    <span className={`badge accent ${styles.count}`} title={`${open} change request${open === 1 ? "" : "s"} waiting for review`} data-testid="open-changes">
      {open}
    </span>
  );
}
