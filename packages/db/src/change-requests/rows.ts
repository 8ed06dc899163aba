/**
 * Row ↔ value mapping for the change-request tables, and the few statements every mutation
 * shares: the next `seq`, the NOTIFY, and the audit actor of an author.
 */
import type { TransactionSql } from "postgres";
import type { ChangeOp, ChangeRequest, ChangeRequestAuthor, ChangeRequestNotice, ChangeRequestReview, ChangeRequestStatus, ReviewVerdict, VersionSource } from "@wippy/shared";
import type { AuditActor } from "../audit";

export const CHANGE_REQUESTS_CHANNEL = "wippy_change_requests";

export interface ChangeRequestRow {
  id: string | number;
  status: ChangeRequestStatus;
  message: string;
  author_kind: "user" | "actor";
  author_id: string;
  author_name: string;
  author_pid: string | null;
  author_entry: string | null;
  source: VersionSource;
  base_version: string | number;
  revision: number;
  ops: ChangeOp[];
  entry_ids: string[];
  approvals_required: number;
  rules: string[];
  applied_version: string | number | null;
  stale_version: string | number | null;
  stale_entries: string[];
  problems: string[];
  decided_by: string | null;
  reason: string;
  seq: string | number;
  created_at: Date;
  updated_at: Date;
  /** Joined in by every read: approvals of the current revision. */
  approvals: string | number;
}

export interface ReviewRow {
  id: string | number;
  revision: number;
  verdict: ReviewVerdict;
  reviewer_id: string;
  reviewer_name: string;
  note: string;
  at: Date;
}

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

export function toChangeRequest(row: ChangeRequestRow): ChangeRequest {
  const author: ChangeRequestAuthor =
    row.author_kind === "actor"
      ? { kind: "actor", id: row.author_id, name: row.author_name, pid: row.author_pid ?? "", entry: row.author_entry ?? "" }
      : { kind: "user", id: row.author_id, name: row.author_name };
  return {
    id: Number(row.id),
    status: row.status,
    message: row.message,
    author,
    source: row.source,
    baseVersion: Number(row.base_version),
    revision: row.revision,
    ops: row.ops,
    entryIds: row.entry_ids,
    approvalsRequired: row.approvals_required,
    rules: row.rules,
    approvals: Number(row.approvals),
    appliedVersion: num(row.applied_version),
    staleVersion: num(row.stale_version),
    staleEntries: row.stale_entries,
    problems: row.problems,
    decidedBy: row.decided_by,
    reason: row.reason,
    seq: Number(row.seq),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toReview(row: ReviewRow): ChangeRequestReview {
  return {
    id: Number(row.id),
    revision: row.revision,
    verdict: row.verdict,
    reviewer: { kind: "user", id: row.reviewer_id, name: row.reviewer_name },
    note: row.note,
    at: row.at,
  };
}

/** The columns of a request with its current approvals (`cr` is `change_requests`). */
export const APPROVALS_OF_CURRENT_REVISION = `(select count(*) from change_request_reviews r
  where r.request_id = cr.id and r.revision = cr.revision and r.verdict = 'approve') as approvals`;

/** Announced to every listener when the transaction commits, and only then. */
export async function notifyChange(tx: TransactionSql, notice: ChangeRequestNotice): Promise<void> {
  await tx`select pg_notify(${CHANGE_REQUESTS_CHANNEL}, ${JSON.stringify(notice)})`;
}

export async function nextSeq(tx: TransactionSql): Promise<number> {
  const [row] = await tx<{ seq: string }[]>`select nextval('change_request_seq') as seq`;
  if (!row) throw new Error("nextval('change_request_seq') returned no row");
  return Number(row.seq);
}

/** Who the audit log names for an author: a user by email, a process as `actor (pid, entry)`. */
export function auditActorOf(author: ChangeRequestAuthor): { actor: AuditActor; metadata: Record<string, string> } {
  if (author.kind === "user") return { actor: { kind: "user", id: author.id, name: author.name }, metadata: {} };
  return { actor: { kind: "actor", id: author.id, name: author.name }, metadata: { pid: author.pid, entry: author.entry } };
}

/** `id:op` per operation: what an audit row lists (the full entries are in the request and the version). */
export function opSummary(ops: readonly ChangeOp[]): { op: string; id: string; kind: string | null }[] {
  return ops.map((op) => (op.op === "delete" ? { op: op.op, id: op.id, kind: null } : { op: op.op, id: op.entry.id, kind: op.entry.kind }));
}
