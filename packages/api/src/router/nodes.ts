/** `nodes.list`: the live runtime nodes as their heartbeats report them (viewer). */
import { router, viewerProcedure } from "../trpc";

export const nodesRouter = router({
  list: viewerProcedure.query(async ({ ctx }) => ({ nodes: await ctx.nodes.list() })),
});
