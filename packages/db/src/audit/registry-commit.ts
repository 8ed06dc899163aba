/**
 * How a whole registry version appears in the audit log, for the writers that commit several
 * entries at once (Lua's `changes:apply()` and `registry.apply_version`, rollbacks from the
 * control plane or `wippy registry rollback`, `wippy apply` of a folder):
 *
 * - target: the entry's id when the version changed one entry, else `version <n>`;
 * - before/after: one `auditEntry` per changed entry, in the version's order (null where the
 *   entry did not exist on that side);
 * - metadata: the version number and the changed entry ids.
 *
 * `rollbackAudit` is the whole record (but the actor) of a rollback, whoever asks for it.
 * In: a `Commit` (registry/store.ts). Out: fields of an `AuditRecord`.
 */
import type { JsonValue } from "@wippy/shared";
import type { Commit } from "../registry";
import { auditEntry } from "./entry-summary";
import type { AuditRecord } from "./record";

export interface CommitAudit {
  target: string;
  before: JsonValue;
  after: JsonValue;
  metadata: { version: number; entries: string[] };
}

export function auditCommit({ version, changes }: Commit): CommitAudit {
  const entries = changes.map((c) => c.id);
  return {
    target: entries.length === 1 ? (entries[0] ?? "") : `version ${version.id}`,
    before: changes.map((c) => auditEntry(c.before)),
    after: changes.map((c) => auditEntry(c.after)),
    metadata: { version: version.id, entries },
  };
}

/** `1 entry`, `3 entries`. */
export function countEntries(n: number): string {
  return `${n} entr${n === 1 ? "y" : "ies"}`;
}

/** A rollback to version `to` that committed as `commit` (its message is the version's). */
export function rollbackAudit(commit: Commit, to: number): Omit<AuditRecord, "actor"> {
  const { before, after, metadata } = auditCommit(commit);
  return {
    action: "registry.rollback",
    target: `version ${to}`,
    summary: `${commit.version.message} (version ${commit.version.id}, ${countEntries(commit.changes.length)})`,
    before,
    after,
    metadata: { version: metadata.version, to, entries: metadata.entries },
  };
}
