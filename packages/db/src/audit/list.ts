/**
 * Reading the audit log, newest first, with filters and keyset paging.
 *
 * Filters (all optional, all must hold): `actor` matches the actor's id or name (exact, or a
 * case-insensitive substring of the name), `action` is exact or a prefix ending in `.`
 * (`registry.` = every registry action), `target` is a case-insensitive substring,
 * `since`/`until` bound `at` (inclusive/exclusive). Paging: pass the last row's id as `before`.
 */
import type { Sql } from "postgres";
import { toAuditRow, type AuditRow, type AuditRowData } from "./record";

export interface AuditFilter {
  actor?: string;
  action?: string;
  target?: string;
  since?: Date;
  until?: Date;
  /** Only rows with a smaller id (the previous page's last id). */
  before?: number;
  limit?: number;
}

export const DEFAULT_AUDIT_PAGE = 50;

export async function listAudit(sql: Sql, filter: AuditFilter = {}): Promise<AuditRow[]> {
  const limit = filter.limit ?? DEFAULT_AUDIT_PAGE;
  const conditions = [sql`true`];
  if (filter.actor) {
    conditions.push(sql`(actor_id = ${filter.actor} or actor_name ilike ${"%" + escapeLike(filter.actor) + "%"})`);
  }
  if (filter.action) {
    conditions.push(filter.action.endsWith(".") ? sql`action like ${escapeLike(filter.action) + "%"}` : sql`action = ${filter.action}`);
  }
  if (filter.target) conditions.push(sql`target ilike ${"%" + escapeLike(filter.target) + "%"}`);
  if (filter.since) conditions.push(sql`at >= ${filter.since}`);
  if (filter.until) conditions.push(sql`at < ${filter.until}`);
  if (filter.before !== undefined) conditions.push(sql`id < ${filter.before}`);
  const where = conditions.reduce((acc, c) => sql`${acc} and ${c}`);
  const rows = await sql<AuditRowData[]>`select * from audit_log where ${where} order by id desc limit ${limit}`;
  return rows.map(toAuditRow);
}

/** `%` and `_` in user text are literal characters, not wildcards. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
