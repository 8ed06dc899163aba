"use client";
/** The live log feed over the real wire: the `/ui` socket's `logs:*` events and tRPC's `processes.logs`. */
import type { LogLine } from "@wippy/shared";
import { errorMessage } from "@/lib/api-errors";
import { listen, onSocketConnect, onSocketDown, type UiSocket } from "@/lib/socket";
import type { LogFeedPort, RecentLogs } from "./log-feed";

const ACK_TIMEOUT_MS = 10_000;

export function socketLogPort(socket: UiSocket, recent: () => Promise<{ nodes: RecentLogs[] }>): LogFeedPort {
  return {
    isConnected: () => socket.connected,
    onConnect: (listener) => onSocketConnect(socket, listener),
    onDisconnect: (listener) => onSocketDown(socket, listener),
    onLines: (listener) => listen(socket, "logs:lines", (update: { nodeId: string; lines: LogLine[] }) => listener(update.nodeId, update.lines)),
    subscribe: () =>
      new Promise((resolve) => {
        socket.timeout(ACK_TIMEOUT_MS).emit("logs:subscribe", (error, result) => {
          if (error) resolve({ ok: false, message: "the control plane did not answer the subscription; trying again", retry: true });
          else resolve(result.ok ? { ok: true } : { ok: false, message: result.message });
        });
      }),
    unsubscribe: () => void socket.emit("logs:unsubscribe", () => undefined),
    fetchRecent: () =>
      recent().then(
        (r) => r.nodes,
        (error: unknown) => {
          throw new Error(errorMessage(error));
        },
      ),
  };
}
