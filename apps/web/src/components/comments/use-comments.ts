"use client";
/**
 * A target's comments, live: the newest page from `comments.list` (earlier pages on demand),
 * with what others add, edit and delete applied as it arrives on the `/ui` socket
 * (`comments:change` on the target — the page must have the target open, usePresence). After
 * the socket was down, or when the server says it may have missed notifications
 * (`collab:resync`), the comments are read again.
 */
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { CommentChange } from "@wippy/shared";
import { getUiSocket, listen, onSocketConnect, onSocketDown } from "@/lib/socket";
import { useTRPC } from "@/lib/trpc";
import { applyCommentChange, commentsOf, type CommentPages } from "./comment-pages";

export const COMMENT_PAGE = 50;

export function useComments(target: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = trpc.comments.list.infiniteQueryOptions(
    { target, limit: COMMENT_PAGE },
    { getNextPageParam: (last) => (last.more ? last.items[0]?.id : undefined), staleTime: 60_000 },
  );
  const query = useInfiniteQuery(options);

  useEffect(() => {
    const socket = getUiSocket();
    const key = trpc.comments.list.infiniteQueryKey({ target, limit: COMMENT_PAGE });
    let wasDown = false;
    const reread = () => void queryClient.invalidateQueries({ queryKey: key });
    const onChange = (change: CommentChange) => {
      if (change.target === target) queryClient.setQueryData(key, (old) => applyCommentChange(old as CommentPages | undefined, change) as typeof old);
    };
    const stops = [
      listen(socket, "comments:change", onChange),
      listen(socket, "collab:resync", reread),
      onSocketDown(socket, () => (wasDown = true)),
      onSocketConnect(socket, () => {
        if (wasDown) reread();
        wasDown = false;
      }),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }, [target, queryClient, trpc]);

  /** Applies this tab's own change at once (the socket brings it back too, harmlessly). */
  const apply = (change: CommentChange) => {
    const key = trpc.comments.list.infiniteQueryKey({ target, limit: COMMENT_PAGE });
    queryClient.setQueryData(key, (old) => applyCommentChange(old as CommentPages | undefined, change) as typeof old);
  };

  return { query, comments: commentsOf(query.data as CommentPages | undefined), apply };
}
