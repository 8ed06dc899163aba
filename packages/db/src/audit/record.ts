/**
 * Writing the audit log (`audit_log`, schema/control.ts): one append-only row per mutation.
 *
 * Terms:
 * - Actor: who did it — a signed-in user (`user`, id = user id, name = email), a Lua process
 *   acting through the registry (`actor`), someone at the `wippy` command line (`cli`, id = name
 *   = the OS account and machine, `ann@build-01`), or the system itself (`system`, e.g.
 *   first-run setup).
 * - Action: a dotted verb such as `registry.save`, `users.setRole`, `functions.run`.
 * - Target: what it was done to (an entry id, a user's email, a version number), `""` if none.
 * - Before/after: a small JSON summary of the state on each side, not necessarily the whole
 *   object (sources are large; the registry's own history keeps them).
 *
 * In: a postgres.js connection or — preferably — the transaction that makes the change, so the
 * row commits if and only if the change does. Out: the stored row.
 */
import type { Sql, TransactionSql } from "postgres";
import type { JsonValue } from "@wippy/shared";
import type { AuditActorKind } from "../schema/control";

export interface AuditActor {
  kind: AuditActorKind;
  id: string;
  name: string;
}

export interface AuditRecord {
  actor: AuditActor;
  action: string;
  target?: string;
  summary?: string;
  before?: JsonValue;
  after?: JsonValue;
  metadata?: Record<string, JsonValue>;
}

export interface AuditRow {
  id: number;
  at: Date;
  actor: AuditActor;
  action: string;
  target: string;
  summary: string;
  before: JsonValue | null;
  after: JsonValue | null;
  metadata: Record<string, JsonValue>;
}

export interface AuditRowData {
  id: string | number;
  at: Date;
  actor_kind: AuditActorKind;
  actor_id: string;
  actor_name: string;
  action: string;
  target: string;
  summary: string;
  before: JsonValue | null;
  after: JsonValue | null;
  metadata: Record<string, JsonValue> | null;
}

/** The actor for work the system does on nobody's behalf. */
export const SYSTEM_ACTOR: AuditActor = { kind: "system", id: "system", name: "system" };

export async function recordAudit(sql: Sql | TransactionSql, record: AuditRecord): Promise<AuditRow> {
  const [row] = await sql<AuditRowData[]>`
    insert into audit_log (actor_kind, actor_id, actor_name, action, target, summary, before, after, metadata)
    values (${record.actor.kind}, ${record.actor.id}, ${record.actor.name}, ${record.action}, ${record.target ?? ""},
            ${record.summary ?? ""}, ${jsonText(record.before)}::text::jsonb, ${jsonText(record.after)}::text::jsonb,
            ${JSON.stringify(record.metadata ?? {})}::text::jsonb)
    returning *`;
  if (!row) throw new Error("insert into audit_log returned no row");
  return toAuditRow(row);
}

export function toAuditRow(row: AuditRowData): AuditRow {
  return {
    id: Number(row.id),
    at: row.at,
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    action: row.action,
    target: row.target,
    summary: row.summary,
    before: row.before,
    after: row.after,
    metadata: row.metadata ?? {},
  };
}

/**
 * JSON text for a jsonb parameter, bound as `::text::jsonb`: a parameter typed jsonb would make
 * postgres.js encode the text once more (a JSON string). `undefined` is SQL null; JSON `null`
 * stays a JSON value.
 */
function jsonText(value: JsonValue | undefined): string | null {
  return value === undefined ? null : JSON.stringify(value);
}
