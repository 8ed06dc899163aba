"use client";
/** The live log feed over the real wire: the `/ui` socket's `logs:*` events and tRPC's `processes.logs`. */
import type { LogLine } from "@wippy/shared";
import { errorMessage } from "@/lib/api-errors";
import type { UiSocket } from "@/lib/socket";
import type { LogFeedPort, RecentLogs } from "./log-feed";

const ACK_TIMEOUT_MS = 10_000;

export function socketLogPort(socket: UiSocket, recent: () => Promise<{ nodes: RecentLogs[] }>): LogFeedPort {
  return {
    isConnected: () => socket.connected,
    onConnect: (listener) => {
      socket.on("connect", listener);
      return () => void socket.off("connect", listener);
    },
    onDisconnect: (listener) => {
      // A connection that drops, or one that cannot be made (its retries go on by themselves).
      const handler = () => listener();
      socket.on("disconnect", handler);
      socket.on("connect_error", handler);
      return () => {
        socket.off("disconnect", handler);
        socket.off("connect_error", handler);
      };
    },
    onLines: (listener) => {
      const handler = (update: { nodeId: string; lines: LogLine[] }) => listener(update.nodeId, update.lines);
      socket.on("logs:lines", handler);
      return () => void socket.off("logs:lines", handler);
    },
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
