"use client";
/**
 * The live supervision state of every entry, for the canvas overlay: subscribes to the `/ui`
 * socket's `supervision` room (the ack carries every node's current tree; `tree:update` brings
 * each change as it happens — a crash and its restart within a second), forgets a node when it
 * leaves, and subscribes again after a reconnect. `live` is false while the socket is down:
 * the overlay then says so instead of showing stale states as current.
 */
import { useEffect, useMemo, useState } from "react";
import type { LiveTreeNode } from "@wippy/shared";
import { foldTrees, type LiveEntry } from "@/lib/live/supervision-state";
import { getUiSocket, listen, onSocketConnect, onSocketDown } from "@/lib/socket";

type Trees = ReadonlyMap<string, { at: number; tree: LiveTreeNode }>;

export function useLiveSupervision(): { entries: ReadonlyMap<string, LiveEntry>; live: boolean } {
  const [trees, setTrees] = useState<Trees>(new Map());
  const [live, setLive] = useState(false);

  useEffect(() => {
    const socket = getUiSocket();
    const subscribe = () =>
      socket.emit("supervision:subscribe", (result) => {
        setLive(result.ok);
        if (result.ok) setTrees(new Map(result.trees.map((t) => [t.nodeId, { at: t.at, tree: t.tree }])));
      });
    const onTree = (update: { nodeId: string; at: number; tree: LiveTreeNode }) =>
      setTrees((old) => {
        const seen = old.get(update.nodeId);
        if (seen && seen.at > update.at) return old; // an older frame that arrived late
        return new Map(old).set(update.nodeId, { at: update.at, tree: update.tree });
      });
    const onLeft = ({ id }: { id: string }) =>
      setTrees((old) => {
        if (!old.has(id)) return old;
        const next = new Map(old);
        next.delete(id);
        return next;
      });
    const stops = [onSocketConnect(socket, subscribe), onSocketDown(socket, () => setLive(false)), listen(socket, "tree:update", onTree), listen(socket, "node:left", onLeft)];
    if (socket.connected) subscribe();
    return () => {
      for (const stop of stops) stop();
      if (socket.connected) socket.emit("supervision:unsubscribe", () => undefined);
    };
  }, []);

  const entries = useMemo(() => foldTrees(trees), [trees]);
  return { entries, live };
}
