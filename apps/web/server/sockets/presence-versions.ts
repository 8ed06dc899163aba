/**
 * "Someone else saved what you are looking at": every control-plane server follows the registry
 * the way runtime nodes do — LISTEN on `wippy_registry`, then read every version newer than the
 * last one it relayed (what each touched: ids, ops and kinds, never sources), and again after
 * each reconnect of the LISTEN connection, so no version is missed even though NOTIFYs are lost
 * while it is down. For each
 * version it tells its own browsers (`ui.local`: every server relays to its own, so nothing is
 * sent twice): `registry:saved` on `entry:<id>` for each entry the version touched, on
 * `supervision` when it touched a service or supervisor, and a `feed:item` to the feed.
 *
 * Why not poll `history.versions` from each browser, or read the nodes' heartbeats? Polling
 * costs every open tab a query every few seconds and still answers late; heartbeats only say a
 * node's version, not what changed or who changed it, and say nothing without a node. The
 * NOTIFY is already sent by every commit (the runtime depends on it), and catching up by
 * version number makes it exact.
 */
import { DEFAULT_LISTEN_BACKOFF, listen, REGISTRY_CHANNEL, toFeedVersion, type Listener, type RegistryStore, type Sql } from "@wippy/db";
import { TREE_KINDS } from "@wippy/api";
import { entryTarget, splitTarget, SUPERVISION_TARGET, type RevisionOp, type SavedNotice, type VersionSource } from "@wippy/shared";
import { messageOf, type Logger } from "../log";
import type { UiNamespace } from "./io";
import { FEED_UI_ROOM, presenceRoom } from "./presence-events";

/** Versions read per query while catching up. */
const CATCH_UP_BATCH = 200;

interface VersionRow {
  id: string;
  created_at: Date;
  author: string;
  source: VersionSource;
  message: string;
}

/** A committed version and what it touched — ids, ops and kinds only: no sources are read. */
interface Touched {
  version: { id: number; createdAt: Date; author: string; source: VersionSource; message: string };
  changes: { id: string; op: RevisionOp; kind: string | null }[];
}

async function versionsAfter(sql: Sql, after: number, limit: number): Promise<Touched[]> {
  const versions = await sql<VersionRow[]>`select id, created_at, author, source, message from registry_versions where id > ${after} order by id limit ${limit}`;
  const last = versions[versions.length - 1];
  if (!last) return [];
  const revisions = await sql<{ version_id: string; entry_id: string; op: RevisionOp; kind: string | null }[]>`
    select version_id, entry_id, op, kind from registry_revisions where version_id > ${after} and version_id <= ${last.id} order by version_id, entry_id`;
  const byId = new Map<number, Touched>();
  for (const v of versions) byId.set(Number(v.id), { version: { id: Number(v.id), createdAt: v.created_at, author: v.author, source: v.source, message: v.message }, changes: [] });
  for (const r of revisions) byId.get(Number(r.version_id))?.changes.push({ id: r.entry_id, op: r.op, kind: r.kind });
  return [...byId.values()];
}

/** The last version that changed an entry target (null for other targets, or a new entry). */
export async function lastSavedOn(sql: Sql, target: string): Promise<SavedNotice | null> {
  const { kind, id } = splitTarget(target);
  if (kind !== "entry") return null;
  const [row] = await sql<(VersionRow & { op: RevisionOp })[]>`
    select v.id, v.created_at, v.author, v.source, v.message, r.op
    from registry_revisions r join registry_versions v on v.id = r.version_id
    where r.entry_id = ${id} order by r.version_id desc limit 1`;
  if (!row) return null;
  return { target, version: Number(row.id), author: row.author, source: row.source, message: row.message, at: row.created_at.getTime(), op: row.op, entries: [id] };
}

export class SaveRelay {
  private last = 0;
  private listener: Listener | undefined;
  private running: Promise<void> = Promise.resolve();
  private again = false;
  private busy = false;

  constructor(
    private readonly ui: UiNamespace,
    private readonly registry: RegistryStore,
    private readonly sql: Sql,
    private readonly log: Logger,
  ) {}

  async start(databaseUrl: string): Promise<void> {
    this.last = await this.registry.currentVersion();
    this.listener = await listen(
      databaseUrl,
      REGISTRY_CHANNEL,
      {
        onNotify: () => this.catchUp(),
        onReconnect: () => this.catchUp(),
        onError: (error) => this.log.warn({ err: error.message }, `following the registry for save notices: ${error.message}`),
      },
      DEFAULT_LISTEN_BACKOFF,
    );
    // A version committed between reading the head and LISTEN would otherwise wait for the next.
    this.catchUp();
  }

  async stop(): Promise<void> {
    await this.listener?.close();
    await this.running;
  }

  /** Reads and relays every version after the last one relayed; one run at a time. */
  catchUp(): void {
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    this.running = (async () => {
      do {
        this.again = false;
        try {
          for (;;) {
            const batch = await versionsAfter(this.sql, this.last, CATCH_UP_BATCH);
            for (const touched of batch) {
              await this.relay(touched);
              this.last = touched.version.id;
            }
            if (batch.length < CATCH_UP_BATCH) break;
          }
        } catch (error) {
          // The next NOTIFY or reconnect retries from the last version relayed.
          this.log.warn({ err: messageOf(error) }, `reading new registry versions for save notices failed: ${messageOf(error)}`);
        }
      } while (this.again);
      this.busy = false;
    })();
  }

  private async relay({ version, changes }: Touched): Promise<void> {
    const facts = { version: version.id, author: version.author, source: version.source, message: version.message, at: version.createdAt.getTime() };
    this.ui.local.to(FEED_UI_ROOM).emit("feed:item", toFeedVersion(version, changes));
    for (const change of changes) {
      const target = entryTarget(change.id);
      this.ui.local.to(presenceRoom(target)).emit("registry:saved", { ...facts, target, op: change.op, entries: [change.id] });
    }
    const tree = await this.treeEntries(version.id, changes);
    if (tree.length > 0) this.ui.local.to(presenceRoom(SUPERVISION_TARGET)).emit("registry:saved", { ...facts, target: SUPERVISION_TARGET, op: null, entries: tree });
  }

  /** Services and supervisors the version created, changed or deleted (a delete's kind is its previous revision's). */
  private async treeEntries(version: number, changes: Touched["changes"]): Promise<string[]> {
    const ids = changes.filter((c) => c.kind !== null && TREE_KINDS.has(c.kind)).map((c) => c.id);
    const deleted = changes.filter((c) => c.op === "delete").map((c) => c.id);
    if (deleted.length > 0) {
      const rows = await this.sql<{ entry_id: string; kind: string }[]>`
        select distinct on (entry_id) entry_id, kind from registry_revisions
        where entry_id in ${this.sql(deleted)} and version_id < ${version} and kind is not null
        order by entry_id, version_id desc`;
      for (const r of rows) if (TREE_KINDS.has(r.kind)) ids.push(r.entry_id);
    }
    return [...new Set(ids)].sort();
  }
}
