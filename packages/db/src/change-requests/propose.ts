/**
 * Proposing a change: the operations are checked against the registry *at their base version*
 * (as `apply` would check them against the head: a create of an entry that existed then, an
 * update or delete of one that did not → `Conflict`; operations that change nothing →
 * `Invalid`), then stored with the request, audited (`changes.propose`, naming the user or the
 * process) and announced — all in one transaction.
 */
import type { TransactionSql } from "postgres";
import { DEFAULT_CHANGE_REQUEST, fail, ok, opEntryId } from "@wippy/shared";
import type { ChangeOp, ChangeRequest, ChangeRequestAuthor, Result, VersionSource } from "@wippy/shared";
import { recordAudit } from "../audit";
import { planChanges, stateAt } from "../registry";
import { auditActorOf, nextSeq, notifyChange, opSummary, toChangeRequest, type ChangeRequestRow } from "./rows";
import type { ChangeRequestError } from "./errors";

export interface ProposeInput {
  author: ChangeRequestAuthor;
  source: VersionSource;
  baseVersion: number;
  ops: readonly ChangeOp[];
  message: string;
  /** From the review rules that cover the entries (at least 1). */
  approvalsRequired: number;
  /** The review rule entries that applied. */
  rules: readonly string[];
}

/** The operations checked against the registry at `base`: Conflict / Invalid as `apply` would answer. */
export async function checkOpsAt(tx: TransactionSql, ops: readonly ChangeOp[], base: number): Promise<Result<string[], ChangeRequestError>> {
  if (ops.length > DEFAULT_CHANGE_REQUEST.maxOps) return fail({ kind: "Invalid", message: `a change request holds at most ${DEFAULT_CHANGE_REQUEST.maxOps} operations (this one has ${ops.length})` });
  const [head] = await tx<{ version: string }[]>`select version from registry_head where id = 1`;
  const current = Number(head?.version ?? 0);
  if (!Number.isInteger(base) || base < 0 || base > current) {
    return fail({ kind: "Invalid", message: `base version ${base} does not exist (the newest is ${current})` });
  }
  const ids = [...new Set(ops.map(opEntryId))].sort();
  const planned = planChanges(ops, await stateAt(tx, base, ids));
  if (!planned.ok) return fail({ kind: planned.error.kind === "Conflict" ? "Conflict" : "Invalid", message: `${planned.error.message} (at base version ${base})` });
  return ok(ids);
}

export async function proposeIn(tx: TransactionSql, input: ProposeInput): Promise<Result<ChangeRequest, ChangeRequestError>> {
  const checked = await checkOpsAt(tx, input.ops, input.baseVersion);
  if (!checked.ok) return checked;
  const required = Math.min(Math.max(1, Math.trunc(input.approvalsRequired)), DEFAULT_CHANGE_REQUEST.maxApprovals);
  const seq = await nextSeq(tx);
  const { author } = input;
  const [row] = await tx<ChangeRequestRow[]>`
    insert into change_requests (message, author_kind, author_id, author_name, author_pid, author_entry, source, base_version,
                                 ops, entry_ids, approvals_required, rules, seq)
    values (${input.message}, ${author.kind}, ${author.id}, ${author.name}, ${author.kind === "actor" ? author.pid : null},
            ${author.kind === "actor" ? author.entry : null}, ${input.source}, ${input.baseVersion},
            ${JSON.stringify(input.ops)}::text::jsonb, ${checked.value}, ${required}, ${[...input.rules]}, ${seq})
    returning *, 0 as approvals`;
  if (!row) throw new Error("insert into change_requests returned no row");
  const request = toChangeRequest(row);
  const who = auditActorOf(author);
  await recordAudit(tx, {
    actor: who.actor,
    action: "changes.propose",
    target: `change:${request.id}`,
    summary: `proposed change request #${request.id} on version ${input.baseVersion}: ${describeOps(input.ops)}${input.message ? ` — ${input.message}` : ""}`,
    before: null,
    after: { message: input.message, baseVersion: input.baseVersion, ops: opSummary(input.ops), approvalsRequired: required, rules: [...input.rules] },
    metadata: { ...who.metadata, changeRequest: request.id, entries: checked.value },
  });
  await notifyChange(tx, { id: request.id, status: request.status, seq });
  return ok(request);
}

export function describeOps(ops: readonly ChangeOp[]): string {
  const shown = ops.slice(0, 3).map((op) => `${op.op} ${opEntryId(op)}`);
  return ops.length > 3 ? `${shown.join(", ")} and ${ops.length - 3} more` : shown.join(", ");
}
