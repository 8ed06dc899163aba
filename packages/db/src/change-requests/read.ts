/**
 * Reading change requests: one by id (optionally locked for the transaction that decides it),
 * the inbox (by status, newest first, keyset paging), counts per status, a request's reviews,
 * what it changes, and what changed since a moment (how a node catches up after its LISTEN
 * connection was down).
 */
import type { Sql, TransactionSql } from "postgres";
import { CHANGE_REQUEST_STATUSES } from "@wippy/shared";
import type { ChangeRequest, ChangeRequestReview, ChangeRequestStatus, Entry, EntryChange } from "@wippy/shared";
import { describeChange, stateAt } from "../registry";
import { APPROVALS_OF_CURRENT_REVISION, toChangeRequest, toReview, type ChangeRequestRow, type ReviewRow } from "./rows";

type Db = Sql | TransactionSql;

export const DEFAULT_CHANGE_REQUEST_PAGE = 50;

export interface ChangeRequestFilter {
  /** Any of these statuses (default: all). */
  status?: readonly ChangeRequestStatus[];
  /** The author's id (a user id or an actor id). */
  author?: string;
  /** Requests touching this entry. */
  entry?: string;
  /** Only ids below this one (the previous page's last id). */
  before?: number;
  limit?: number;
}

export async function getChangeRequest(sql: Db, id: number): Promise<ChangeRequest | null> {
  const [row] = await sql<ChangeRequestRow[]>`select cr.*, ${sql.unsafe(APPROVALS_OF_CURRENT_REVISION)} from change_requests cr where cr.id = ${id}`;
  return row ? toChangeRequest(row) : null;
}

/** The request, its row locked until the transaction ends: deciders are serialized per request. */
export async function lockChangeRequest(tx: TransactionSql, id: number): Promise<ChangeRequest | null> {
  const [locked] = await tx<{ id: string }[]>`select id from change_requests where id = ${id} for update`;
  return locked ? getChangeRequest(tx, id) : null;
}

export async function listChangeRequests(sql: Db, filter: ChangeRequestFilter = {}): Promise<{ items: ChangeRequest[]; nextBefore: number | null }> {
  const limit = filter.limit ?? DEFAULT_CHANGE_REQUEST_PAGE;
  const statuses = filter.status && filter.status.length > 0 ? [...filter.status] : [...CHANGE_REQUEST_STATUSES];
  const conditions = [sql`cr.status in ${sql(statuses)}`];
  if (filter.author !== undefined) conditions.push(sql`cr.author_id = ${filter.author}`);
  if (filter.entry !== undefined) conditions.push(sql`${filter.entry} = any(cr.entry_ids)`);
  if (filter.before !== undefined) conditions.push(sql`cr.id < ${filter.before}`);
  const where = conditions.reduce((acc, c) => sql`${acc} and ${c}`);
  const rows = await sql<ChangeRequestRow[]>`
    select cr.*, ${sql.unsafe(APPROVALS_OF_CURRENT_REVISION)} from change_requests cr where ${where} order by cr.id desc limit ${limit + 1}`;
  const items = rows.slice(0, limit).map(toChangeRequest);
  return { items, nextBefore: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

export async function countChangeRequests(sql: Db): Promise<Record<ChangeRequestStatus, number>> {
  const rows = await sql<{ status: ChangeRequestStatus; n: string }[]>`select status, count(*) as n from change_requests group by status`;
  const counts = Object.fromEntries(CHANGE_REQUEST_STATUSES.map((s) => [s, 0])) as Record<ChangeRequestStatus, number>;
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

/** Every review of the request, oldest first. */
export async function listReviews(sql: Db, id: number): Promise<ChangeRequestReview[]> {
  const rows = await sql<ReviewRow[]>`select * from change_request_reviews where request_id = ${id} order by id`;
  return rows.map(toReview);
}

/** People who changed the request (rebased it): like its author, they may not approve it. */
export async function contributorsOf(sql: Db, id: number): Promise<Set<string>> {
  const rows = await sql<{ reviewer_id: string }[]>`select distinct reviewer_id from change_request_reviews where request_id = ${id} and verdict = 'rebase'`;
  return new Set(rows.map((r) => r.reviewer_id));
}

/**
 * What the request does to each entry it touches: `before` is the entry at its base version,
 * `after` what the operations leave (folded in order). Entries the operations leave as they
 * were are left out.
 */
export async function proposedChanges(sql: Db, request: Pick<ChangeRequest, "ops" | "entryIds" | "baseVersion">): Promise<EntryChange[]> {
  const base = await stateAt(sql, request.baseVersion, [...request.entryIds]);
  const after = new Map<string, Entry | null>();
  for (const op of request.ops) {
    if (op.op === "delete") after.set(op.id, null);
    else after.set(op.entry.id, { id: op.entry.id, kind: op.entry.kind, meta: op.entry.meta ?? {}, data: op.entry.data ?? {} });
  }
  const changes: EntryChange[] = [];
  for (const id of request.entryIds) {
    const change = describeChange(id, base.get(id) ?? null, after.has(id) ? (after.get(id) ?? null) : (base.get(id) ?? null));
    if (change) changes.push(change);
  }
  return changes;
}

/** Requests changed at or after `since`, oldest change first (a node's catch-up). */
export async function changedSince(sql: Db, since: Date, limit = 500): Promise<ChangeRequest[]> {
  const rows = await sql<ChangeRequestRow[]>`
    select cr.*, ${sql.unsafe(APPROVALS_OF_CURRENT_REVISION)} from change_requests cr where cr.updated_at >= ${since} order by cr.seq limit ${limit}`;
  return rows.map(toChangeRequest);
}
