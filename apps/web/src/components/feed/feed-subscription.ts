"use client";
/**
 * Following the feed room on the `/ui` socket, shared by every feed list of the tab (the top
 * bar's and the /feed page's): subscribed while at least one follows, again after every
 * reconnect, unsubscribed when the last stops — one list going away must not silence another.
 */
import { getUiSocket, onSocketConnect } from "@/lib/socket";

let followers = 0;
let stopReconnects: (() => void) | null = null;

export function followFeed(): () => void {
  const socket = getUiSocket();
  followers += 1;
  if (followers === 1) {
    const subscribe = () => void socket.emit("feed:subscribe", () => undefined);
    stopReconnects = onSocketConnect(socket, subscribe);
    if (socket.connected) subscribe();
  }
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    followers -= 1;
    if (followers > 0) return;
    stopReconnects?.();
    stopReconnects = null;
    if (socket.connected) socket.emit("feed:unsubscribe", () => undefined);
  };
}
