/**
 * Deciding a change request — approve, reject, rebase, apply an approved one again — each in
 * one transaction that first locks the request's row, so deciders of one request are
 * serialized and a request is applied at most once.
 *
 * Approving adds the reviewer's approval of the current revision; the approval that makes
 * `approvalsRequired` locks the registry head (lock order: request row, then head — every
 * registry writer takes only the head, so no cycle) and then:
 * - if an entry the request touches has a revision after its base → `stale` (nothing applied;
 *   the operations stay for a rebase);
 * - else if `validate` finds problems with the registry as it would be → `approved`, with them;
 * - else the operations are committed as ONE new version (author and source of the request)
 *   in this same transaction → `applied`.
 *
 * Refusals: an agent (a non-user reviewer) never approves; nobody approves a request they
 * authored or rebased (`PermissionDenied`); a decided request, a revision that moved on, a
 * second approval of the same revision by one person → `Conflict`. Every decision is audited
 * in its transaction (`changes.approve|reject|rebase|apply`) and announced (NOTIFY).
 */
import type { TransactionSql } from "postgres";
import { fail, ok } from "@wippy/shared";
import type { ChangeOp, ChangeRequest, ChangeRequestStatus, Entry, JsonValue, Result } from "@wippy/shared";
import { recordAudit, type AuditActor } from "../audit";
import { commitInTransaction, type Commit } from "../registry";
import type { EntryRow } from "../registry/rows";
import type { ChangeRequestError } from "./errors";
import { checkOpsAt, describeOps } from "./propose";
import { contributorsOf, listReviews, lockChangeRequest } from "./read";
import { nextSeq, notifyChange, opSummary } from "./rows";

/** Problems the registry would have with `ops` applied to `current` (empty: it would run). */
export type ValidateChange = (ops: readonly ChangeOp[], current: ReadonlyMap<string, Entry>) => readonly string[];

export interface Decision {
  request: ChangeRequest;
  /** The version an applied request became. */
  commit: Commit | null;
}

type Decided = Result<Decision, ChangeRequestError>;

const refuse = (kind: ChangeRequestError["kind"], message: string): Result<never, ChangeRequestError> => fail({ kind, message });

function describeStatus(cr: ChangeRequest): string {
  switch (cr.status) {
    case "open":
      return "open";
    case "applied":
      return `already applied as version ${cr.appliedVersion}`;
    case "approved":
      return "approved already (it could not be applied: apply it again, rebase it or reject it)";
    case "rejected":
      return "rejected";
    case "stale":
      return `stale (entries changed after its base version ${cr.baseVersion}): rebase it first`;
  }
}

async function lockedOrRefuse(tx: TransactionSql, id: number, allowed: readonly ChangeRequestStatus[], revision?: number): Promise<Result<ChangeRequest, ChangeRequestError>> {
  const cr = await lockChangeRequest(tx, id);
  if (!cr) return refuse("NotFound", `change request #${id} does not exist`);
  if (!allowed.includes(cr.status)) return refuse("Conflict", `change request #${id} is ${describeStatus(cr)}`);
  if (revision !== undefined && revision !== cr.revision) {
    return refuse("Conflict", `change request #${id} was rebased after you read it (now revision ${cr.revision}, you saw ${revision}): review it again`);
  }
  return ok(cr);
}

function mustBePerson(who: AuditActor, what: string): Result<null, ChangeRequestError> {
  if (who.kind === "user") return ok(null);
  return refuse("PermissionDenied", `an agent never ${what} a change request: a person with the approver role reviews it in the control plane`);
}

export async function approveIn(tx: TransactionSql, id: number, reviewer: AuditActor, opts: { note?: string; revision?: number; validate?: ValidateChange } = {}): Promise<Decided> {
  const person = mustBePerson(reviewer, "approves");
  if (!person.ok) return person;
  const locked = await lockedOrRefuse(tx, id, ["open"], opts.revision);
  if (!locked.ok) return locked;
  const cr = locked.value;
  if (cr.author.kind === "user" && cr.author.id === reviewer.id) return refuse("PermissionDenied", `nobody approves their own change request: #${id} is yours; another approver must review it`);
  if ((await contributorsOf(tx, id)).has(reviewer.id)) return refuse("PermissionDenied", `you rebased change request #${id}, so you count as its author: another approver must review it`);
  const inserted = await tx`
    insert into change_request_reviews (request_id, revision, verdict, reviewer_id, reviewer_name, note)
    values (${id}, ${cr.revision}, 'approve', ${reviewer.id}, ${reviewer.name}, ${opts.note ?? ""})
    on conflict do nothing returning id`;
  if (inserted.length === 0) return refuse("Conflict", `you already approved revision ${cr.revision} of change request #${id}`);
  const approvals = cr.approvals + 1;
  if (approvals < cr.approvalsRequired) {
    const request = await update(tx, cr, { status: "open" });
    await audit(tx, reviewer, "changes.approve", request, `approved change request #${id} (${approvals} of ${cr.approvalsRequired} approvals)`, { note: opts.note ?? "" });
    return ok({ request, commit: null });
  }
  return applyLocked(tx, cr, reviewer, "changes.approve", opts.validate, opts.note ?? "");
}

/** An `approved` request that could not be applied, tried again (after the registry was fixed). */
export async function applyApprovedIn(tx: TransactionSql, id: number, decider: AuditActor, opts: { validate?: ValidateChange } = {}): Promise<Decided> {
  const person = mustBePerson(decider, "applies");
  if (!person.ok) return person;
  const locked = await lockedOrRefuse(tx, id, ["approved"]);
  if (!locked.ok) return locked;
  return applyLocked(tx, locked.value, decider, "changes.apply", opts.validate, "");
}

export async function rejectIn(tx: TransactionSql, id: number, reviewer: AuditActor, opts: { note?: string; revision?: number } = {}): Promise<Decided> {
  const person = mustBePerson(reviewer, "rejects");
  if (!person.ok) return person;
  const locked = await lockedOrRefuse(tx, id, ["open", "approved", "stale"], opts.revision);
  if (!locked.ok) return locked;
  const cr = locked.value;
  const note = opts.note ?? "";
  await tx`insert into change_request_reviews (request_id, revision, verdict, reviewer_id, reviewer_name, note) values (${id}, ${cr.revision}, 'reject', ${reviewer.id}, ${reviewer.name}, ${note})`;
  const withdrawn = cr.author.kind === "user" && cr.author.id === reviewer.id;
  const reason = note || (withdrawn ? "withdrawn by its author" : "");
  const request = await update(tx, cr, { status: "rejected", decided_by: reviewer.name, reason });
  await audit(tx, reviewer, "changes.reject", request, `${withdrawn ? "withdrew" : "rejected"} change request #${id}${note ? `: ${note}` : ""}`, { note });
  return ok({ request, commit: null });
}

/**
 * New operations on a newer base (after a stale approval, or to change an open request): the
 * request is open again at revision + 1, its approvals start over, and the person who rebased
 * it counts as an author (may not approve it).
 */
export async function rebaseIn(
  tx: TransactionSql,
  id: number,
  contributor: AuditActor,
  input: { revision: number; baseVersion: number; ops: readonly ChangeOp[]; message?: string; note?: string },
): Promise<Decided> {
  const person = mustBePerson(contributor, "rebases");
  if (!person.ok) return person;
  const locked = await lockedOrRefuse(tx, id, ["open", "approved", "stale"], input.revision);
  if (!locked.ok) return locked;
  const cr = locked.value;
  const checked = await checkOpsAt(tx, input.ops, input.baseVersion);
  if (!checked.ok) return checked;
  const revision = cr.revision + 1;
  await tx`insert into change_request_reviews (request_id, revision, verdict, reviewer_id, reviewer_name, note) values (${id}, ${revision}, 'rebase', ${contributor.id}, ${contributor.name}, ${input.note ?? ""})`;
  const seq = await nextSeq(tx);
  await tx`
    update change_requests set ops = ${JSON.stringify(input.ops)}::text::jsonb, entry_ids = ${checked.value}, base_version = ${input.baseVersion},
      revision = ${revision}, message = ${input.message ?? cr.message}, status = 'open', stale_version = null, stale_entries = '{}',
      problems = '[]'::jsonb, decided_by = null, reason = '', seq = ${seq}, updated_at = now()
    where id = ${id}`;
  const request = (await lockChangeRequest(tx, id)) as ChangeRequest;
  await audit(tx, contributor, "changes.rebase", request, `rebased change request #${id} on version ${input.baseVersion} (revision ${revision}): ${describeOps(input.ops)}`, {
    note: input.note ?? "",
    before: { baseVersion: cr.baseVersion, ops: opSummary(cr.ops) },
  });
  await notifyChange(tx, { id, status: "open", seq });
  return ok({ request, commit: null });
}

async function applyLocked(tx: TransactionSql, cr: ChangeRequest, decider: AuditActor, action: string, validate: ValidateChange | undefined, note: string): Promise<Decided> {
  const [head] = await tx<{ version: string }[]>`select version from registry_head where id = 1 for update`;
  if (!head) throw new Error("registry_head is missing: the database has not been migrated");
  const headVersion = Number(head.version);
  const moved = await tx<{ entry_id: string }[]>`
    select distinct entry_id from registry_revisions where version_id > ${cr.baseVersion} and entry_id in ${tx([...cr.entryIds])} order by entry_id`;
  if (moved.length > 0) {
    const staleEntries = moved.map((m) => m.entry_id);
    const reason = `${staleEntries.join(", ")} changed after version ${cr.baseVersion} it was proposed on (the registry is at version ${headVersion})`;
    const request = await update(tx, cr, { status: "stale", stale_version: headVersion, stale_entries: staleEntries, decided_by: decider.name, reason });
    await audit(tx, decider, action, request, `change request #${cr.id} is stale: ${reason}; nothing applied`, { note });
    return ok({ request, commit: null });
  }
  const rows = await tx<EntryRow[]>`select id, kind, meta, data from registry_entries`;
  const current = new Map(rows.map((r) => [r.id, { id: r.id, kind: r.kind, meta: r.meta ?? {}, data: r.data ?? {} }]));
  const problems = validate ? [...validate(cr.ops, current)] : [];
  if (problems.length > 0) {
    const request = await update(tx, cr, { status: "approved", problems, decided_by: decider.name, reason: "" });
    await audit(tx, decider, action, request, `change request #${cr.id} is approved but not applied: the registry would not run with it (${problems[0]}${problems.length > 1 ? ` and ${problems.length - 1} more` : ""})`, { note });
    return ok({ request, commit: null });
  }
  const approvers = (await listReviews(tx, cr.id)).filter((r) => r.revision === cr.revision && r.verdict === "approve").map((r) => r.reviewer.name);
  const message = `${cr.message || describeOps(cr.ops)} (change request #${cr.id}, approved by ${approvers.join(", ") || decider.name})`;
  const committed = await commitInTransaction(tx, cr.ops, { author: cr.author.kind === "user" ? cr.author.name : cr.author.id, source: cr.source, message, expectedBase: headVersion });
  if (!committed.ok) {
    // Not stale, so the operations fit as they did when proposed; a refusal here is a bug.
    throw new Error(`change request #${cr.id} could not be committed although nothing it touches moved: ${committed.error.message}`);
  }
  const version = committed.value.version.id;
  const request = await update(tx, cr, { status: "applied", applied_version: version, problems: [], decided_by: decider.name, reason: "" });
  await audit(tx, decider, action, request, `applied change request #${cr.id} as version ${version} (${committed.value.changes.length} entr${committed.value.changes.length === 1 ? "y" : "ies"})`, {
    note,
    version,
  });
  return ok({ request, commit: committed.value });
}

interface StatusUpdate {
  status: ChangeRequestStatus;
  applied_version?: number;
  stale_version?: number;
  stale_entries?: string[];
  problems?: string[];
  decided_by?: string;
  reason?: string;
}

/** Writes the new status (and outcome), takes a seq and announces it. */
async function update(tx: TransactionSql, cr: ChangeRequest, change: StatusUpdate): Promise<ChangeRequest> {
  const seq = await nextSeq(tx);
  await tx`
    update change_requests set status = ${change.status},
      applied_version = ${change.applied_version ?? cr.appliedVersion},
      stale_version = ${change.stale_version ?? cr.staleVersion},
      stale_entries = ${change.stale_entries ?? [...cr.staleEntries]},
      problems = ${JSON.stringify(change.problems ?? cr.problems)}::text::jsonb,
      decided_by = ${change.decided_by ?? cr.decidedBy}, reason = ${change.reason ?? cr.reason},
      seq = ${seq}, updated_at = now()
    where id = ${cr.id}`;
  await notifyChange(tx, { id: cr.id, status: change.status, seq });
  const fresh = await lockChangeRequest(tx, cr.id);
  if (!fresh) throw new Error(`change request #${cr.id} vanished while locked`);
  return fresh;
}

async function audit(
  tx: TransactionSql,
  actor: AuditActor,
  action: string,
  request: ChangeRequest,
  summary: string,
  extra: { note: string; version?: number; before?: JsonValue },
): Promise<void> {
  await recordAudit(tx, {
    actor,
    action,
    target: `change:${request.id}`,
    summary,
    before: extra.before ?? null,
    after: { status: request.status, revision: request.revision, approvals: request.approvals, approvalsRequired: request.approvalsRequired, ...(extra.note && { note: extra.note }) },
    metadata: {
      changeRequest: request.id,
      author: request.author.id,
      entries: [...request.entryIds],
      ...(extra.version !== undefined && { version: extra.version }),
    },
  });
}
