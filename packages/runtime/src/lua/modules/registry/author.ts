/**
 * Who a Lua process is when it changes the registry (issue 9): its actor's id when it runs with
 * one, else `agent:<entry id>` (the default author of its versions), plus its pid and the entry
 * it runs — what change requests record as their author and what the audit log names.
 *
 * `auditRegistryWrite` is the `onCommit` of a registry write from Lua: the audit row commits in
 * the version's own transaction, so a version written from Lua never exists without it.
 */
import type { TransactionSql } from "postgres";
import { auditCommit, countEntries, recordAudit, type AuditActor, type Commit } from "@wippy/db";
import type { ChangeRequestAuthor } from "@wippy/shared";
import type { LuaProcess } from "../../vm/lua-process";

export type ProcessAuthor = Extract<ChangeRequestAuthor, { kind: "actor" }>;

export function processAuthor(proc: LuaProcess): ProcessAuthor {
  const id = proc.security?.actor?.id ?? `agent:${proc.entry.id}`;
  return { kind: "actor", id, name: `${id} (${proc.pid}, ${proc.entry.id})`, pid: proc.pid, entry: proc.entry.id };
}

export function auditActorOf(author: ProcessAuthor): AuditActor {
  return { kind: "actor", id: author.id, name: author.name };
}

export function auditRegistryWrite(proc: LuaProcess, action: "registry.apply" | "registry.apply_version", target?: number) {
  const author = processAuthor(proc);
  return async (tx: TransactionSql, commit: Commit): Promise<void> => {
    const { target: changed, before, after, metadata } = auditCommit(commit);
    const what = action === "registry.apply" ? "changes:apply()" : `registry.apply_version(${target})`;
    await recordAudit(tx, {
      actor: auditActorOf(author),
      action,
      target: changed,
      summary: `${what} by ${author.name}: version ${metadata.version}, ${countEntries(metadata.entries.length)}`,
      before,
      after,
      metadata: { pid: author.pid, entry: author.entry, ...metadata, ...(target !== undefined && { to: target }) },
    });
  };
}
