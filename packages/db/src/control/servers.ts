/**
 * Live control-plane servers (`control_servers`): each server registers the URL nodes reach it
 * at and beats every few seconds; nodes dial one whose beat is recent. A server that stops
 * removes its row; one that dies is ignored once its beat is older than `staleMs`.
 */
import type { Sql } from "../client";

export interface ControlServer {
  readonly id: string;
  readonly url: string;
  readonly startedAt: Date;
  readonly heartbeatAt: Date;
}

export const DEFAULT_SERVER_STALE_MS = 15_000;

export async function registerServer(sql: Sql, id: string, url: string): Promise<void> {
  await sql`insert into control_servers (id, url) values (${id}, ${url})
            on conflict (id) do update set url = excluded.url, heartbeat_at = now()`;
}

export async function beatServer(sql: Sql, id: string): Promise<void> {
  await sql`update control_servers set heartbeat_at = now() where id = ${id}`;
}

export async function removeServer(sql: Sql, id: string): Promise<void> {
  await sql`delete from control_servers where id = ${id}`;
}

/** Servers with a recent beat, most recently started first. */
export async function liveServers(sql: Sql, staleMs = DEFAULT_SERVER_STALE_MS): Promise<ControlServer[]> {
  const rows = await sql<{ id: string; url: string; started_at: Date; heartbeat_at: Date }[]>`
    select id, url, started_at, heartbeat_at from control_servers
    where heartbeat_at > now() - make_interval(secs => ${staleMs / 1000})
    order by started_at desc`;
  return rows.map((r) => ({ id: r.id, url: r.url, startedAt: r.started_at, heartbeatAt: r.heartbeat_at }));
}
