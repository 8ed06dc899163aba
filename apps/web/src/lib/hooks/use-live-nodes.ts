"use client";
/**
 * The runtime nodes, live: `nodes.list` over tRPC, kept current by the `/ui` socket's
 * `node:joined` / `node:heartbeat` / `node:left` events. While the socket is down the list is
 * polled every 2 s instead, so the page never goes stale silently.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { NodeInfo } from "@wippy/api";
import { getUiSocket, listen, onSocketConnect, onSocketDown } from "@/lib/socket";
import { useTRPC } from "@/lib/trpc";

export const NODES_POLL_MS = 2_000;
export const NODES_POLL_LIVE_MS = 30_000;

function upsert(nodes: NodeInfo[], node: NodeInfo): NodeInfo[] {
  const rest = nodes.filter((n) => n.id !== node.id);
  return [...rest, node].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function useLiveNodes() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);
  const query = useQuery(trpc.nodes.list.queryOptions(undefined, { refetchInterval: live ? NODES_POLL_LIVE_MS : NODES_POLL_MS, staleTime: 0 }));

  useEffect(() => {
    const socket = getUiSocket();
    const key = trpc.nodes.list.queryKey();
    const update = (change: (nodes: NodeInfo[]) => NodeInfo[]) =>
      queryClient.setQueryData(key, (old) => (old ? { ...old, nodes: change([...old.nodes]) } : old));
    const subscribe = () =>
      socket.emit("nodes:subscribe", (result) => {
        setLive(result.ok);
        if (result.ok) queryClient.setQueryData(key, { nodes: result.nodes });
      });
    const onNode = (node: NodeInfo) => update((nodes) => upsert(nodes, node));
    const onLeft = ({ id }: { id: string }) => update((nodes) => nodes.filter((n) => n.id !== id));
    const stops = [
      onSocketConnect(socket, subscribe),
      onSocketDown(socket, () => setLive(false)),
      listen(socket, "node:joined", onNode),
      listen(socket, "node:heartbeat", onNode),
      listen(socket, "node:left", onLeft),
    ];
    if (socket.connected) subscribe();
    return () => {
      for (const stop of stops) stop();
      if (socket.connected) socket.emit("nodes:unsubscribe", () => undefined);
    };
  }, [trpc, queryClient]);

  return { query, live };
}
