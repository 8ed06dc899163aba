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
