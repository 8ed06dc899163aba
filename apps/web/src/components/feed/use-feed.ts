"use client";
/**
 * The activity feed, live: `feed.list` pages (more on demand), with new registry versions and
 * incidents applied as they arrive on the `/ui` socket's feed room. After the socket was down,
 * or when the server may have missed notifications (`collab:resync`), the feed is read again.
 */
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { FeedItem, FeedKind } from "@wippy/shared";
import { getUiSocket, listen, onSocketConnect, onSocketDown } from "@/lib/socket";
import { useTRPC } from "@/lib/trpc";
import { applyFeedItem, feedItemsOf, type FeedPages } from "./feed-pages";
import { followFeed } from "./feed-subscription";

export function useFeed(kind: FeedKind, limit: number) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);
  const query = useInfiniteQuery(trpc.feed.list.infiniteQueryOptions({ kind, limit }, { getNextPageParam: (last) => last.nextCursor ?? undefined, staleTime: 30_000 }));

  useEffect(() => {
    const socket = getUiSocket();
    const key = trpc.feed.list.infiniteQueryKey({ kind, limit });
    let wasDown = false;
    const reread = () => void queryClient.invalidateQueries({ queryKey: key });
    const onItem = (item: FeedItem) => queryClient.setQueryData(key, (old) => applyFeedItem(old as FeedPages | undefined, item, kind) as typeof old);
    const stops = [
      followFeed(),
      listen(socket, "feed:item", onItem),
      listen(socket, "collab:resync", reread),
      onSocketDown(socket, () => {
        wasDown = true;
        setLive(false);
      }),
      onSocketConnect(socket, () => {
        setLive(true);
        if (wasDown) reread();
        wasDown = false;
      }),
    ];
    setLive(socket.connected);
    return () => {
      for (const stop of stops) stop();
    };
  }, [kind, limit, queryClient, trpc]);

  return { query, items: feedItemsOf(query.data as FeedPages | undefined), live };
}
