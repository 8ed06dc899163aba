/**
 * `feed.list` (viewer): the activity feed — registry versions (who, which entries, why) and
 * runtime incidents (crash loops, failed services), newest first, paged by a per-source cursor
 * (packages/db/src/incidents/feed.ts). Incidents are detected by the control plane from the
 * supervision trees nodes push and stored in PostgreSQL, so the feed is the same on every
 * server and survives restarts; new items reach open pages over the `/ui` socket.
 */
import { z } from "zod";
import { DEFAULT_FEED_PAGE, listFeed } from "@wippy/db";
import { FEED_KINDS } from "@wippy/shared";
import { router, viewerProcedure } from "../trpc";

const bound = z.int().min(1).nullable();

export const feedRouter = router({
  list: viewerProcedure
    .input(
      z.object({
        kind: z.enum(FEED_KINDS).default("all"),
        limit: z.int().min(1).max(100).default(DEFAULT_FEED_PAGE),
        cursor: z.object({ versions: bound, incidents: bound }).optional(),
      }),
    )
    .query(({ ctx, input }) => listFeed(ctx.sql, input)),
});
