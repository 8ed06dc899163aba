/**
 * Durable-workflow tables (issue 6): runs, the code they pinned, their append-only histories,
 * and what makes them need a worker. Written only by `src/workflow/` (`PgWorkflowStore`).
 *
 * - `workflow_code`: workflow source stored once per content hash; runs point at it.
 * - `workflow_runs`: one row per run id (the business id; the pid derives from it): what it
 *   runs, its status and outcome. Written at start, end, halt and upgrade — never per step.
 * - `workflow_leases`: one narrow row per run, its *write head*. Every history commit checks
 *   it: a step's append holds it `FOR SHARE` where `owner = $owner AND epoch = $epoch` until
 *   it commits, so no takeover can slip between the check and the insert (the argument is in
 *   `src/workflow/history.ts`); seqs are `max(seq) + 1` of the history, gap-free (a sequence
 *   would leave gaps on rollback). `last_seq` is no longer maintained (kept for old rows; to
 *   be dropped) and `last_event_at` moves only with the locked writes. It also holds the
 *   scheduling state:
 *   - `active`: running and not halted (the only runs that can be claimed or owned);
 *   - `host`: the run's workflow host, copied from the run so claims for a node's hosts stay
 *     on this one table;
 *   - `owner` / `expires_at`: the lease, when some node holds it;
 *   - `wake_at`: when the run next needs its worker — the oldest unconsumed inbox item or the
 *     earliest armed timer (null: neither).
 *   A claim wants `active and owner is null`, `owner is not null and expires_at <= now()`, or
 *   `owner = $me and wake_at <= now()`; each has a partial index, so a poll reads what is due,
 *   not every run.
 * - `workflow_events`: the history, primary key (run, seq). `at` is the event's workflow time
 *   in epoch ms as the engine recorded it (float8, so any JS number round-trips exactly: replay
 *   reuses it); `payload` is the rest of the event. No foreign key to runs: it would add a
 *   key-share lock on the run row to every append, and the lease row already proves the run.
 * - `workflow_inbox`: what arrived from outside (signal, cancel, a child's end), kept until an
 *   append consumes it; `body` is the item without id and kind.
 * - `workflow_timers`: armed timers, per (run, command).
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import type { InboxItem, JsonObject, JsonValue, RunStatus, WorkflowError } from "@wippy/shared";

export const workflowCode = pgTable("workflow_code", {
  hash: text("hash").primaryKey(),
  source: jsonb("source").$type<JsonValue>().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const workflowRuns = pgTable(
  "workflow_runs",
  {
    id: text("id").primaryKey(),
    workflow: text("workflow").notNull(),
    host: text("host").notNull(),
    /** A `workflow_code` hash; not a foreign key, as the contract lets a run start before its code is put. */
    codeHash: text("code_hash").notNull(),
    status: text("status").$type<RunStatus>().notNull(),
    input: jsonb("input").$type<JsonValue[]>().notNull(),
    result: jsonb("result").$type<JsonValue>(),
    error: jsonb("error").$type<WorkflowError>(),
    /** Why the engine stopped replaying it (NonDeterminism); cleared by an upgrade. */
    halted: jsonb("halted").$type<WorkflowError>(),
    parentId: text("parent_id"),
    parentCommand: integer("parent_command"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Last change of the record itself; the run's `updatedAt` is the latest of this, `workflow_leases.last_event_at` and its newest event. */
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("workflow_runs_status_created").on(t.status, t.createdAt),
    index("workflow_runs_workflow_created").on(t.workflow, t.createdAt),
    index("workflow_runs_parent").on(t.parentId),
    check("workflow_runs_status", sql`${t.status} in ('running', 'completed', 'failed', 'canceled', 'terminated')`),
  ],
);

export const workflowLeases = pgTable(
  "workflow_leases",
  {
    runId: text("run_id")
      .primaryKey()
      .references(() => workflowRuns.id, { onDelete: "cascade" }),
    host: text("host").notNull(),
    active: boolean("active").notNull().default(true),
    owner: text("owner"),
    epoch: integer("epoch").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    /**
     * The owner's liveness lock (workflow/liveness.ts): while `owner` is set, the key of the
     * session advisory lock its node holds. A lock that is gone means the node is gone, and its
     * runs are taken over without waiting for `expires_at`. Null: the owner holds none (leases
     * then end by expiry only).
     */
    ownerLock: integer("owner_lock"),
    wakeAt: timestamp("wake_at", { withTimezone: true }),
    lastSeq: integer("last_seq").notNull().default(0),
    lastEventAt: timestamp("last_event_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("workflow_leases_unowned").on(t.host).where(sql`${t.active} and ${t.owner} is null`),
    index("workflow_leases_expiry").on(t.expiresAt).where(sql`${t.owner} is not null`),
    index("workflow_leases_owner_wake").on(t.owner, t.wakeAt).where(sql`${t.owner} is not null`),
    index("workflow_leases_owner_lock").on(t.ownerLock).where(sql`${t.owner} is not null and ${t.ownerLock} is not null`),
    check("workflow_leases_owned", sql`(${t.owner} is null) = (${t.expiresAt} is null) and (${t.owner} is null or ${t.active})`),
  ],
);

export const workflowEvents = pgTable(
  "workflow_events",
  {
    runId: text("run_id").notNull(),
    seq: integer("seq").notNull(),
    type: text("type").notNull(),
    at: doublePrecision("at").notNull(),
    payload: jsonb("payload").$type<JsonObject>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.seq] })],
);

export const workflowInbox = pgTable(
  "workflow_inbox",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    runId: text("run_id")
      .notNull()
      .references(() => workflowRuns.id, { onDelete: "cascade" }),
    kind: text("kind").$type<InboxItem["kind"]>().notNull(),
    body: jsonb("body").$type<JsonObject>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("workflow_inbox_run").on(t.runId, t.id), check("workflow_inbox_kind", sql`${t.kind} in ('signal', 'cancel', 'child')`)],
);

export const workflowTimers = pgTable(
  "workflow_timers",
  {
    runId: text("run_id")
      .notNull()
      .references(() => workflowRuns.id, { onDelete: "cascade" }),
    command: integer("command").notNull(),
    fireAt: timestamp("fire_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.command] })],
);
