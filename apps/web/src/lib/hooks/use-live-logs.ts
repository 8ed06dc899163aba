"use client";
/** Follows every node's log lines while the calling component is mounted (lib/logs/log-store.ts). */
import { useEffect } from "react";
import { socketLogPort } from "@/lib/logs/log-port";
import { acquireLogFeed, useLogStore } from "@/lib/logs/log-store";
import { DEFAULT_LOG_FEED } from "@/lib/logs/log-feed";
import { getUiSocket } from "@/lib/socket";
import { useTRPCClient } from "@/lib/trpc";

export function useLiveLogs() {
  const client = useTRPCClient();
  useEffect(() => acquireLogFeed(() => socketLogPort(getUiSocket(), () => client.processes.logs.query({ limit: DEFAULT_LOG_FEED.recent }))), [client]);
  const lines = useLogStore((s) => s.lines);
  const status = useLogStore((s) => s.status);
  return { lines, status };
}
