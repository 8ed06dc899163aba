/**
 * `workflows.*`: durable workflow runs (LUA_API.md §8) for the control plane — the list with
 * filters and counts, one run with its timeline, and the operator's actions: start, signal,
 * cancel (cooperative), terminate (at once), and upgrade to the workflow's current code, which
 * is checked by replaying the run's history first (`checkUpgrade` changes nothing; `upgrade`
 * switches only when that replay is deterministic, else it answers the divergence).
 *
 * Reads need viewer, actions operator. The actions are those of `wippy workflow …`
 * (`@wippy/runtime/workflow` operator.ts / upgrade.ts), run over a store on this request's
 * transaction so the audit row commits with the change; a refused action writes nothing and
 * answers NOT_FOUND (no such run, entry or host), CONFLICT (the run has ended, the id is
 * taken, the run or its code moved on) or BAD_REQUEST (bad input).
 */
import { z } from "zod";
import {
  auditedWorkflowAction,
  countRuns,
  PgWorkflowStore,
  searchRuns,
  workflowCancelAudit,
  workflowSignalAudit,
  workflowStartAudit,
  workflowTerminateAudit,
  workflowUpgradeAudit,
  type Sql,
  type WorkflowAudit,
} from "@wippy/db";
import { RealClock } from "@wippy/runtime/kernel";
import { PolicyIndex } from "@wippy/runtime/security";
import { checkUpgrade, requestRunCancel, signalRun, startWorkflowRun, terminateRunNow, upgradeRun, type OperatorResult } from "@wippy/runtime/workflow";
import type { Entry, RunRecord } from "@wippy/shared";
import { actorOf } from "../audit-actor";
import type { SessionUser } from "../roles";
import { operatorProcedure, router, viewerProcedure } from "../trpc";
import { operatorFailure, upgradeRefusal } from "../workflows/errors";
import { listInput, reasonInput, runIdSchema, signalInput, startInput, upgradeInput } from "../workflows/inputs";
import { readRunPage } from "../workflows/run-page";

const clock = new RealClock();

/** A run as a list row: no input or result (the run page has them). */
function summarize(run: RunRecord) {
  return {
    id: run.id,
    workflow: run.workflow,
    host: run.host,
    status: run.status,
    halted: run.halted ? { kind: run.halted.kind, message: run.halted.message } : null,
    error: run.error ? { kind: run.error.kind, message: run.error.message } : null,
    parentId: run.parent?.id ?? null,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
  };
}

/** Who an action comes from, as the run's inbox and history record it. */
const senderOf = (user: SessionUser): string => `web:${user.email}`;

/**
 * Runs `work` on a store over one transaction and records the audit row in it when the action
 * went through (`auditedWorkflowAction`, shared with `wippy workflow …`); answers the value, or
 * throws the refusal (nothing written then).
 */
async function audited<T>(sql: Sql, user: SessionUser, work: (store: PgWorkflowStore) => Promise<OperatorResult<T>>, audit: (value: T) => WorkflowAudit): Promise<T> {
  const result = await auditedWorkflowAction(sql, actorOf(user), work, audit);
  if (!result.ok) throw operatorFailure(result.error);
  return result.value;
}

export const workflowsRouter = router({
  list: viewerProcedure.input(listInput).query(async ({ ctx, input }) => {
    const search = { workflow: input.workflow, idContains: input.id || undefined, createdFrom: input.createdFrom, createdTo: input.createdTo };
    const [page, counts] = await Promise.all([
      searchRuns(ctx.sql, { ...search, status: input.status }, { limit: input.limit, after: input.cursor ?? undefined }),
      countRuns(ctx.sql, search),
    ]);
    return { items: page.runs.map(summarize), nextCursor: page.next, counts };
  }),

  get: viewerProcedure.input(z.object({ id: runIdSchema })).query(({ ctx, input }) => readRunPage(ctx.sql, input.id)),

  start: operatorProcedure.input(startInput).mutation(async ({ ctx, input }) => {
    const { entries } = await ctx.registry.find({});
    return audited(
      ctx.sql,
      ctx.user,
      (store) => startWorkflowRun({ store, entries, clock }, input),
      (started) => workflowStartAudit(input, started),
    );
  }),

  signal: operatorProcedure.input(signalInput).mutation(async ({ ctx, input }) => {
    const payloads = input.payload === undefined ? [] : [input.payload];
    await audited(
      ctx.sql,
      ctx.user,
      (store) => signalRun(store, input.id, { topic: input.topic, payloads, from: senderOf(ctx.user) }),
      () => workflowSignalAudit(input.id, input.topic, payloads),
    );
    return { id: input.id, topic: input.topic };
  }),

  cancel: operatorProcedure.input(reasonInput).mutation(async ({ ctx, input }) => {
    await audited(
      ctx.sql,
      ctx.user,
      (store) => requestRunCancel(store, input.id, { reason: input.reason, from: senderOf(ctx.user) }),
      () => workflowCancelAudit(input.id, input.reason),
    );
    return { id: input.id };
  }),

  terminate: operatorProcedure.input(reasonInput).mutation(async ({ ctx, input }) => {
    const run = await audited(
      ctx.sql,
      ctx.user,
      (store) => terminateRunNow(store, input.id, input.reason),
      () => workflowTerminateAudit(input.id, input.reason),
    );
    return { run: summarize(run) };
  }),

  /** Replays the run's history against the workflow's current code; changes nothing. */
  checkUpgrade: operatorProcedure.input(z.object({ id: runIdSchema })).query(async ({ ctx, input }) => {
    const { entries } = await ctx.registry.find({});
    const check = await checkUpgrade({ store: new PgWorkflowStore(ctx.sql), resolveEntry: resolverOf(entries), policies: PolicyIndex.fromEntries(entries) }, input.id);
    if (check.status === "refused") throw operatorFailure(upgradeRefusal(check.error));
    return check;
  }),

  upgrade: operatorProcedure.input(upgradeInput).mutation(async ({ ctx, input }) => {
    const { entries } = await ctx.registry.find({});
    const resolveEntry = resolverOf(entries);
    const policies = PolicyIndex.fromEntries(entries);
    const report = await audited(
      ctx.sql,
      ctx.user,
      async (store) => {
        const done = await upgradeRun({ store, resolveEntry, policies }, input.id, { expectedHash: input.expectedHash });
        return done.status === "refused" ? { ok: false, error: upgradeRefusal(done.error) } : { ok: true, value: done };
      },
      (done) => workflowUpgradeAudit(input.id, done),
    );
    return { report };
  }),
});

function resolverOf(entries: readonly Entry[]): (id: string) => Entry | undefined {
  const byId = new Map(entries.map((e) => [e.id, e]));
  return (id) => byId.get(id);
}
