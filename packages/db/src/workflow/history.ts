/**
 * Fenced history writes: the only code that inserts into `workflow_events`.
 *
 * The fence: a write is accepted iff the run's lease row (its *write head*, schema/workflow.ts)
 * still has the presented owner and epoch — read under a row lock that lasts until the write
 * commits. Expiry alone does not fence (a holder whose lease lapsed but was not taken over is
 * still the only possible writer); a takeover (claim with epoch + 1), an end, a halt, a
 * terminate, an upgrade or a replace changes the row, and from its commit on the old holder's
 * writes match no row.
 *
 * - `appendFenced`: the hot path — one INSERT, so one round trip and one commit, that writes
 *   nothing unless `EXISTS (lease row with that owner and epoch FOR SHARE)`. No UPDATE of the
 *   lease row: the share lock is the whole fence. Why that is enough in READ COMMITTED:
 *   every change of owner or epoch is an UPDATE, whose row lock conflicts with FOR SHARE. An
 *   append whose lock came first holds it until it commits, so the change waits for it and the
 *   new holder's replay (read after the change committed) includes its events. An append that
 *   comes second waits for the change to commit, then re-checks the row's new version (READ
 *   COMMITTED re-evaluates a locked row that was updated meanwhile) and writes nothing.
 *   Seqs: the holder's next seq when this store knows it (`KnownHeads`: the last seq it wrote
 *   under that very lease), else `max(seq) + 1` read in the same statement. A primary-key
 *   conflict on (run_id, seq) is never a fencing decision — only appends under the same lease
 *   at once can meet there (a fenced writer never gets to insert) — so the append is done
 *   again the serialized way below, which sees the other append's committed block.
 * - `lockHead` + `insertEvents`: for writes with other effects to commit alongside (inbox,
 *   timers, the end of the run) and for the lease-less writers (terminate, upgrade, start,
 *   replace). The head row is locked FOR UPDATE (or updated) by an earlier statement of the
 *   transaction; that excludes every hot-path append until commit, so `max(seq) + 1`, read by
 *   the insert's own (later) snapshot, is exact.
 * - `refusal`: why a lease was not accepted (no such run, run closed, taken over), read only
 *   on the refused path.
 *
 * Seqs are gap-free: every insert goes at the current `max(seq) + 1` (or at a known seq that
 * is exactly that, `KnownHeads`), and a failed statement inserts nothing. `last_seq` on the
 * lease row is no longer maintained; `last_event_at` moves with the transactional writes only
 * (a run's `updatedAt` also takes its newest event's time: lifecycle.ts `selectRuns`).
 */
import type { PendingQuery, Row, Sql, TransactionSql } from "postgres";
import type { HistoryEvent, Lease, StoreErrorKind, StoredEvent, TimedEvent } from "@wippy/shared";

export type Refusal = { ok: false; error: { kind: StoreErrorKind; message: string } };

/**
 * An event to write. Without `at` (events the store writes itself) it gets the store's clock:
 * the transaction's `now()` in whole ms, the same instant a `createdAt` read as a JS Date shows.
 */
export type EventToWrite = HistoryEvent & { at?: number };

/** Appends of up to this many events are one VALUES list (one prepared statement per size); longer ones a JSON array. */
const MAX_VALUES_ROWS = 8;
const UNIQUE_VIOLATION = "23505";

/**
 * The hot path: `events` (≥ 1) after `after` (the holder's last seq, when known), if `lease`
 * is current. `fenced`: it is not (nothing written). `raced`: another append under the same
 * lease took these seqs first (nothing written) — the caller goes the serialized way
 * (`lockHead` + `insertEvents`), as many appends racing each other would only race again.
 */
export async function appendFenced(sql: Sql, lease: Lease, events: readonly TimedEvent[], after?: number): Promise<StoredEvent[] | "fenced" | "raced"> {
  try {
    if (after !== undefined) {
      const written = await insertAfter(sql, lease, events, after);
      return written === 0 ? "fenced" : events.map((event, i) => ({ ...event, seq: after + 1 + i }) as StoredEvent);
    }
    const rows = await insertAtHead(sql, lease, events);
    return rows.length === 0 ? "fenced" : storedEvents(events, rows);
  } catch (thrown) {
    if (isSeqConflict(thrown)) return "raced";
    throw thrown;
  }
}

/** Locks the run's head row if the lease is current; false (nothing locked) if it is not. */
export async function lockHead(tx: TransactionSql, lease: Lease): Promise<boolean> {
  const rows = await tx`
    select 1 from workflow_leases
    where run_id = ${lease.runId} and owner = ${lease.owner} and epoch = ${lease.epoch}
    for update`;
  return rows.length > 0;
}

/** The run's last seq (0: no events). Exact only with its head row locked by an earlier statement. */
export async function lastSeq(tx: TransactionSql, runId: string): Promise<number> {
  const [row] = await tx<{ last: number }[]>`select coalesce(max(seq), 0)::int as last from workflow_events where run_id = ${runId}`;
  return row?.last ?? 0;
}

/** Appends at the head; the caller locked (or updated) the head row in an earlier statement. */
export async function insertEvents(tx: TransactionSql, runId: string, events: readonly EventToWrite[]): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  const rows = await tx<SeqRow[]>`
    with head as (update workflow_leases set last_event_at = now() where run_id = ${runId})
    insert into workflow_events (run_id, seq, type, at, payload)
    select ${runId}, h.last + e.ord::int, e.value->>'type', coalesce((e.value->>'at')::float8, ${nowMs(tx)}), e.value - 'type' - 'at'
    from (select coalesce(max(seq), 0) as last from workflow_events where run_id = ${runId}) h,
      jsonb_array_elements(${JSON.stringify(events)}::text::jsonb) with ordinality as e(value, ord)
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

/**
 * The last seq a store wrote under each lease it appended with, so that the holder's next
 * append names its seqs instead of reading `max(seq)`. Sound because a lease (owner, epoch) of
 * a run is written only by its holder, through this store, one append after another: a value
 * here is the head unless another append under the same lease slipped in (then the insert
 * conflicts and falls back to `max(seq)`, never leaving a gap). Only for stores that commit
 * their own writes (a value from a caller's transaction could be rolled back).
 */
export class KnownHeads {
  static readonly MAX_RUNS = 10_000;
  private readonly heads = new Map<string, { owner: string; epoch: number; seq: number }>();

  after(lease: Lease): number | undefined {
    const head = this.heads.get(lease.runId);
    return head !== undefined && head.owner === lease.owner && head.epoch === lease.epoch ? head.seq : undefined;
  }

  wrote(lease: Lease, stored: readonly StoredEvent[]): void {
    const last = stored.at(-1);
    if (last === undefined) return;
    // Leases this node lost are never forgotten one by one; a bound keeps that harmless.
    if (this.heads.size >= KnownHeads.MAX_RUNS && !this.heads.has(lease.runId)) this.heads.clear();
    this.heads.set(lease.runId, { owner: lease.owner, epoch: lease.epoch, seq: last.seq });
  }

  forget(runId: string): void {
    this.heads.delete(runId);
  }
}

interface SeqRow {
  seq: number;
  at: number;
}

/** Known seqs: no RETURNING (the count says whether the fence let it through). */
async function insertAfter(sql: Sql, lease: Lease, events: readonly TimedEvent[], after: number): Promise<number> {
  if (events.length > MAX_VALUES_ROWS) {
    const result = await sql`
      insert into workflow_events (run_id, seq, type, at, payload)
      select ${lease.runId}, ${after}::int + e.ord::int, e.value->>'type', (e.value->>'at')::float8, e.value - 'type' - 'at'
      from jsonb_array_elements(${JSON.stringify(events)}::text::jsonb) with ordinality as e(value, ord)
      where exists (select 1 from workflow_leases where run_id = ${lease.runId} and owner = ${lease.owner} and epoch = ${lease.epoch} for share)`;
    return result.count;
  }
  const result = await sql.unsafe(VALUES_STATEMENTS.after(events.length), [lease.runId, lease.owner, lease.epoch, after, ...valueParams(events)], { prepare: true });
  return result.count;
}

/** Unknown seqs: at `max(seq) + 1`, read in the statement; RETURNING tells the seqs. */
async function insertAtHead(sql: Sql, lease: Lease, events: readonly TimedEvent[]): Promise<SeqRow[]> {
  if (events.length > MAX_VALUES_ROWS) {
    return sql<SeqRow[]>`
      insert into workflow_events (run_id, seq, type, at, payload)
      select ${lease.runId}, h.last + e.ord::int, e.value->>'type', (e.value->>'at')::float8, e.value - 'type' - 'at'
      from (select coalesce(max(seq), 0) as last from workflow_events where run_id = ${lease.runId}) h,
        jsonb_array_elements(${JSON.stringify(events)}::text::jsonb) with ordinality as e(value, ord)
      where exists (select 1 from workflow_leases where run_id = ${lease.runId} and owner = ${lease.owner} and epoch = ${lease.epoch} for share)
      returning seq, at`;
  }
  return sql.unsafe<SeqRow[]>(VALUES_STATEMENTS.atHead(events.length), [lease.runId, lease.owner, lease.epoch, ...valueParams(events)], { prepare: true });
}

/**
 * The hot path's statements for n events, as plain text with numbered parameters: built once
 * per n, as nested query fragments cost more to assemble per call than the insert itself.
 * $1 run, $2 owner, $3 epoch; `after` also $4 (the seq the block follows); then per event
 * (type, at, payload text).
 */
const VALUES_STATEMENTS = (() => {
  const fence = "exists (select 1 from workflow_leases where run_id = $1 and owner = $2 and epoch = $3 for share)";
  const values = (n: number, from: number): string =>
    Array.from({ length: n }, (_, i) => `(${i + 1}, $${from + 3 * i}::text, $${from + 3 * i + 1}::float8, $${from + 3 * i + 2}::text)`).join(", ");
  const after = Array.from({ length: MAX_VALUES_ROWS + 1 }, (_, n) => `
    insert into workflow_events (run_id, seq, type, at, payload)
    select $1, $4::int + e.ord, e.type, e.at, e.payload::jsonb
    from (values ${values(n, 5)}) as e(ord, type, at, payload)
    where ${fence}`);
  const atHead = Array.from({ length: MAX_VALUES_ROWS + 1 }, (_, n) => `
    insert into workflow_events (run_id, seq, type, at, payload)
    select $1, h.last + e.ord, e.type, e.at, e.payload::jsonb
    from (select coalesce(max(seq), 0) as last from workflow_events where run_id = $1) h, (values ${values(n, 4)}) as e(ord, type, at, payload)
    where ${fence}
    returning seq, at`);
  return { after: (n: number): string => after[n]!, atHead: (n: number): string => atHead[n]! };
})();

function valueParams(events: readonly TimedEvent[]): (string | number)[] {
  const params: (string | number)[] = [];
  for (const event of events) params.push(event.type, event.at, payloadOf(event));
  return params;
}

function isSeqConflict(thrown: unknown): boolean {
  return typeof thrown === "object" && thrown !== null && "code" in thrown && thrown.code === UNIQUE_VIOLATION && "table_name" in thrown && thrown.table_name === "workflow_events";
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
  let first = Infinity;
  for (const row of rows) first = Math.min(first, row.seq);
  const stored: StoredEvent[] = [];
  for (const row of rows) stored[row.seq - first] = { ...events[row.seq - first], at: row.at, seq: row.seq } as StoredEvent;
  return stored;
}
