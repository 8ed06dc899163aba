/**
 * How runs get a worker without a NOTIFY per step.
 *
 * Terms:
 * - Claimable (`claimRuns`): an active run nobody holds (new, released, upgraded), an expired
 *   lease, or — for its owner — a held run whose `wake_at` is due. `wake_at` is kept equal to
 *   the earliest of: the oldest unconsumed inbox item's arrival, the earliest armed timer. It
 *   is lowered on delivery and recomputed by appends that consume items or (dis)arm timers.
 *   Each case has a partial index, so a poll costs what is due, however many runs wait.
 * - `WORKFLOW_CHANNEL`: `NOTIFY wippy_workflows, '<run id>'` when something from outside
 *   happens to a run — start, signal, cancel request, a child's end, terminate, upgrade — which
 *   an idle node or the run's owner may be waiting for. Never on appends, claims, renewals or
 *   releases: NOTIFY takes a database-wide lock at commit, which would serialize every step
 *   of every run. A NOTIFY is only a hint (lost while a listener is disconnected); progress is
 *   guaranteed by workers polling `claimRuns` (e.g. every second, and when a timer they hold
 *   falls due).
 *
 * Lock order, wherever a transaction needs both rows of a run: the `workflow_runs` row first
 * (`for share` to deliver, `for no key update` to change the record), then its lease row; a
 * child's end then takes its parent's rows in the same order. Statements that lock many lease
 * rows (claims, renewals) never wait while holding them (`SKIP LOCKED`), so they cannot close
 * a deadlock with those transactions.
 */
import type { TransactionSql } from "postgres";
import type { RunStatus } from "@wippy/shared";
import { inboxBody, type NewInboxItem } from "./rows";

export const WORKFLOW_CHANNEL = "wippy_workflows";

/**
 * Puts an item in a running run's inbox and makes the run due. Returns the run's status
 * (nothing is delivered unless it is `running`), or undefined if there is no such run.
 *
 * The run row is locked `for share` so a concurrent end of the run (which updates it) cannot
 * slip between the check and the insert. The lease row is updated after the insert and
 * unconditionally: if an append is recomputing `wake_at` at that moment, we wait for it and
 * then lower what it wrote, so the item is never left unconsumed with no wake-up.
 */
export async function deliver(tx: TransactionSql, runId: string, item: NewInboxItem): Promise<RunStatus | undefined> {
  const [run] = await tx<{ status: RunStatus }[]>`select status from workflow_runs where id = ${runId} for share`;
  if (run?.status !== "running") return run?.status;
  const { kind, body } = inboxBody(item);
  await tx`insert into workflow_inbox (run_id, kind, body) values (${runId}, ${kind}, ${JSON.stringify(body)}::text::jsonb)`;
  await tx`update workflow_leases set wake_at = least(wake_at, now()) where run_id = ${runId}`;
  await notifyRun(tx, runId);
  return run.status;
}

export async function notifyRun(tx: TransactionSql, runId: string): Promise<void> {
  await tx`select pg_notify(${WORKFLOW_CHANNEL}, ${runId})`;
}

/** After inbox items were consumed or timers (dis)armed, with the head row locked. */
export async function recomputeWake(tx: TransactionSql, runId: string): Promise<void> {
  await tx`
    update workflow_leases set wake_at = least(
      (select min(created_at) from workflow_inbox where run_id = ${runId}),
      (select min(fire_at) from workflow_timers where run_id = ${runId}))
    where run_id = ${runId}`;
}
