/**
 * `supervision.*`: the supervision-tree canvas. `tree` reads the services and supervisors (whole)
 * and every other entry's id and kind (hosts, processes, dependencies) at one version; `preview`
 * says what a drawn changeset would do (a pure check, a mutation only so the changeset travels
 * in a POST body); `save` writes it as one registry version (supervision/tree-save.ts).
 * Reads and the preview need viewer; the save needs editor.
 */
import { z } from "zod";
import { changeOpSchema } from "@wippy/shared";
import { actorOf } from "../audit-actor";
import { previewTree, saveTree } from "../supervision/tree-save";
import { TREE_KINDS } from "../supervision/tree-plan";
import { editorProcedure, router, viewerProcedure } from "../trpc";

const changeset = z.object({
  baseVersion: z.int().min(0),
  ops: z.array(changeOpSchema).min(1, { error: "the changeset is empty" }).max(5000),
});

export const supervisionRouter = router({
  tree: viewerProcedure.query(async ({ ctx }) => {
    const snapshot = await ctx.registry.snapshot();
    const entries = [...snapshot.entries.values()];
    return {
      version: snapshot.version,
      entries: entries.filter((e) => TREE_KINDS.has(e.kind)),
      catalog: entries.filter((e) => !TREE_KINDS.has(e.kind)).map((e) => ({ id: e.id, kind: e.kind })),
    };
  }),

  preview: viewerProcedure.input(changeset).mutation(({ ctx, input }) => previewTree({ store: ctx.registry }, input)),

  save: editorProcedure
    .input(changeset.extend({ message: z.string().max(2000).default("") }))
    .mutation(({ ctx, input }) => saveTree({ store: ctx.registry, sql: ctx.sql, actor: actorOf(ctx.user) }, input)),
});
