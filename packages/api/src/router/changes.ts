/**
 * `changes.*`: change requests (issue 9) — changesets proposed for review instead of applied,
 * from the UI ("Propose"), the API, or Lua (`changes:propose()` on a runtime node).
 *
 * Roles: viewers read (the inbox, a request's page); operators also run the replay check
 * (it replays workflow histories, as `workflows.checkUpgrade` does); editors propose and rebase;
 * approvers approve, reject and apply an approved request again. An author may withdraw
 * (reject) their own request; nobody approves their own, and an agent never approves — the
 * store refuses both, whatever the role.
 *
 * Approving applies the request as one new version when its last approval comes in and nothing
 * it touches changed since its base; otherwise it becomes `stale` (rebase it: `rebase` with the
 * merged operations on a newer base) or, when the registry would not run with it, `approved`
 * with the problems. Every mutation is audited in its transaction by the store, naming the
 * person; every node hears the outcome (NOTIFY) and tells its processes.
 */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { ChangeRequestStore, DEFAULT_CHANGE_REQUEST_PAGE } from "@wippy/db";
import { CHANGE_REQUEST_STATUSES, changeOpSchema, DEFAULT_CHANGE_REQUEST, opEntryId, type ChangeRequest } from "@wippy/shared";
import { actorOf } from "../audit-actor";
import { changeRequestError } from "../changes/errors";
import { replayChecks } from "../changes/replay";
import { readReviewPage } from "../changes/review-page";
import { checkedOps, validateChange } from "../changes/validate";
import { reviewRulesOf } from "../registry/review-gate";
import { hasRole } from "../roles";
import { approverProcedure, editorProcedure, operatorProcedure, router, viewerProcedure, type ApiContext } from "../trpc";

const requestId = z.int().min(1);
const version = z.int().min(0);
const revision = z.int().min(1);
const message = z.string().max(DEFAULT_CHANGE_REQUEST.messageMaxChars).default("");
const note = z.string().max(DEFAULT_CHANGE_REQUEST.noteMaxChars).default("");
const ops = z.array(changeOpSchema).min(1, { error: "a change request needs at least one operation" }).max(DEFAULT_CHANGE_REQUEST.maxOps);

const storeOf = (ctx: ApiContext) => new ChangeRequestStore(ctx.sql);

/** A request in a list: without its operations (the page has them). */
const summarize = ({ ops: _ops, ...rest }: ChangeRequest) => rest;

async function existingOrThrow(store: ChangeRequestStore, id: number): Promise<ChangeRequest> {
  const request = await store.get(id);
  if (!request) throw new TRPCError({ code: "NOT_FOUND", message: `change request #${id} does not exist` });
  return request;
}

function decided<T>(result: { ok: true; value: T } | { ok: false; error: Parameters<typeof changeRequestError>[0] }): T {
  if (!result.ok) throw changeRequestError(result.error);
  return result.value;
}

export const changesRouter = router({
  list: viewerProcedure
    .input(
      z.object({
        status: z.array(z.enum(CHANGE_REQUEST_STATUSES)).optional(),
        /** Only those proposed by this author (a user id or an actor id). */
        author: z.string().min(1).max(500).optional(),
        entry: z.string().min(1).max(500).optional(),
        limit: z.int().min(1).max(200).default(DEFAULT_CHANGE_REQUEST_PAGE),
        before: requestId.optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const store = storeOf(ctx);
      const [page, counts] = await Promise.all([store.list(input), store.counts()]);
      return { items: page.items.map(summarize), nextBefore: page.nextBefore, counts };
    }),

  counts: viewerProcedure.query(({ ctx }) => storeOf(ctx).counts()),

  get: viewerProcedure.input(z.object({ id: requestId })).query(async ({ ctx, input }) => {
    const store = storeOf(ctx);
    return readReviewPage({ changes: store, registry: ctx.registry }, await existingOrThrow(store, input.id), ctx.user);
  }),

  /** Would running workflow runs replay on the code this request makes? Changes nothing. */
  replay: operatorProcedure.input(z.object({ id: requestId })).query(async ({ ctx, input }) => {
    const request = await existingOrThrow(storeOf(ctx), input.id);
    return { workflows: await replayChecks(ctx.sql, ctx.registry, request.ops) };
  }),

  propose: editorProcedure.input(z.object({ baseVersion: version, ops, message })).mutation(async ({ ctx, input }) => {
    const checked = checkedOps(input.ops);
    const review = (await reviewRulesOf(ctx.registry)).proposal(checked.ops.map(opEntryId));
    const request = decided(
      await storeOf(ctx).propose({
        author: { kind: "user", id: ctx.user.id, name: ctx.user.email },
        source: "ui",
        baseVersion: input.baseVersion,
        ops: checked.ops,
        message: input.message,
        approvalsRequired: review.approvals,
        rules: review.rules,
      }),
    );
    return { request, warnings: checked.warnings };
  }),

  approve: approverProcedure.input(z.object({ id: requestId, revision, note })).mutation(async ({ ctx, input }) => {
    const { request, commit } = decided(await storeOf(ctx).approve(input.id, actorOf(ctx.user), { note: input.note, revision: input.revision, validate: validateChange }));
    return { request, version: commit?.version.id ?? null };
  }),

  /** Apply an `approved` request again (it could not be applied then; the registry may be fixed now). */
  applyApproved: approverProcedure.input(z.object({ id: requestId })).mutation(async ({ ctx, input }) => {
    const { request, commit } = decided(await storeOf(ctx).applyApproved(input.id, actorOf(ctx.user), { validate: validateChange }));
    return { request, version: commit?.version.id ?? null };
  }),

  reject: editorProcedure.input(z.object({ id: requestId, revision: revision.optional(), note })).mutation(async ({ ctx, input }) => {
    const store = storeOf(ctx);
    const existing = await existingOrThrow(store, input.id);
    const isAuthor = existing.author.kind === "user" && existing.author.id === ctx.user.id;
    if (!isAuthor && !hasRole(ctx.user.role, "approver")) {
      throw new TRPCError({ code: "FORBIDDEN", message: "rejecting a change request needs the approver role (its author may withdraw it)" });
    }
    const { request } = decided(await store.reject(input.id, actorOf(ctx.user), { note: input.note, revision: input.revision }));
    return { request };
  }),

  rebase: editorProcedure
    .input(z.object({ id: requestId, revision, baseVersion: version, ops, message: z.string().max(DEFAULT_CHANGE_REQUEST.messageMaxChars).optional(), note }))
    .mutation(async ({ ctx, input }) => {
      const checked = checkedOps(input.ops);
      const { request } = decided(
        await storeOf(ctx).rebase(input.id, actorOf(ctx.user), { revision: input.revision, baseVersion: input.baseVersion, ops: checked.ops, message: input.message, note: input.note }),
      );
      return { request, warnings: checked.warnings };
    }),
});
