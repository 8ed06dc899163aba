/**
 * `history.*`: registry versions, what each changed, per-entry history, the diff between any
 * two versions, and rollback (a new version that makes the registry look as it did — history
 * is never rewritten). Reads need viewer; rollback needs editor.
 *
 * `rollbackPreview({to})` answers with the changes *and* the version it was computed at;
 * passing that back as `rollback({baseVersion})` guarantees the rollback applies exactly the
 * previewed changes (if anyone wrote in between, the rollback is refused with CONFLICT).
 */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { recordAudit, rollbackAudit } from "@wippy/db";
import type { VersionInfo } from "@wippy/shared";
import { actorOf } from "../audit-actor";
import { registryError } from "../problems";
import { editorProcedure, router, viewerProcedure } from "../trpc";
import { countChanges, type ChangeCounts } from "../registry/change-counts";
import { refuseIfReviewed } from "../registry/review-gate";

const version = z.int().min(0);

export const historyRouter = router({
  versions: viewerProcedure.input(z.object({ limit: z.int().min(1).max(500).default(50), before: version.optional() })).query(async ({ ctx, input }) => {
    const versions = await ctx.registry.listVersions(input);
    const counts = await countChanges(ctx.sql, versions.map((v) => v.id));
    const items: (VersionInfo & { counts: ChangeCounts })[] = versions.map((v) => ({ ...v, counts: counts.get(v.id) ?? { create: 0, update: 0, delete: 0 } }));
    const last = items[items.length - 1];
    return { items, nextBefore: items.length === input.limit && last && last.id > 1 ? last.id : null };
  }),

  version: viewerProcedure.input(z.object({ id: version.min(1) })).query(async ({ ctx, input }) => {
    const info = await ctx.registry.getVersion(input.id);
    if (!info) throw new TRPCError({ code: "NOT_FOUND", message: `version ${input.id} not found` });
    const changes = await ctx.registry.diff(input.id - 1, input.id);
    if (!changes.ok) throw registryError(changes.error);
    return { version: info, changes: changes.value };
  }),

  entry: viewerProcedure.input(z.object({ id: z.string().min(1) })).query(async ({ ctx, input }) => ({ revisions: await ctx.registry.entryHistory(input.id) })),

  diff: viewerProcedure.input(z.object({ from: version, to: version })).query(async ({ ctx, input }) => {
    const changes = await ctx.registry.diff(input.from, input.to);
    if (!changes.ok) throw registryError(changes.error);
    return { from: input.from, to: input.to, changes: changes.value };
  }),

  rollbackPreview: viewerProcedure.input(z.object({ to: version })).query(async ({ ctx, input }) => {
    const head = await ctx.registry.currentVersion();
    const changes = await ctx.registry.diff(head, input.to);
    if (!changes.ok) throw registryError(changes.error);
    return { baseVersion: head, to: input.to, changes: changes.value };
  }),

  rollback: editorProcedure
    .input(z.object({ to: version, baseVersion: version.optional(), message: z.string().max(2000).default("") }))
    .mutation(async ({ ctx, input }) => {
      const message = input.message || `rollback to version ${input.to}`;
      const user = ctx.user;
      // What the rollback would change, as the preview computed it (or from now, without one).
      const touched = await ctx.registry.diff(input.baseVersion ?? (await ctx.registry.currentVersion()), input.to);
      if (touched.ok) await refuseIfReviewed(ctx.registry, touched.value.map((c) => c.id));
      const committed = await ctx.registry.applyVersion(input.to, {
        author: user.email,
        message,
        expectedBase: input.baseVersion,
        // The audit row commits with the version: one never exists without the other.
        onCommit: async (tx, commit) => void (await recordAudit(tx, { actor: actorOf(user), ...rollbackAudit(commit, input.to) })),
      });
      if (!committed.ok) {
        const stale = committed.error.kind === "Conflict" && committed.error.currentVersion !== undefined;
        if (stale) throw new TRPCError({ code: "CONFLICT", message: `the registry changed since the preview (now at version ${committed.error.currentVersion}): preview again` });
        throw registryError(committed.error);
      }
      const { version: info, changes } = committed.value;
      return { version: info, changes };
    }),
});
