"use client";
/**
 * The inspector's feed over the real wire: the `/ui` socket's `processes:*` and `nodes:*`
 * events (server/sockets/ui-events.ts) and tRPC's `processes.snapshot`.
 *
 * The node list room is joined but never left here: socket.io rooms are per connection, not
 * per component, and another page (Nodes) may be in it too. Its heartbeats are small.
 */
import type { ProcessSnapshot } from "@wippy/shared";
import { errorMessage } from "@/lib/api-errors";
import { listen, onSocketConnect, onSocketDown, type UiSocket } from "@/lib/socket";
import type { ProcessFeedPort, SubscribeResult } from "./process-feed";

/** How long a subscribe may wait for its ack before the feed shows the connection as refused. */
const ACK_TIMEOUT_MS = 10_000;

export function socketProcessPort(socket: UiSocket, snapshot: (nodeId: string) => Promise<ProcessSnapshot>): ProcessFeedPort {
  return {
    isConnected: () => socket.connected,
    onConnect: (listener) => onSocketConnect(socket, listener),
    onDisconnect: (listener) => onSocketDown(socket, listener),
    onDelta: (listener) => listen(socket, "processes:delta", ({ nodeId, ...delta }) => listener(nodeId, delta)),
    onNodeJoined: (listener) => listen(socket, "node:joined", (node) => listener(node.id)),
    onNodeLeft: (listener) => listen(socket, "node:left", (node) => listener(node.id)),
    subscribe: () =>
      new Promise<SubscribeResult>((resolve) => {
        const late = { ok: false as const, message: "the control plane did not answer the subscription; trying again", retry: true };
        socket.timeout(ACK_TIMEOUT_MS).emit("processes:subscribe", (error, result) => {
          if (error) return resolve(late);
          if (!result.ok) return resolve({ ok: false, message: result.message });
          socket.timeout(ACK_TIMEOUT_MS).emit("nodes:subscribe", (listError, list) => {
            if (listError) return resolve(late);
            resolve(list.ok ? { ok: true, nodes: list.nodes.map((n) => n.id) } : { ok: false, message: list.message });
          });
        });
      }),
    unsubscribe: () => void socket.emit("processes:unsubscribe", () => undefined),
    fetchSnapshot: (nodeId) =>
      snapshot(nodeId).catch((error: unknown) => {
        throw new Error(errorMessage(error));
      }),
  };
}
