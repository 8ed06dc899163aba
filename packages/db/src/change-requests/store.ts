/**
 * The change-request store (issue 9): proposals of registry changes, their reviews, and the
 * decisions that apply them — the contract both writers use (the control plane's
 * `changes.*` router and Lua's `changes:propose()` on a runtime node).
 *
 * Every mutation runs in one transaction with its audit row and its NOTIFY on
 * `wippy_change_requests` (`{id, status, seq}`), and is refused as a whole (rolled back) when
 * it answers a refusal. Reads never lock.
 *
 * In: a postgres.js connection. Out: `ChangeRequest`s, reviews, decisions; refusals as
 * `Result` failures (`errors.ts`), never throws for them.
 */
import type { Sql, TransactionSql } from "postgres";
import { fail } from "@wippy/shared";
import type { ChangeOp, ChangeRequest, ChangeRequestReview, ChangeRequestStatus, EntryChange, Result } from "@wippy/shared";
import type { AuditActor } from "../audit";
import { applyApprovedIn, approveIn, rebaseIn, rejectIn, type Decision, type ValidateChange } from "./decide";
import type { ChangeRequestError } from "./errors";
import { proposeIn, type ProposeInput } from "./propose";
import { changedSince, countChangeRequests, getChangeRequest, listChangeRequests, listReviews, proposedChanges, type ChangeRequestFilter } from "./read";

/** Carries a refusal out of `sql.begin`, so that everything the transaction wrote is rolled back. */
class Refusal extends Error {
  constructor(readonly error: ChangeRequestError) {
    super(error.message);
  }
}

export class ChangeRequestStore {
  constructor(private readonly sql: Sql) {}

  propose(input: ProposeInput): Promise<Result<ChangeRequest, ChangeRequestError>> {
    return this.transaction((tx) => proposeIn(tx, input));
  }

  approve(id: number, reviewer: AuditActor, opts: { note?: string; revision?: number; validate?: ValidateChange } = {}): Promise<Result<Decision, ChangeRequestError>> {
    return this.transaction((tx) => approveIn(tx, id, reviewer, opts));
  }

  applyApproved(id: number, decider: AuditActor, opts: { validate?: ValidateChange } = {}): Promise<Result<Decision, ChangeRequestError>> {
    return this.transaction((tx) => applyApprovedIn(tx, id, decider, opts));
  }

  reject(id: number, reviewer: AuditActor, opts: { note?: string; revision?: number } = {}): Promise<Result<Decision, ChangeRequestError>> {
    return this.transaction((tx) => rejectIn(tx, id, reviewer, opts));
  }

  rebase(
    id: number,
    contributor: AuditActor,
    input: { revision: number; baseVersion: number; ops: readonly ChangeOp[]; message?: string; note?: string },
  ): Promise<Result<Decision, ChangeRequestError>> {
    return this.transaction((tx) => rebaseIn(tx, id, contributor, input));
  }

  get(id: number): Promise<ChangeRequest | null> {
    return getChangeRequest(this.sql, id);
  }

  list(filter: ChangeRequestFilter = {}): Promise<{ items: ChangeRequest[]; nextBefore: number | null }> {
    return listChangeRequests(this.sql, filter);
  }

  counts(): Promise<Record<ChangeRequestStatus, number>> {
    return countChangeRequests(this.sql);
  }

  reviews(id: number): Promise<ChangeRequestReview[]> {
    return listReviews(this.sql, id);
  }

  /** What the request does to each entry, against its base version. */
  changes(request: Pick<ChangeRequest, "ops" | "entryIds" | "baseVersion">): Promise<EntryChange[]> {
    return proposedChanges(this.sql, request);
  }

  changedSince(since: Date, limit?: number): Promise<ChangeRequest[]> {
    return changedSince(this.sql, since, limit);
  }

  private async transaction<T>(work: (tx: TransactionSql) => Promise<Result<T, ChangeRequestError>>): Promise<Result<T, ChangeRequestError>> {
    try {
      return (await this.sql.begin(async (tx) => {
        const result = await work(tx);
        if (!result.ok) throw new Refusal(result.error);
        return result;
      })) as Result<T, ChangeRequestError>;
    } catch (error) {
      if (error instanceof Refusal) return fail(error.error);
      throw error;
    }
  }
}
