/**
 * Fenced history writes: the only code that inserts into `workflow_events`.
 *
 * Every write goes through the run's lease row (its *write head*, schema/workflow.ts):
 * - `appendFenced`: the hot path — one statement, so one round trip and one commit. Its CTE
 *   bumps `last_seq` only `WHERE owner = $owner AND epoch = $epoch`; when that matches no row,
 *   nothing is inserted. The row lock taken by the UPDATE serializes concurrent writers of the
 *   run, so seq ranges are contiguous and gap-free (a failed statement rolls back its bump).
 * - `lockHead` + `insertEvents`: the same check inside a transaction, for writes with other
 *   effects to commit alongside (inbox, timers, the end of the run).
 * - `refusal`: why a lease was not accepted (no such run, run closed, taken over), read only
 *   on the refused path.
 *
 * The fencing rule: a write is accepted iff the lease row still has the presented owner and
 * epoch. Expiry alone does not fence — a holder whose lease lapsed but was not taken over is
 * still the only possible writer. A takeover increments the epoch under the same row lock, so
 * from its commit on the old holder's writes match no row: a paused zombie can never append.
 * Ending, halting, terminating or upgrading a run clears `owner`, so those fence it too.
 */
import type { PendingQuery, Row, Sql, TransactionSql } from "postgres";
import type { HistoryEvent, Lease, StoreErrorKind, StoredEvent } from "@wippy/shared";

export type Refusal = { ok: false; error: { kind: StoreErrorKind; message: string } };

/**
 * An event to write. Without `at` (events the store writes itself) it gets the store's clock:
 * the transaction's `now()` in whole ms, the same instant a `createdAt` read as a JS Date shows.
 */
export type EventToWrite = HistoryEvent & { at?: number };

export async function appendFenced(sql: Sql | TransactionSql, lease: Lease, events: readonly EventToWrite[]): Promise<StoredEvent[] | undefined> {
  const n = events.length;
  const head = sql`
    update workflow_leases set last_seq = last_seq + ${n}, last_event_at = now()
    where run_id = ${lease.runId} and owner = ${lease.owner} and epoch = ${lease.epoch}
    returning last_seq`;
  const [only] = events;
  // One event (most steps) skips unpacking a JSON array on the server: measurably cheaper.
  const rows =
    n === 1 && only
      ? await sql<SeqRow[]>`
          with head as (${head})
          insert into workflow_events (run_id, seq, type, at, payload)
          select ${lease.runId}, head.last_seq, ${only.type}, coalesce(${only.at ?? null}::float8, ${nowMs(sql)}), ${payloadOf(only)}::text::jsonb
          from head
          returning seq, at`
      : await sql<SeqRow[]>`
          with head as (${head})
          insert into workflow_events (run_id, seq, type, at, payload)
          select ${lease.runId}, head.last_seq - ${n} + e.ord::int, e.value->>'type', coalesce((e.value->>'at')::float8, ${nowMs(sql)}), e.value - 'type' - 'at'
          from head, jsonb_array_elements(${JSON.stringify(events)}::text::jsonb) with ordinality as e(value, ord)
          returning seq, at`;
  return rows.length === 0 ? undefined : storedEvents(events, rows);
}

/** Locks the run's head row if the lease is current; returns its last seq, or undefined. */
export async function lockHead(tx: TransactionSql, lease: Lease): Promise<number | undefined> {
  const [row] = await tx<{ last_seq: number }[]>`
    select last_seq from workflow_leases
    where run_id = ${lease.runId} and owner = ${lease.owner} and epoch = ${lease.epoch}
    for update`;
  return row?.last_seq;
}

/** Appends after `lastSeq`, which the caller read with the head row locked. */
export async function insertEvents(tx: TransactionSql, runId: string, lastSeq: number, events: readonly EventToWrite[]): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  const rows = await tx<SeqRow[]>`
    with head as (update workflow_leases set last_seq = ${lastSeq + events.length}, last_event_at = now() where run_id = ${runId})
    insert into workflow_events (run_id, seq, type, at, payload)
    select ${runId}, ${lastSeq} + e.ord::int, e.value->>'type', coalesce((e.value->>'at')::float8, ${nowMs(tx)}), e.value - 'type' - 'at'
    from jsonb_array_elements(${JSON.stringify(events)}::text::jsonb) with ordinality as e(value, ord)
    returning seq, at`;
  return storedEvents(events, rows);
}

export async function refusal(sql: Sql | TransactionSql, lease: Lease): Promise<Refusal> {
  const [row] = await sql<{ status: string; halted: boolean; owner: string | null; epoch: number | null }[]>`
    select r.status, r.halted is not null as halted, l.owner, l.epoch
    from workflow_runs r left join workflow_leases l on l.run_id = r.id where r.id = ${lease.runId}`;
  if (!row) return refuse("NotFound", `workflow run ${lease.runId} not found`);
  const presented = `${lease.owner} at epoch ${lease.epoch}`;
  if (row.status !== "running") return refuse("Fenced", `workflow run ${lease.runId} is ${row.status}: its history is closed (lease of ${presented})`);
  const holder = row.owner === null ? `nobody holds it${row.halted ? " (halted)" : ""}` : `${row.owner} holds it`;
  return refuse("Fenced", `lease of ${presented} on workflow run ${lease.runId} is no longer current: ${holder} at epoch ${row.epoch ?? 0}`);
}

export function refuse(kind: StoreErrorKind, message: string): Refusal {
  return { ok: false, error: { kind, message } };
}

interface SeqRow {
  seq: number;
  at: number;
}

/** The transaction's `now()` in whole epoch ms: the store's clock for events it writes itself. */
function nowMs(sql: Sql | TransactionSql): PendingQuery<Row[]> {
  return sql`floor(extract(epoch from now()) * 1000)`;
}

function payloadOf(event: EventToWrite): string {
  const { type: _type, at: _at, ...payload } = event;
  return JSON.stringify(payload);
}

/** The events as written, with their seqs (a contiguous block) and times. */
function storedEvents(events: readonly EventToWrite[], rows: readonly SeqRow[]): StoredEvent[] {
  // INSERT … RETURNING does not promise input order.
  const first = Math.min(...rows.map((r) => r.seq));
  const stored: StoredEvent[] = [];
  for (const row of rows) stored[row.seq - first] = { ...events[row.seq - first], at: row.at, seq: row.seq } as StoredEvent;
  return stored;
}
