/**
 * Change requests (issue 9): a changeset proposed instead of applied, reviewed by people, and
 * applied as one registry version when approved.
 *
 * Terms:
 * - Author: who proposed it — a signed-in user, or a Lua process (an *agent*: its actor id, or
 *   `agent:<entry>` when it has no actor, plus its pid and the entry it runs).
 * - Base version: the registry version the operations were made against.
 * - Revision: 1 when proposed; +1 at each rebase (new operations on a newer base). Approvals
 *   count for the current revision only.
 * - Status:
 *   - `open`: waiting for approvals;
 *   - `applied`: approved and committed as `appliedVersion`;
 *   - `approved`: every approval is in, but the registry would not run with the change now
 *     (`problems`; nothing was written) — apply it again once that is fixed, rebase or reject;
 *   - `stale`: an approval found entries it touches changed after its base (`staleEntries`,
 *     seen at `staleVersion`): it keeps its operations and waits for a rebase;
 *   - `rejected`: a reviewer said no (or its author withdrew it).
 * - Review: one reviewer's verdict on a revision — `approve`, `reject`, or `rebase` (who
 *   rebased it changed it, so they count as an author from then on), with an optional note.
 * - Review rules: `registry.review_rules` entries say which namespaces need review, whether
 *   people (editors) must propose there too, and how many approvals a request needs (see the
 *   runtime's `registry/review-rules.ts`).
 * - Outcome event: every status change is announced on `pg_notify('wippy_change_requests')`;
 *   every runtime node publishes it on its bus as system `registry.change_request`, kind = the
 *   status, path = the request id.
 */
import type { ChangeOp, VersionSource } from "./entry";

export const CHANGE_REQUEST_STATUSES = ["open", "approved", "rejected", "applied", "stale"] as const;
export type ChangeRequestStatus = (typeof CHANGE_REQUEST_STATUSES)[number];

export const REVIEW_VERDICTS = ["approve", "reject", "rebase"] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

/** The bus system every node publishes change-request outcomes on. */
export const CHANGE_REQUEST_EVENT_SYSTEM = "registry.change_request";

export const DEFAULT_CHANGE_REQUEST = {
  /** Approvals a request needs when no review rule asks for more. */
  approvals: 1,
  /** The most approvals a rule may ask for. */
  maxApprovals: 10,
  messageMaxChars: 2_000,
  noteMaxChars: 5_000,
  /** The most operations one request may carry. */
  maxOps: 500,
} as const;

export type ChangeRequestAuthor =
  | { readonly kind: "user"; readonly id: string; readonly name: string }
  | { readonly kind: "actor"; readonly id: string; readonly name: string; readonly pid: string; readonly entry: string };

export interface ChangeRequestReview {
  readonly id: number;
  readonly revision: number;
  readonly verdict: ReviewVerdict;
  readonly reviewer: { readonly kind: "user"; readonly id: string; readonly name: string };
  readonly note: string;
  readonly at: Date;
}

export interface ChangeRequest {
  readonly id: number;
  readonly status: ChangeRequestStatus;
  readonly message: string;
  readonly author: ChangeRequestAuthor;
  /** Where the change came from: `agent` (Lua), `ui`, `api`. The applied version keeps it. */
  readonly source: VersionSource;
  readonly baseVersion: number;
  readonly revision: number;
  readonly ops: readonly ChangeOp[];
  /** Every entry id the operations touch, sorted. */
  readonly entryIds: readonly string[];
  readonly approvalsRequired: number;
  /** The review rules that applied when it was proposed (entry ids; empty: proposed by choice). */
  readonly rules: readonly string[];
  /** Approvals of the current revision. */
  readonly approvals: number;
  readonly appliedVersion: number | null;
  readonly staleVersion: number | null;
  readonly staleEntries: readonly string[];
  /** Why an approved request was not applied (the registry would not run with it). */
  readonly problems: readonly string[];
  /** Who decided (applied, rejected, found it stale), and the reviewer's note. */
  readonly decidedBy: string | null;
  readonly reason: string;
  /** Bumped at every change of status or approvals: orders the outcome events. */
  readonly seq: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What `pg_notify('wippy_change_requests')` carries (small: the request is read back by id). */
export interface ChangeRequestNotice {
  readonly id: number;
  readonly status: ChangeRequestStatus;
  readonly seq: number;
}

/** The `data` of an outcome event on the bus (and what Lua's `registry.change_request` returns). */
export interface ChangeRequestEventData {
  readonly id: string;
  readonly status: ChangeRequestStatus;
  readonly message: string;
  readonly author: string;
  readonly base_version: number;
  readonly revision: number;
  readonly approvals: number;
  readonly approvals_required: number;
  readonly entries: readonly string[];
  readonly version?: number;
  readonly stale_entries?: readonly string[];
  readonly problems?: readonly string[];
  readonly decided_by?: string;
  readonly reason?: string;
}

export function changeRequestEventData(cr: ChangeRequest): ChangeRequestEventData {
  return {
    id: String(cr.id),
    status: cr.status,
    message: cr.message,
    author: cr.author.id,
    base_version: cr.baseVersion,
    revision: cr.revision,
    approvals: cr.approvals,
    approvals_required: cr.approvalsRequired,
    entries: cr.entryIds,
    ...(cr.appliedVersion !== null && { version: cr.appliedVersion }),
    ...(cr.staleEntries.length > 0 && { stale_entries: cr.staleEntries }),
    ...(cr.problems.length > 0 && { problems: cr.problems }),
    ...(cr.decidedBy !== null && { decided_by: cr.decidedBy }),
    ...(cr.reason !== "" && { reason: cr.reason }),
  };
}

/** `change:<id>`: the collaboration target (comments, presence) of a request. */
export const changeTarget = (id: number): string => `change:${id}`;
