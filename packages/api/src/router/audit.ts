/**
 * `audit.list`: the audit log, newest first, filtered and paged (packages/db/src/audit).
 * Editors and admins see all of it; viewers and operators do not see it at all — it names
 * every user and holds before/after states of user changes.
 */
import { z } from "zod";
import { DEFAULT_AUDIT_PAGE, listAudit } from "@wippy/db";
import { editorProcedure, router } from "../trpc";

export const auditRouter = router({
  list: editorProcedure
    .input(
      z.object({
        actor: z.string().min(1).optional(),
        action: z.string().min(1).optional(),
        target: z.string().min(1).optional(),
        since: z.date().optional(),
        until: z.date().optional(),
        limit: z.int().min(1).max(500).default(DEFAULT_AUDIT_PAGE),
        cursor: z.int().min(1).optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { cursor, ...filter } = input;
      const items = await listAudit(ctx.sql, { ...filter, before: cursor });
      const last = items[items.length - 1];
      return { items, nextCursor: items.length === input.limit && last ? last.id : null };
    }),
});
