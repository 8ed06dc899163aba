"use client";
/**
 * The one typed socket.io connection to the control plane's `/ui` namespace (protocol:
 * server/sockets/ui-events.ts). Made on first use and shared by every component; the session
 * cookie authenticates it.
 */
import { io, type Socket } from "socket.io-client";
import type { UiEmitEvents, UiListenEvents } from "../../server/sockets/ui-events";

/** Server → browser events first, browser → server second (socket.io-client's order). */
export type UiSocket = Socket<UiEmitEvents, UiListenEvents>;

export const UI_NAMESPACE = "/ui";
export const SOCKET_PATH = "/socket.io";

let socket: UiSocket | null = null;

export function getUiSocket(): UiSocket {
  socket ??= io(UI_NAMESPACE, { path: SOCKET_PATH, withCredentials: true, reconnectionDelayMax: 10_000 });
  return socket;
}

/** After sign-out: the next use connects again with the new session. */
export function closeUiSocket(): void {
  socket?.disconnect();
  socket = null;
}

/** Listens to a server event; answers the function that stops listening. */
export function listen<E extends keyof UiEmitEvents>(socket: UiSocket, event: E, listener: UiEmitEvents[E]): () => void {
  // socket.io's typed `on`/`off` overloads do not narrow a generic event name: one cast here.
  const untyped = socket as unknown as { on(e: string, l: unknown): void; off(e: string, l: unknown): void };
  untyped.on(event, listener);
  return () => untyped.off(event, listener);
}

/** Calls `listener` on every (re)connection; answers the function that stops it. */
export function onSocketConnect(socket: UiSocket, listener: () => void): () => void {
  socket.on("connect", listener);
  return () => void socket.off("connect", listener);
}

/** Calls `listener` when the connection drops or cannot be made (its retries go on by themselves). */
export function onSocketDown(socket: UiSocket, listener: () => void): () => void {
  const handler = () => listener();
  socket.on("disconnect", handler);
  socket.on("connect_error", handler);
  return () => {
    socket.off("disconnect", handler);
    socket.off("connect_error", handler);
  };
}
