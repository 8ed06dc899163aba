/**
 * The transitions of a run's record, each inside a caller's transaction that already holds
 * the run row (`for no key update`; lock order in wakeups.ts): create, replace, end,
 * terminate, halt, upgrade. The store (store.ts) decides when; these write it.
 *
 * - End (a final event, or terminate): status and outcome as `finalOutcome` says, lease
 *   dropped and the run made inactive (never claimed again), timers and inbox dropped, and for
 *   a child run a `child` inbox item delivered to its parent.
 * - Terminate: epoch + 1 (whoever held the run is fenced), `terminated` appended, then end.
 * - Replace (`terminate_existing`): the same row becomes the new run; history, timers and
 *   inbox of the old one are deleted. The epoch carries on, so the old run's owner stays fenced.
 */
import type { PendingQuery, Row, Sql, TransactionSql } from "postgres";
import { finalOutcome, startedEvent, type FinalEvent, type JsonValue, type NewRun, type RunRecord, type WorkflowError } from "@wippy/shared";
import { insertEvents } from "./history";
import { toRun, type RunRow } from "./rows";
import { deliver, notifyRun } from "./wakeups";

/** Every run read: the record, with `updatedAt` advanced by the newest history write. */
export async function readRun(tx: TransactionSql, id: string): Promise<RunRecord> {
  const [row] = await tx<RunRow[]>`${selectRuns(tx)} where r.id = ${id}`;
  if (!row) throw new Error(`workflow run ${id} vanished while locked`);
  return toRun(row);
}

/** `select … from workflow_runs r join workflow_leases l`, as a fragment to add a where/order to. */
export function selectRuns(sql: Sql | TransactionSql): PendingQuery<Row[]> {
  return sql`
    select r.id, r.workflow, r.host, r.code_hash, r.status, r.input, r.result, r.error, r.halted,
      r.parent_id, r.parent_command, r.created_at,
      greatest(r.updated_at, l.last_event_at, to_timestamp((
        select e.at from workflow_events e where e.run_id = r.id order by e.seq desc limit 1) / 1000)) as updated_at
    from workflow_runs r join workflow_leases l on l.run_id = r.id`;
}

/** Inserts the run; false if one with its id exists (then nothing was written). */
export async function createRun(tx: TransactionSql, run: NewRun): Promise<boolean> {
  const [created] = await tx`
    insert into workflow_runs (id, workflow, host, code_hash, status, input, parent_id, parent_command)
    values (${run.id}, ${run.workflow}, ${run.host}, ${run.codeHash}, 'running', ${json(run.input)}::text::jsonb,
      ${run.parent?.id ?? null}, ${run.parent?.command ?? null})
    on conflict (id) do nothing
    returning id`;
  if (!created) return false;
  await tx`insert into workflow_leases (run_id, host) values (${run.id}, ${run.host})`;
  await begin(tx, run);
  return true;
}

export async function replaceRun(tx: TransactionSql, run: NewRun): Promise<void> {
  await tx`
    update workflow_leases set host = ${run.host}, active = true, owner = null, expires_at = null, wake_at = null, last_seq = 0, last_event_at = now()
    where run_id = ${run.id}`;
  await tx`delete from workflow_events where run_id = ${run.id}`;
  await tx`delete from workflow_timers where run_id = ${run.id}`;
  await tx`delete from workflow_inbox where run_id = ${run.id}`;
  await tx`
    update workflow_runs set workflow = ${run.workflow}, host = ${run.host}, code_hash = ${run.codeHash}, status = 'running',
      input = ${json(run.input)}::text::jsonb, result = null, error = null, halted = null,
      parent_id = ${run.parent?.id ?? null}, parent_command = ${run.parent?.command ?? null}, created_at = now(), updated_at = now()
    where id = ${run.id}`;
  await begin(tx, run);
}

async function begin(tx: TransactionSql, run: NewRun): Promise<void> {
  await insertEvents(tx, run.id, [startedEvent(run)]);
  await notifyRun(tx, run.id);
}

export async function endRun(tx: TransactionSql, runId: string, final: FinalEvent): Promise<void> {
  const outcome = finalOutcome(final);
  const [run] = await tx<{ parent_id: string | null; parent_command: number | null }[]>`
    update workflow_runs set status = ${outcome.status}, result = ${json(outcome.result)}::text::jsonb,
      error = ${json(outcome.error)}::text::jsonb, updated_at = now()
    where id = ${runId}
    returning parent_id, parent_command`;
  await tx`update workflow_leases set active = false, owner = null, expires_at = null, wake_at = null where run_id = ${runId}`;
  await tx`delete from workflow_timers where run_id = ${runId}`;
  // Items that arrived too late to be recorded: nobody will ever consume them.
  await tx`delete from workflow_inbox where run_id = ${runId}`;
  if (!run || run.parent_id === null) return;
  const ended = outcome.status === "completed" ? { result: outcome.result ?? null } : { error: outcome.error };
  // A parent that is no longer running takes no item; that is not this run's failure.
  await deliver(tx, run.parent_id, { kind: "child", command: run.parent_command ?? 0, childId: runId, ...ended });
}

export async function terminate(tx: TransactionSql, runId: string, reason: string): Promise<void> {
  const head = await tx`update workflow_leases set epoch = epoch + 1, owner = null, expires_at = null where run_id = ${runId} returning 1`;
  if (head.length === 0) throw new Error(`workflow run ${runId} has no lease row`);
  const final: FinalEvent = { type: "terminated", reason };
  await insertEvents(tx, runId, [final]);
  await endRun(tx, runId, final);
  await notifyRun(tx, runId);
}

/** With the head row locked by the caller's fence check. */
export async function halt(tx: TransactionSql, runId: string, error: WorkflowError): Promise<void> {
  await tx`update workflow_runs set halted = ${json(error)}::text::jsonb, updated_at = now() where id = ${runId}`;
  await tx`update workflow_leases set active = false, owner = null, expires_at = null where run_id = ${runId}`;
}

/** With the head row locked by the caller (its last seq checked). */
export async function upgrade(tx: TransactionSql, runId: string, change: { fromHash: string; toHash: string }): Promise<void> {
  await tx`update workflow_leases set epoch = epoch + 1, active = true, owner = null, expires_at = null where run_id = ${runId}`;
  await insertEvents(tx, runId, [{ type: "code.upgraded", fromHash: change.fromHash, toHash: change.toHash }]);
  await tx`update workflow_runs set code_hash = ${change.toHash}, halted = null, updated_at = now() where id = ${runId}`;
  await notifyRun(tx, runId);
}

/**
 * JSON text for a `${…}::text::jsonb` parameter; SQL NULL for undefined (JSON null stays JSON
 * null). The `::text` matters: with a bare `::jsonb` the server types the parameter jsonb and
 * postgres.js would JSON-encode the text a second time.
 */
export function json(value: JsonValue | WorkflowError | undefined): string | null {
  return value === undefined ? null : JSON.stringify(value);
}
