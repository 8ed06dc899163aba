"use client";
/**
 * Follows every node's processes while the calling component is mounted (the shared feed of
 * lib/processes/process-store.ts), and returns the feed's status and the nodes' sync states.
 */
import { useEffect } from "react";
import { socketProcessPort } from "@/lib/processes/process-port";
import { acquireProcessFeed, useProcessStore } from "@/lib/processes/process-store";
import { getUiSocket } from "@/lib/socket";
import { useTRPCClient } from "@/lib/trpc";

export function useLiveProcesses() {
  const client = useTRPCClient();
  useEffect(() => acquireProcessFeed(() => socketProcessPort(getUiSocket(), (nodeId) => client.processes.snapshot.query({ nodeId }))), [client]);
  const status = useProcessStore((s) => s.status);
  const nodes = useProcessStore((s) => s.nodes);
  const version = useProcessStore((s) => s.version);
  return { status, nodes, version };
}
