/**
 * `PgWorkflowStore`: the PostgreSQL implementation of `WorkflowStore` (`@wippy/shared`
 * workflow.ts) — the durable state of workflow runs. Tables: schema/workflow.ts; fenced
 * history writes: history.ts; record transitions: lifecycle.ts; wake-ups and NOTIFY:
 * wakeups.ts.
 *
 * Rules beyond the contract's text:
 * - Time: every store time (`expiresAt`, due timers and inbox items, `createdAt`, the `at` of
 *   events the store writes) is the database's `now()`, so node clocks never matter.
 * - Leases: `claimRuns` locks candidates `FOR UPDATE SKIP LOCKED`, so concurrent claimers get
 *   disjoint runs. A lease is taken when it expired, or at once when its owner's liveness lock
 *   is gone (liveness.ts: the owner's node died — also an earlier process with this owner id,
 *   as after a restart in a container where the pid repeats). A take increments the epoch, also
 *   when the taker is the expired owner, or the owner under another lock, itself (its old
 *   in-memory worker is fenced too). Fencing: history.ts — only a takeover (or
 *   an end, halt, terminate, upgrade) fences a holder, not expiry alone.
 * - Appends: seqs are gap-free (history.ts). An append without effects and final event is one
 *   statement (the hot path: per-step cost close to a bare insert); others one transaction.
 *   Consuming an inbox item that is not (or no longer) in the run's inbox is refused with
 *   `Conflict` and nothing is written: each item is recorded exactly once.
 * - Runs: `updatedAt` also moves with every history write (kept on the lease row, so appends
 *   never touch the run row). `startRun` does not check that the code hash was stored (the
 *   contract does not ask it to); `upgradeCode` does.
 * - Activity idempotency key: `${runId}/${command}` (`ctx.get("idempotency_key")`, made by the engine) is what an activity should read — stable
 *   across attempts and failovers (the run id is stable and replay gives the activity the same
 *   command number); per-attempt keys add the attempt (`ctx.get("activity_attempt")`). A run id reused through
 *   `terminate_existing` starts its commands at 1 again: keys that must not collide with the
 *   replaced run's add its `createdAt`.
 *
 * - Over a transaction (`new PgWorkflowStore(tx)`): every write joins the caller's transaction
 *   (its own multi-statement writes become savepoints), so a caller can commit something of
 *   its own with it — the control plane records its audit row that way.
 *
 * Expected failures are `StoreResult` refusals; database errors are thrown.
 */
import type { Sql, TransactionSql } from "postgres";
import {
  isFinalEvent,
  type AppendEffects,
  type ConflictPolicy,
  type InboxItem,
  type JsonValue,
  type Lease,
  type NewRun,
  type RunRecord,
  type RunStatus,
  type StoredEvent,
  type StoreResult,
  type TimedEvent,
  type WorkflowError,
  type WorkflowStore,
} from "@wippy/shared";
import { DEAD_OWNER_LOCKS } from "./liveness";
import { appendFenced, insertEvents, KnownHeads, lastSeq, lockHead, refusal, refuse } from "./history";
import { createRun, endRun, halt, json, readRun, replaceRun, selectRuns, terminate, upgrade } from "./lifecycle";
import { toEvent, toInboxItem, toLease, toRun, type EventRow, type InboxRow, type LeaseRow, type NewInboxItem, type RunRow } from "./rows";
import { deliver, recomputeWake } from "./wakeups";

export const DEFAULT_LIST_RUNS_LIMIT = 100;

const ok = <T>(value: T): StoreResult<T> => ({ ok: true, value });

export class PgWorkflowStore implements WorkflowStore {
  /** Only a store that commits its own writes knows heads (history.ts `KnownHeads`). */
  private readonly heads: KnownHeads | undefined;

  /** `liveness`: the node's (liveness.ts); its key goes on the leases it claims and renews. */
  constructor(
    private readonly sql: Sql | TransactionSql,
    private readonly options: { readonly liveness?: { key(): number | null; judges(): boolean } } = {},
  ) {
    this.heads = "savepoint" in sql ? undefined : new KnownHeads();
  }

  async putCode(hash: string, source: JsonValue): Promise<void> {
    await this.sql`insert into workflow_code (hash, source) values (${hash}, ${json(source)}::text::jsonb) on conflict (hash) do nothing`;
  }

  async getCode(hash: string): Promise<JsonValue | undefined> {
    const [row] = await this.sql<{ source: JsonValue }[]>`select source from workflow_code where hash = ${hash}`;
    return row?.source;
  }

  async startRun(run: NewRun, policy: ConflictPolicy): Promise<StoreResult<{ run: RunRecord; created: boolean }>> {
    if (!run.id) return refuse("Invalid", "a workflow run needs a non-empty id");
    return this.transaction<{ run: RunRecord; created: boolean }>(async (tx) => {
      if (await createRun(tx, run)) return ok({ run: await readRun(tx, run.id), created: true });
      const [existing] = await tx<{ status: RunStatus }[]>`select status from workflow_runs where id = ${run.id} for no key update`;
      if (!existing) throw new Error(`workflow run ${run.id} conflicted on insert but cannot be read`);
      switch (policy) {
        case "use_existing":
          return ok({ run: await readRun(tx, run.id), created: false });
        case "fail":
          return refuse("AlreadyExists", `workflow run ${run.id} already exists (${existing.status})`);
        case "terminate_existing":
          if (existing.status === "running") await terminate(tx, run.id, "replaced by a new run (terminate_existing)");
          await replaceRun(tx, run);
          return ok({ run: await readRun(tx, run.id), created: true });
        default:
          return unknown(policy);
      }
    });
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    const [row] = await this.sql<RunRow[]>`${selectRuns(this.sql)} where r.id = ${id}`;
    return row && toRun(row);
  }

  async listRuns(filter: { status?: RunStatus; workflow?: string; parentId?: string; limit?: number }): Promise<RunRecord[]> {
    const rows = await this.sql<RunRow[]>`
      ${selectRuns(this.sql)}
      where (${filter.status ?? null}::text is null or r.status = ${filter.status ?? null})
        and (${filter.workflow ?? null}::text is null or r.workflow = ${filter.workflow ?? null})
        and (${filter.parentId ?? null}::text is null or r.parent_id = ${filter.parentId ?? null})
      order by r.created_at desc, r.id
      limit ${Math.max(0, filter.limit ?? DEFAULT_LIST_RUNS_LIMIT)}`;
    return rows.map(toRun);
  }

  async claimRuns(owner: string, leaseMs: number, limit: number, hosts?: readonly string[]): Promise<Lease[]> {
    if (hosts?.length === 0) return [];
    const onHosts = hosts ? this.sql`and host in ${this.sql(hosts)}` : this.sql``;
    const key = this.lockKey();
    // A store without liveness always judges (tools and tests); a node's, once its own lock is steady.
    const dead = this.options.liveness?.judges() === false ? this.sql`` : this.sql`or (owner is not null and owner_lock in (${this.sql.unsafe(DEAD_OWNER_LOCKS)}))`;
    const rows = await this.sql<LeaseRow[]>`
      with due as (
        select run_id from workflow_leases
        where ((active and owner is null)
          or (owner is not null and expires_at <= now())
          ${dead}
          or (owner = ${owner} and wake_at <= now()))
          ${onHosts}
        limit ${Math.max(0, limit)}
        for update skip locked
      )
      update workflow_leases l
      set epoch = case when l.owner = ${owner} and l.expires_at > now() and l.owner_lock is not distinct from ${key}::int then l.epoch else l.epoch + 1 end,
        owner = ${owner}, expires_at = now() + ${leaseMs}::float8 * interval '1 millisecond', owner_lock = ${key}::int
      from due where l.run_id = due.run_id
      returning l.run_id, l.owner, l.epoch, l.expires_at`;
    return rows.map(toLease);
  }

  /**
   * One statement renews every lease row nobody else has locked right now; each row that was
   * locked (an append or delivery in flight) is then renewed by a statement of its own. A
   * single statement waiting for one row while holding thousands could close a deadlock with a
   * transaction that holds that row and wants one of ours (a child's end waking its parent).
   */
  async renewLeases(owner: string, leaseMs: number): Promise<Lease[]> {
    const free = await this.sql<LeaseRow[]>`
      with mine as (select run_id from workflow_leases where owner = ${owner} for update skip locked)
      update workflow_leases l set expires_at = now() + ${leaseMs}::float8 * interval '1 millisecond', owner_lock = ${this.lockKey()}
      from mine where l.run_id = mine.run_id
      returning l.run_id, l.owner, l.epoch, l.expires_at`;
    const renewed = new Set(free.map((row) => row.run_id));
    const held = await this.sql<{ run_id: string }[]>`select run_id from workflow_leases where owner = ${owner}`;
    const busy: LeaseRow[] = [];
    for (const { run_id: runId } of held.filter((row) => !renewed.has(row.run_id))) {
      const [row] = await this.sql<LeaseRow[]>`
        update workflow_leases set expires_at = now() + ${leaseMs}::float8 * interval '1 millisecond', owner_lock = ${this.lockKey()}
        where run_id = ${runId} and owner = ${owner}
        returning run_id, owner, epoch, expires_at`;
      if (row) busy.push(row);
    }
    return [...free, ...busy].map(toLease);
  }

  private lockKey(): number | null {
    return this.options.liveness?.key() ?? null;
  }

  async releaseLease(lease: Lease): Promise<void> {
    this.heads?.forget(lease.runId);
    await this.sql`
      update workflow_leases set owner = null, expires_at = null
      where run_id = ${lease.runId} and owner = ${lease.owner} and epoch = ${lease.epoch}`;
  }

  async append(lease: Lease, events: TimedEvent[], effects: AppendEffects = {}): Promise<StoreResult<StoredEvent[]>> {
    const finalAt = events.findIndex(isFinalEvent);
    if (finalAt !== -1 && finalAt !== events.length - 1) return refuse("Invalid", "a final event must be the last of an append");
    const { sql, heads } = this;
    if (finalAt === -1 && events.length > 0 && !hasEffects(effects) && heads !== undefined && !("savepoint" in sql)) {
      const stored = await appendFenced(sql, lease, events, heads.after(lease));
      if (stored === "fenced") {
        heads.forget(lease.runId);
        return refusal(sql, lease);
      }
      if (stored !== "raced") {
        heads.wrote(lease, stored);
        return ok(stored);
      }
    }
    const appended = await this.appendInTransaction(lease, events, effects, finalAt);
    if (appended.ok && finalAt === -1) heads?.wrote(lease, appended.value);
    else heads?.forget(lease.runId);
    return appended;
  }

  /** The append with other effects (inbox, timers, the end of the run) in one transaction. */
  private appendInTransaction(lease: Lease, events: TimedEvent[], effects: AppendEffects, finalAt: number): Promise<StoreResult<StoredEvent[]>> {
    return this.transaction(async (tx) => {
      const final = events[finalAt];
      if (final && isFinalEvent(final)) {
        // Lock order (wakeups.ts): the run row before the lease row, as deliveries do.
        const [run] = await tx`select 1 from workflow_runs where id = ${lease.runId} for no key update`;
        if (!run) return refusal(tx, lease);
      }
      if (!(await lockHead(tx, lease))) return refusal(tx, lease);
      const consumed = [...new Set(effects.consumed ?? [])];
      if (consumed.length > 0) {
        const found = await tx<{ id: string }[]>`select id from workflow_inbox where run_id = ${lease.runId} and id in ${tx(consumed)}`;
        const missing = consumed.filter((id) => !found.some((row) => Number(row.id) === id));
        if (missing.length > 0) return refuse("Conflict", `inbox item(s) ${missing.join(", ")} of workflow run ${lease.runId} are already consumed or not its own: nothing appended`);
      }
      const stored = await insertEvents(tx, lease.runId, events);
      if (final && isFinalEvent(final)) {
        await endRun(tx, lease.runId, final);
        return ok(stored);
      }
      await applyEffects(tx, lease.runId, consumed, effects);
      return ok(stored);
    });
  }

  async history(runId: string, afterSeq = 0): Promise<StoredEvent[]> {
    const rows = await this.sql<EventRow[]>`
      select seq, type, at, payload from workflow_events where run_id = ${runId} and seq > ${afterSeq} order by seq`;
    return rows.map(toEvent);
  }

  async haltRun(lease: Lease, error: WorkflowError): Promise<StoreResult<RunRecord>> {
    this.heads?.forget(lease.runId);
    return this.transaction(async (tx) => {
      const [run] = await tx`select 1 from workflow_runs where id = ${lease.runId} for no key update`;
      if (!run || !(await lockHead(tx, lease))) return refusal(tx, lease);
      await halt(tx, lease.runId, error);
      return ok(await readRun(tx, lease.runId));
    });
  }

  signal(runId: string, topic: string, payloads: JsonValue[], from: string): Promise<StoreResult<true>> {
    return this.deliverFromOutside(runId, { kind: "signal", topic, payloads, from });
  }

  requestCancel(runId: string, reason: string, from: string): Promise<StoreResult<true>> {
    return this.deliverFromOutside(runId, { kind: "cancel", reason, from });
  }

  async pendingInbox(runId: string): Promise<InboxItem[]> {
    const rows = await this.sql<InboxRow[]>`select id, kind, body from workflow_inbox where run_id = ${runId} order by id`;
    return rows.map(toInboxItem);
  }

  async terminateRun(runId: string, reason: string): Promise<StoreResult<RunRecord>> {
    return this.transaction(async (tx) => {
      const [run] = await tx<{ status: RunStatus }[]>`select status from workflow_runs where id = ${runId} for no key update`;
      if (!run) return refuse("NotFound", `workflow run ${runId} not found`);
      if (run.status !== "running") return refuse("Invalid", `workflow run ${runId} is ${run.status}, not running`);
      await terminate(tx, runId, reason);
      return ok(await readRun(tx, runId));
    });
  }

  async upgradeCode(runId: string, change: { fromHash: string; toHash: string; checkedThrough: number }): Promise<StoreResult<RunRecord>> {
    return this.transaction(async (tx) => {
      const [run] = await tx<{ status: RunStatus; code_hash: string }[]>`
        select status, code_hash from workflow_runs where id = ${runId} for no key update`;
      if (!run) return refuse("NotFound", `workflow run ${runId} not found`);
      if (run.status !== "running") return refuse("Invalid", `workflow run ${runId} is ${run.status}, not running`);
      const [code] = await tx`select 1 from workflow_code where hash = ${change.toHash}`;
      if (!code) return refuse("Invalid", `code ${change.toHash} is not stored: putCode it before upgrading workflow run ${runId}`);
      if (run.code_hash !== change.fromHash) return refuse("Conflict", `workflow run ${runId} runs code ${run.code_hash}, not ${change.fromHash}`);
      await tx`select 1 from workflow_leases where run_id = ${runId} for update`;
      const last = await lastSeq(tx, runId);
      if (last !== change.checkedThrough) {
        return refuse("Conflict", `workflow run ${runId} has events past seq ${change.checkedThrough} (now ${last}): check it again`);
      }
      await upgrade(tx, runId, change);
      return ok(await readRun(tx, runId));
    });
  }

  private deliverFromOutside(runId: string, item: NewInboxItem): Promise<StoreResult<true>> {
    return this.transaction(async (tx) => {
      const status = await deliver(tx, runId, item);
      if (status !== "running") return refuse("NotFound", `workflow run ${runId} not found${status ? ` (it is ${status})` : ""}`);
      return ok(true as const);
    });
  }

  /** `sql.begin` (a savepoint inside a caller's transaction), typed: postgres.js loses the callback's result type. */
  private transaction<T>(work: (tx: TransactionSql) => Promise<StoreResult<T>>): Promise<StoreResult<T>> {
    const sql = this.sql;
    return ("savepoint" in sql ? sql.savepoint(work) : sql.begin(work)) as Promise<StoreResult<T>>;
  }
}

function hasEffects(effects: AppendEffects): boolean {
  return (effects.consumed?.length ?? 0) + (effects.timers?.length ?? 0) + (effects.clearTimers?.length ?? 0) > 0;
}

/** Consumed items, then disarmed timers, then armed ones (the last per command wins); then `wake_at`. */
async function applyEffects(tx: TransactionSql, runId: string, consumed: number[], effects: AppendEffects): Promise<void> {
  if (!hasEffects(effects)) return;
  if (consumed.length > 0) await tx`delete from workflow_inbox where run_id = ${runId} and id in ${tx(consumed)}`;
  const clear = effects.clearTimers ?? [];
  if (clear.length > 0) await tx`delete from workflow_timers where run_id = ${runId} and command in ${tx(clear)}`;
  const armed = new Map((effects.timers ?? []).map((t) => [t.command, t.fireAt]));
  if (armed.size > 0) {
    const rows = [...armed].map(([command, fireAt]) => ({ run_id: runId, command, fire_at: new Date(fireAt) }));
    await tx`
      insert into workflow_timers ${tx(rows, "run_id", "command", "fire_at")}
      on conflict (run_id, command) do update set fire_at = excluded.fire_at`;
  }
  await recomputeWake(tx, runId);
}

function unknown(policy: never): never {
  throw new Error(`unknown conflict policy ${String(policy)}`);
}
