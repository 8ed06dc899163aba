/**
 * `registry.*`: browse, read and edit the current registry. Reads and the pure checks
 * (`checkLua`, `parseYaml`) need viewer; writes need editor and each makes one new version
 * (registry/write.ts). Entry ids are `namespace:name`.
 */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { ENTRY_ID_PATTERN, entrySchema, jsonObjectSchema, NAMESPACE_PATTERN } from "@wippy/shared";
import { actorOf } from "../audit-actor";
import { namespaceTree, listEntries } from "../registry/browse";
import { entryToYaml, parseEntryYaml } from "../registry/entry-text";
import { KIND_FORMS } from "../registry/kind-forms";
import { checkLua } from "../registry/lua-check";
import { referencesOf, referrersOf } from "../registry/references";
import { personReview } from "../registry/review-gate";
import { createEntry, deleteEntry, renameEntry, saveEntry, type Writer } from "../registry/write";
import type { ApiContext } from "../trpc";
import { editorProcedure, router, viewerProcedure } from "../trpc";
import type { SessionUser } from "../roles";

const entryId = z.string().regex(ENTRY_ID_PATTERN, { error: "entry id must be namespace:name" });
const version = z.int().min(0);
const message = z.string().max(2000).default("");
const entryBody = z.object({ kind: z.string().min(1), meta: jsonObjectSchema.default({}), data: jsonObjectSchema.default({}) });

const writer = (ctx: ApiContext & { user: SessionUser }): Writer => ({ store: ctx.registry, sql: ctx.sql, actor: actorOf(ctx.user) });

export const registryRouter = router({
  namespaces: viewerProcedure.query(async ({ ctx }) => {
    const snapshot = await ctx.registry.snapshot();
    return { version: snapshot.version, namespaces: namespaceTree(snapshot.entries.values()) };
  }),

  list: viewerProcedure
    .input(
      z.object({
        namespace: z.string().regex(NAMESPACE_PATTERN, { error: "namespace must be dotted names like app.api" }).optional(),
        recursive: z.boolean().default(false),
        kind: z.string().min(1).optional(),
        search: z.string().max(200).optional(),
        meta: z.record(z.string().min(1), z.string()).optional(),
        limit: z.int().min(1).max(500).default(100),
        cursor: z.string().optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const snapshot = await ctx.registry.snapshot();
      return { version: snapshot.version, ...listEntries(snapshot.entries.values(), input) };
    }),

  get: viewerProcedure.input(z.object({ id: entryId })).query(async ({ ctx, input }) => {
    const [head, history, review] = await Promise.all([ctx.registry.currentVersion(), ctx.registry.entryHistory(input.id), personReview(ctx.registry, [input.id])]);
    const last = history[0];
    if (!last?.entry) throw new TRPCError({ code: "NOT_FOUND", message: `${input.id} does not exist` });
    return {
      entry: last.entry,
      /** The registry version this read reflects: pass it back as `baseVersion` when saving. */
      version: Math.max(head, last.version.id),
      yaml: entryToYaml(last.entry),
      lastChange: { version: last.version.id, author: last.version.author, source: last.version.source, message: last.version.message, at: last.version.createdAt },
      /** Whether a person's save of it must be proposed for review (registry.review_rules). */
      review: { required: review.required, approvals: review.approvals, rules: review.rules },
    };
  }),

  kinds: viewerProcedure.query(() => ({ kinds: KIND_FORMS })),

  references: viewerProcedure.input(z.object({ id: entryId })).query(async ({ ctx, input }) => {
    const snapshot = await ctx.registry.snapshot();
    const entry = snapshot.entries.get(input.id);
    const references = entry ? referencesOf(entry).map((r) => ({ ...r, exists: snapshot.entries.has(r.to) })) : [];
    return { version: snapshot.version, referencedBy: referrersOf(snapshot.entries.values(), input.id), references };
  }),

  // Pure checks, but mutations: sources travel in a POST body (a query puts its input in the URL,
  // and a long source would overflow the request line). They change nothing and are not audited.
  checkLua: viewerProcedure
    .input(z.object({ source: z.string().max(1_000_000), id: entryId.optional() }))
    .mutation(({ input }) => ({ diagnostics: checkLua(input.source, input.id) })),

  parseYaml: viewerProcedure.input(z.object({ text: z.string().max(1_000_000) })).mutation(({ input }) => parseEntryYaml(input.text)),

  save: editorProcedure
    .input(z.object({ id: entryId, baseVersion: version, entry: entryBody, message }))
    .mutation(({ ctx, input }) => saveEntry(writer(ctx), input)),

  create: editorProcedure.input(z.object({ entry: entrySchema, message })).mutation(({ ctx, input }) => createEntry(writer(ctx), input)),

  rename: editorProcedure
    .input(z.object({ id: entryId, newId: entryId, baseVersion: version.optional(), updateReferences: z.boolean().default(false), message }))
    .mutation(({ ctx, input }) => renameEntry(writer(ctx), input)),

  delete: editorProcedure
    .input(z.object({ id: entryId, baseVersion: version.optional(), message }))
    .mutation(({ ctx, input }) => deleteEntry(writer(ctx), input)),
});
