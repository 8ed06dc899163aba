/**
 * Change-request tables (issue 9): changesets proposed for review, and the reviews on them.
 * Written only by `src/change-requests/` (`ChangeRequestStore`).
 *
 * - `change_requests`: one row per request — who proposed it (a user, or a process: actor id,
 *   pid, entry), the base version, the operations as proposed (`ops`, a `ChangeOp[]`) and the
 *   entry ids they touch, the status, how many approvals it needs, and the outcome (the version
 *   it was applied as; for a stale one the version it was found stale at and the entries that
 *   moved; for an approved one that could not be applied, the problems). `seq` is taken from
 *   `change_request_seq` at every change of status or approvals, so outcome events can be put
 *   in order and a node that reconnects can tell which it has already announced.
 * - `change_request_reviews`: append-only verdicts per revision (approve, reject, rebase) with
 *   the reviewer and a note. One approval per reviewer and revision (a unique index): two
 *   clicks, or two servers, cannot count the same person twice.
 */
import { sql } from "drizzle-orm";
import { bigint, bigserial, check, index, integer, jsonb, pgSequence, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { ChangeOp, ChangeRequestStatus, ReviewVerdict, VersionSource } from "@wippy/shared";

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const changeRequestSeq = pgSequence("change_request_seq");

export const changeRequests = pgTable(
  "change_requests",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    status: text("status").$type<ChangeRequestStatus>().notNull().default("open"),
    message: text("message").notNull().default(""),
    authorKind: text("author_kind").$type<"user" | "actor">().notNull(),
    authorId: text("author_id").notNull(),
    authorName: text("author_name").notNull(),
    /** For a process: its pid and the entry it runs when it proposed. */
    authorPid: text("author_pid"),
    authorEntry: text("author_entry"),
    source: text("source").$type<VersionSource>().notNull(),
    baseVersion: bigint("base_version", { mode: "number" }).notNull(),
    revision: integer("revision").notNull().default(1),
    ops: jsonb("ops").$type<ChangeOp[]>().notNull(),
    entryIds: text("entry_ids").array().notNull(),
    approvalsRequired: integer("approvals_required").notNull().default(1),
    rules: text("rules").array().notNull().default(sql`'{}'::text[]`),
    appliedVersion: bigint("applied_version", { mode: "number" }),
    staleVersion: bigint("stale_version", { mode: "number" }),
    staleEntries: text("stale_entries").array().notNull().default(sql`'{}'::text[]`),
    problems: jsonb("problems").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    decidedBy: text("decided_by"),
    reason: text("reason").notNull().default(""),
    seq: bigint("seq", { mode: "number" }).notNull(),
    createdAt: stamp("created_at").notNull().defaultNow(),
    updatedAt: stamp("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("change_requests_status_idx").on(t.status, t.id),
    index("change_requests_author_idx").on(t.authorId, t.id),
    index("change_requests_updated_idx").on(t.updatedAt),
    check("change_requests_status", sql`${t.status} in ('open', 'approved', 'rejected', 'applied', 'stale')`),
    check("change_requests_author_kind", sql`${t.authorKind} in ('user', 'actor')`),
    check("change_requests_approvals", sql`${t.approvalsRequired} between 1 and 10`),
  ],
);

export const changeRequestReviews = pgTable(
  "change_request_reviews",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    requestId: bigint("request_id", { mode: "number" })
      .notNull()
      .references(() => changeRequests.id, { onDelete: "cascade" }),
    revision: integer("revision").notNull(),
    verdict: text("verdict").$type<ReviewVerdict>().notNull(),
    reviewerId: text("reviewer_id").notNull(),
    reviewerName: text("reviewer_name").notNull(),
    note: text("note").notNull().default(""),
    at: stamp("at").notNull().defaultNow(),
  },
  (t) => [
    index("change_request_reviews_request_idx").on(t.requestId, t.id),
    uniqueIndex("change_request_reviews_one_approval").on(t.requestId, t.revision, t.reviewerId).where(sql`${t.verdict} = 'approve'`),
    check("change_request_reviews_verdict", sql`${t.verdict} in ('approve', 'reject', 'rebase')`),
  ],
);
