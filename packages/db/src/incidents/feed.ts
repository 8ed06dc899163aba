/**
 * The activity feed (@wippy/shared `collab/feed.ts`): registry versions and incidents, newest
 * first, paged per source by id so that no item is skipped or repeated between pages even when
 * two happen in the same millisecond.
 *
 * Paging: each page reads up to `limit` of each source below its cursor, merges them by time
 * and keeps the newest `limit`; a source's next cursor is the smallest id kept from it (or where
 * it was, when none was kept), null once it has nothing left.
 *
 * In: a postgres.js connection and `FeedQuery`. Out: the page and the cursor of the next one.
 */
import type { Sql } from "postgres";
import type { FeedCursor, FeedItem, FeedKind, FeedVersion, RevisionOp, VersionSource } from "@wippy/shared";
import { toIncident } from "./record";

export const DEFAULT_FEED_PAGE = 30;
/** Entries named per version; the rest are counted. */
export const FEED_ENTRIES_PER_VERSION = 8;

export interface FeedQuery {
  kind?: FeedKind;
  limit?: number;
  cursor?: FeedCursor;
}

interface VersionRow {
  id: string | number;
  created_at: Date;
  author: string;
  source: string;
  message: string;
}

/** A version as a feed item, from its changes (all of them, or the first few and the total). */
export function toFeedVersion(
  version: { id: number; createdAt: Date; author: string; source: VersionSource; message: string },
  changes: readonly { id: string; op: RevisionOp }[],
  total = changes.length,
): FeedVersion {
  const entries = [...changes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, FEED_ENTRIES_PER_VERSION);
  return { type: "version", key: `version:${version.id}`, at: version.createdAt.getTime(), version: version.id, author: version.author, source: version.source, message: version.message, entries, entryCount: total };
}

export async function listFeed(sql: Sql, query: FeedQuery = {}): Promise<{ items: FeedItem[]; nextCursor: FeedCursor | null }> {
  const limit = query.limit ?? DEFAULT_FEED_PAGE;
  const kind = query.kind ?? "all";
  // Undefined: from the newest; null: that source is done.
  const versionBound = kind === "incidents" ? null : query.cursor ? query.cursor.versions : undefined;
  const incidentBound = kind === "versions" ? null : query.cursor ? query.cursor.incidents : undefined;
  // One more than a page of each: whether a source has more tells a last page from a full one.
  const [versionRows, incidentRows] = await Promise.all([readVersions(sql, versionBound, limit + 1), readIncidents(sql, incidentBound, limit + 1)]);
  const versions = versionRows.slice(0, limit);
  const incidents = incidentRows.slice(0, limit);
  const merged = mergeNewestFirst(versions, incidents, limit);
  const next = (bound: number | null | undefined, read: readonly FeedItem[], more: boolean, idOf: (item: FeedItem) => number | null): number | null => {
    if (bound === null || read.length === 0) return null;
    const kept = merged.map(idOf).filter((id): id is number => id !== null);
    if (kept.length > 0) return !more && kept.length === read.length ? null : Math.min(...kept);
    return bound ?? Math.max(...read.map((item) => idOf(item) ?? 0)) + 1;
  };
  const nextCursor: FeedCursor = {
    versions: next(versionBound, versions, versionRows.length > limit, (i) => (i.type === "version" ? i.version : null)),
    incidents: next(incidentBound, incidents, incidentRows.length > limit, (i) => (i.type === "incident" ? i.id : null)),
  };
  return { items: merged, nextCursor: nextCursor.versions === null && nextCursor.incidents === null ? null : nextCursor };
}

/**
 * The newest `limit` of two lists, each newest first by id: a merge (not a sort), so what is
 * kept of each list is a prefix of it — the cursor after it never skips an item whose time is
 * out of order with its id (a version's time is its transaction's start).
 */
function mergeNewestFirst(a: readonly FeedItem[], b: readonly FeedItem[], limit: number): FeedItem[] {
  const out: FeedItem[] = [];
  let i = 0;
  let j = 0;
  while (out.length < limit && (i < a.length || j < b.length)) {
    const x = a[i];
    const y = b[j];
    if (x && (!y || x.at >= y.at)) {
      out.push(x);
      i += 1;
    } else if (y) {
      out.push(y);
      j += 1;
    }
  }
  return out;
}

async function readVersions(sql: Sql, bound: number | null | undefined, limit: number): Promise<FeedVersion[]> {
  if (bound === null) return [];
  const rows =
    bound === undefined
      ? await sql<VersionRow[]>`select id, created_at, author, source, message from registry_versions order by id desc limit ${limit}`
      : await sql<VersionRow[]>`select id, created_at, author, source, message from registry_versions where id < ${bound} order by id desc limit ${limit}`;
  if (rows.length === 0) return [];
  const ids = rows.map((r) => Number(r.id));
  const entries = await sql<{ version_id: string | number; entry_id: string; op: RevisionOp; total: number }[]>`
    select version_id, entry_id, op, total from (
      select version_id, entry_id, op,
             row_number() over (partition by version_id order by entry_id) as rn,
             count(*) over (partition by version_id)::int as total
      from registry_revisions where version_id in ${sql(ids)}
    ) r where rn <= ${FEED_ENTRIES_PER_VERSION} order by version_id, entry_id`;
  const byVersion = new Map<number, { changes: { id: string; op: RevisionOp }[]; total: number }>();
  for (const e of entries) {
    const id = Number(e.version_id);
    const seen = byVersion.get(id) ?? { changes: [], total: e.total };
    seen.changes.push({ id: e.entry_id, op: e.op });
    byVersion.set(id, seen);
  }
  return rows.map((r) => {
    const id = Number(r.id);
    const touched = byVersion.get(id) ?? { changes: [], total: 0 };
    return toFeedVersion({ id, createdAt: r.created_at, author: r.author, source: r.source as VersionSource, message: r.message }, touched.changes, touched.total);
  });
}

async function readIncidents(sql: Sql, bound: number | null | undefined, limit: number) {
  if (bound === null) return [];
  const rows =
    bound === undefined
      ? await sql<Parameters<typeof toIncident>[0][]>`select * from incidents order by id desc limit ${limit}`
      : await sql<Parameters<typeof toIncident>[0][]>`select * from incidents where id < ${bound} order by id desc limit ${limit}`;
  return rows.map(toIncident);
}
