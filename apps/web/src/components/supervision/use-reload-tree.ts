"use client";
/**
 * Reading the tree again from the registry, after a conflict or when a newer version is there:
 * `reapply` loads it and re-applies the edits in effect (those that no longer apply — a node
 * someone else deleted — are returned, to be shown), `discard` loads it and drops the edits.
 */
import { useQueryClient } from "@tanstack/react-query";
import { describeChange } from "@/lib/supervision/changes";
import { useTRPC } from "@/lib/trpc";
import { canvasStore } from "./use-canvas";

export function useReloadTree() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fetchFresh = () => queryClient.fetchQuery(trpc.supervision.tree.queryOptions(undefined, { staleTime: 0 }));
  return {
    /** Descriptions of the edits that no longer apply (empty when all of them did). */
    reapply: async (): Promise<string[]> => {
      const fresh = await fetchFresh();
      return canvasStore.getState().rebase(fresh).map((d) => `${describeChange(d.change)}: ${d.error}`);
    },
    discard: async (): Promise<void> => {
      const fresh = await fetchFresh();
      canvasStore.getState().load(fresh);
    },
  };
}
