/**
 * Recording runtime incidents (`incidents`, schema/collab.ts) so that each occurrence is stored
 * once, whichever control-plane server sees it and however often: the server a node pushes its
 * supervision tree to detects them (apps/web/server/sockets/incidents.ts), and after a node
 * reconnects elsewhere — or the detecting server restarts — another server sees the same state.
 *
 * Rules (serialized per kind, node and service by an advisory lock):
 * - the same episode again: a `crash_loop` still open takes the newer `lastAt` and restart count
 *   (`updated`); anything else is `unchanged`;
 * - a `crash_loop` whose open incident saw a restart within `reopenAfterMs` continues it (a
 *   server that took the node over numbers episodes its own way);
 * - otherwise the open incident, if any, is resolved (a crash loop as of its last restart, a
 *   failure as of now: the service failed anew, so it had run again) and a new one `opened`.
 * Opened and updated incidents are announced with `pg_notify('wippy_incidents', id)`.
 *
 * In: an observation (`IncidentObservation`). Out: the incident as stored and what happened.
 */
import type { Sql, TransactionSql } from "postgres";
import type { Incident, IncidentKind, JsonValue } from "@wippy/shared";

export const INCIDENTS_CHANNEL = "wippy_incidents";
/** First key of the advisory locks taken per kind, node and service ("inci"). */
const INCIDENT_LOCK_CLASS = 0x696e6369;

export interface IncidentObservation {
  kind: IncidentKind;
  nodeId: string;
  service: string;
  episode: string;
  at: Date;
  restarts: number;
  message: string;
  detail?: Record<string, JsonValue>;
}

export type IncidentChange = "opened" | "updated" | "unchanged";

interface IncidentRow {
  id: string | number;
  kind: IncidentKind;
  node_id: string;
  service: string;
  episode: string;
  opened_at: Date;
  last_at: Date;
  resolved_at: Date | null;
  restarts: number;
  message: string;
}

type Db = Sql | TransactionSql;

export function toIncident(row: IncidentRow): Incident {
  const id = Number(row.id);
  return {
    type: "incident",
    key: `incident:${id}`,
    at: row.opened_at.getTime(),
    id,
    kind: row.kind,
    service: row.service,
    nodeId: row.node_id,
    lastAt: row.last_at.getTime(),
    resolvedAt: row.resolved_at ? row.resolved_at.getTime() : null,
    restarts: row.restarts,
    message: row.message,
  };
}

export async function recordIncident(sql: Sql, obs: IncidentObservation, reopenAfterMs: number): Promise<{ incident: Incident; change: IncidentChange }> {
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${INCIDENT_LOCK_CLASS}, hashtext(${`${obs.kind}|${obs.nodeId}|${obs.service}`}))`;
    const [same] = await tx<IncidentRow[]>`
      select * from incidents where kind = ${obs.kind} and node_id = ${obs.nodeId} and service = ${obs.service} and episode = ${obs.episode}`;
    if (same) {
      if (same.kind !== "crash_loop" || same.resolved_at !== null) return { incident: toIncident(same), change: "unchanged" as const };
      return { incident: await continueLoop(tx, same, obs), change: "updated" as const };
    }
    const [open] = await tx<IncidentRow[]>`
      select * from incidents where kind = ${obs.kind} and node_id = ${obs.nodeId} and service = ${obs.service} and resolved_at is null`;
    if (open && obs.kind === "crash_loop" && obs.at.getTime() - open.last_at.getTime() <= reopenAfterMs) {
      return { incident: await continueLoop(tx, open, obs), change: "updated" as const };
    }
    if (open) await tx`update incidents set resolved_at = ${open.kind === "crash_loop" ? open.last_at : obs.at} where id = ${open.id}`;
    const [row] = await tx<IncidentRow[]>`
      insert into incidents (kind, node_id, service, episode, opened_at, last_at, restarts, message, detail)
      values (${obs.kind}, ${obs.nodeId}, ${obs.service}, ${obs.episode}, ${obs.at}, ${obs.at}, ${obs.restarts}, ${obs.message},
              ${JSON.stringify(obs.detail ?? {})}::text::jsonb)
      returning *`;
    if (!row) throw new Error("insert into incidents returned no row");
    await notify(tx, row.id);
    return { incident: toIncident(row), change: "opened" as const };
  }) as Promise<{ incident: Incident; change: IncidentChange }>;
}

async function continueLoop(tx: TransactionSql, row: IncidentRow, obs: IncidentObservation): Promise<Incident> {
  const [updated] = await tx<IncidentRow[]>`
    update incidents set last_at = greatest(last_at, ${obs.at}), restarts = greatest(restarts, ${obs.restarts}), message = ${obs.message},
      detail = ${JSON.stringify(obs.detail ?? {})}::text::jsonb
    where id = ${row.id} returning *`;
  if (!updated) throw new Error(`incident ${row.id} vanished while locked`);
  await notify(tx, updated.id);
  return toIncident(updated);
}

/** Marks the open incidents of these services on a node as resolved (they were seen running). */
export async function resolveIncidents(sql: Db, where: { nodeId: string; services: readonly string[]; kinds: readonly IncidentKind[]; at: Date }): Promise<Incident[]> {
  if (where.kinds.length === 0 || where.services.length === 0) return [];
  const rows = await sql<IncidentRow[]>`
    update incidents set resolved_at = ${where.at}
    where node_id = ${where.nodeId} and service in ${sql(where.services)} and kind in ${sql(where.kinds)} and resolved_at is null
    returning *`;
  for (const row of rows) await notify(sql, row.id);
  return rows.map(toIncident);
}

export async function getIncident(sql: Db, id: number): Promise<Incident | null> {
  const [row] = await sql<IncidentRow[]>`select * from incidents where id = ${id}`;
  return row ? toIncident(row) : null;
}

async function notify(sql: Db, id: string | number): Promise<void> {
  await sql`select pg_notify(${INCIDENTS_CHANNEL}, ${String(id)})`;
}

/**
 * Ends the crash loops that saw no restart since `quietSince` (as of their last restart). Every
 * server runs this now and then: a loop ends even when the server that saw it is gone.
 */
export async function resolveQuietLoops(sql: Db, quietSince: Date): Promise<Incident[]> {
  const rows = await sql<IncidentRow[]>`
    update incidents set resolved_at = last_at
    where kind = 'crash_loop' and resolved_at is null and last_at < ${quietSince}
    returning *`;
  for (const row of rows) await notify(sql, row.id);
  return rows.map(toIncident);
}
