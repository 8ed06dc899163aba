/**
 * Reads for people looking at workflow runs (the control plane's list and run page) — not part
 * of the `WorkflowStore` contract, as the engine never needs them.
 *
 * Terms:
 * - `RunSearch`: filters that all apply — `status` (a run status, or `halted`: running but
 *   stopped by a `NonDeterminism` until an upgrade), `workflow` (the entry id), `idContains`
 *   (case-insensitive substring of the run id), `createdFrom` / `createdTo` (epoch ms,
 *   inclusive / exclusive).
 * - Order: newest first (`created_at desc`), then id — the order of `listRuns`.
 * - `RunCursor`: where the next page starts, the last run of a page: its id and `created_at`
 *   as PostgreSQL prints it (microseconds; epoch ms would lose runs created within one ms).
 * - `RunCounts`: runs per status for a search without its `status` (what each status filter
 *   would show), `halted` among the running ones, and `all`.
 * - `RunSchedule`: what makes the run move next — its armed timers (by command) and the lease
 *   of the node working on it (`null` when nobody holds it).
 *
 * In: a postgres.js connection. Out: records as `getRun` gives them, counts, schedules.
 */
import type { PendingQuery, Row, Sql, TransactionSql } from "postgres";
import type { RunRecord, RunStatus } from "@wippy/shared";
import { selectRuns } from "./lifecycle";
import { toRun, type RunRow } from "./rows";

export type RunStatusFilter = RunStatus | "halted";

export interface RunSearch {
  status?: RunStatusFilter;
  workflow?: string;
  idContains?: string;
  createdFrom?: number;
  createdTo?: number;
}

export interface RunCursor {
  createdAt: string;
  id: string;
}

export type RunCounts = Record<RunStatus | "halted" | "all", number>;

export interface RunSchedule {
  timers: { command: number; fireAt: number }[];
  lease: { owner: string; epoch: number; expiresAt: number } | null;
}

export const DEFAULT_RUN_PAGE = 50;

type Db = Sql | TransactionSql;

/** One page of runs matching `search`, and the cursor of the next page (null on the last). */
export async function searchRuns(sql: Db, search: RunSearch, page: { limit?: number; after?: RunCursor } = {}): Promise<{ runs: RunRecord[]; next: RunCursor | null }> {
  const limit = Math.max(1, page.limit ?? DEFAULT_RUN_PAGE);
  // `::text` first: a parameter typed timestamptz would be sent as a JS Date, cut to ms.
  const after = page.after
    ? sql`and (r.created_at < ${page.after.createdAt}::text::timestamptz
        or (r.created_at = ${page.after.createdAt}::text::timestamptz and r.id > ${page.after.id}))`
    : sql``;
  const rows = await sql<(RunRow & { created_text: string })[]>`
    with page as (
      select r.id, r.created_at::text as created_text from workflow_runs r
      where ${matching(sql, search)} ${after}
      order by r.created_at desc, r.id
      limit ${limit + 1}
    )
    select x.*, p.created_text from (${selectRuns(sql)}) x join page p on p.id = x.id
    order by x.created_at desc, x.id`;
  const runs = rows.slice(0, limit);
  const last = rows.length > limit ? runs.at(-1) : undefined;
  return { runs: runs.map(toRun), next: last ? { createdAt: last.created_text, id: last.id } : null };
}

export async function countRuns(sql: Db, search: Omit<RunSearch, "status">): Promise<RunCounts> {
  const rows = await sql<{ status: RunStatus; n: number; halted: number }[]>`
    select r.status, count(*)::int as n, count(*) filter (where r.halted is not null)::int as halted
    from workflow_runs r where ${matching(sql, search)}
    group by r.status`;
  const counts: RunCounts = { running: 0, completed: 0, failed: 0, canceled: 0, terminated: 0, halted: 0, all: 0 };
  for (const row of rows) {
    counts[row.status] = row.n;
    counts.halted += row.halted;
    counts.all += row.n;
  }
  return counts;
}

/** Undefined for an unknown run. */
export async function runSchedule(sql: Db, runId: string): Promise<RunSchedule | undefined> {
  const [lease] = await sql<{ owner: string | null; epoch: number; expires_at: Date | null }[]>`
    select owner, epoch, expires_at from workflow_leases where run_id = ${runId}`;
  if (!lease) return undefined;
  const timers = await sql<{ command: number; fire_at: Date }[]>`
    select command, fire_at from workflow_timers where run_id = ${runId} order by fire_at, command`;
  return {
    timers: timers.map((t) => ({ command: t.command, fireAt: t.fire_at.getTime() })),
    lease: lease.owner !== null && lease.expires_at !== null ? { owner: lease.owner, epoch: lease.epoch, expiresAt: lease.expires_at.getTime() } : null,
  };
}

/** The search's conditions on `workflow_runs r`, as one boolean fragment. */
function matching(sql: Db, search: RunSearch): PendingQuery<Row[]> {
  const status = search.status === "halted" ? "running" : (search.status ?? null);
  const from = search.createdFrom === undefined ? null : new Date(search.createdFrom);
  const to = search.createdTo === undefined ? null : new Date(search.createdTo);
  const contains = search.idContains ? search.idContains.toLowerCase() : null;
  return sql`
    (${status}::text is null or r.status = ${status})
    and (${search.status === "halted"} = false or r.halted is not null)
    and (${search.workflow ?? null}::text is null or r.workflow = ${search.workflow ?? null})
    and (${contains}::text is null or strpos(lower(r.id), ${contains}) > 0)
    and (${from}::timestamptz is null or r.created_at >= ${from})
    and (${to}::timestamptz is null or r.created_at < ${to})`;
}
