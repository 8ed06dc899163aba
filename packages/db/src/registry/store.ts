/**
 * The registry service: the versioned source of truth in PostgreSQL.
 *
 * In: a postgres.js connection. Out: entries, snapshots (now or at any version), versions,
 * diffs, and atomic changesets. Expected failures are tagged results (`Result`), never throws.
 *
 * Commit protocol (see schema/registry.ts): lock the head row, check the expected base,
 * plan the ops against the locked current rows, write version + revisions + current view,
 * `pg_notify('wippy_registry', <version>)` — all in one transaction, so a version is either
 * wholly visible with its NOTIFY or not at all, and numbers are gap-free.
 */
import type { Sql, TransactionSql } from "postgres";
import { fail, filterEntries, ok } from "@wippy/shared";
import type { ChangeOp, Entry, EntryChange, JsonValue, Result, VersionInfo, VersionSource } from "@wippy/shared";
import { describeChange, opsBetween, planChanges } from "./plan";
import { revisionEntry, toEntry, toVersion } from "./rows";
import type { EntryRow, RevisionRow, VersionRow } from "./rows";

export const REGISTRY_CHANNEL = "wippy_registry";

export interface Snapshot {
  version: number;
  entries: Map<string, Entry>;
}

export interface CommitOptions {
  author: string;
  source: VersionSource;
  message?: string;
  /** Refuse with `Conflict` unless the registry is still at this version. */
  expectedBase?: number;
  /**
   * Runs inside the version's transaction, after its rows are written and before it commits:
   * what must exist exactly when the version does (an audit row). A throw rolls all back.
   */
  onCommit?: (tx: TransactionSql, commit: Commit) => Promise<void>;
}

export interface Commit {
  version: VersionInfo;
  changes: EntryChange[];
}

/** One committed version with the entries it changed (after-state; null = deleted). */
export interface VersionDelta {
  version: VersionInfo;
  changes: { id: string; op: EntryChange["op"]; entry: Entry | null }[];
}

export class RegistryStore {
  constructor(private readonly sql: Sql) {}

  async currentVersion(): Promise<number> {
    const [row] = await this.sql<{ version: string }[]>`select version from registry_head where id = 1`;
    if (!row) throw new Error("registry_head is missing: the database has not been migrated");
    return Number(row.version);
  }

  async get(id: string): Promise<Entry | null> {
    const [row] = await this.sql<EntryRow[]>`select id, kind, meta, data from registry_entries where id = ${id}`;
    return row ? toEntry(row) : null;
  }

  async find(filter: Record<string, JsonValue | undefined>): Promise<{ entries: Entry[]; warnings: string[] }> {
    // Exact kind narrows in SQL; every other condition is evaluated by the shared filter so the
    // database and the runtime's in-memory view answer identically.
    const kind = filter[".kind"];
    const rows =
      typeof kind === "string"
        ? await this.sql<EntryRow[]>`select id, kind, meta, data from registry_entries where kind = ${kind}`
        : await this.sql<EntryRow[]>`select id, kind, meta, data from registry_entries`;
    return filterEntries(rows.map(toEntry), filter);
  }

  /** The current state, read consistently with its version number. */
  async snapshot(): Promise<Snapshot> {
    return this.sql.begin("isolation level repeatable read read only", async (tx) => {
      const [head] = await tx<{ version: string }[]>`select version from registry_head where id = 1`;
      const rows = await tx<EntryRow[]>`select id, kind, meta, data from registry_entries order by id`;
      return { version: Number(head?.version ?? 0), entries: new Map(rows.map((r) => [r.id, toEntry(r)])) };
    }) as Promise<Snapshot>;
  }

  async snapshotAt(version: number): Promise<Result<Snapshot>> {
    const checked = await this.checkVersion(version);
    if (!checked.ok) return checked;
    const entries = await stateAt(this.sql, version);
    return ok({ version, entries });
  }

  async getVersion(id: number): Promise<VersionInfo | null> {
    const [row] = await this.sql<VersionRow[]>`select * from registry_versions where id = ${id}`;
    return row ? toVersion(row) : null;
  }

  /** Newest first. `before` pages backwards. */
  async listVersions(opts: { limit?: number; before?: number } = {}): Promise<VersionInfo[]> {
    const limit = opts.limit ?? 100;
    const rows =
      opts.before === undefined
        ? await this.sql<VersionRow[]>`select * from registry_versions order by id desc limit ${limit}`
        : await this.sql<VersionRow[]>`select * from registry_versions where id < ${opts.before} order by id desc limit ${limit}`;
    return rows.map(toVersion);
  }

  /** Revisions of one entry, newest first. */
  async entryHistory(id: string): Promise<{ version: VersionInfo; op: EntryChange["op"]; entry: Entry | null }[]> {
    const rows = await this.sql<(RevisionRow & VersionRow)[]>`
      select r.entry_id, r.version_id, r.op, r.kind, r.meta, r.data, v.id, v.created_at, v.author, v.source, v.message, v.base_version
      from registry_revisions r join registry_versions v on v.id = r.version_id
      where r.entry_id = ${id} order by r.version_id desc`;
    return rows.map((r) => ({ version: toVersion(r), op: r.op, entry: revisionEntry(r) }));
  }

  /** Entry changes that turn the state at `from` into the state at `to` (either direction). */
  async diff(from: number, to: number): Promise<Result<EntryChange[]>> {
    for (const v of [from, to]) {
      const checked = await this.checkVersion(v);
      if (!checked.ok) return checked;
    }
    if (from === to) return ok([]);
    const [lo, hi] = from < to ? [from, to] : [to, from];
    const touched = await this.sql<{ entry_id: string }[]>`
      select distinct entry_id from registry_revisions where version_id > ${lo} and version_id <= ${hi}`;
    const ids = touched.map((r) => r.entry_id);
    const before = await stateAt(this.sql, from, ids);
    const after = await stateAt(this.sql, to, ids);
    const changes: EntryChange[] = [];
    for (const id of ids.sort()) {
      const change = describeChange(id, before.get(id) ?? null, after.get(id) ?? null);
      if (change) changes.push(change);
    }
    return ok(changes);
  }

  /** Every version after `version`, in order, with what it changed: how nodes catch up. */
  async versionsSince(version: number, limit = 1000): Promise<VersionDelta[]> {
    const versions = await this.sql<VersionRow[]>`
      select * from registry_versions where id > ${version} order by id limit ${limit}`;
    if (versions.length === 0) return [];
    const last = Number(versions[versions.length - 1]?.id);
    const revisions = await this.sql<RevisionRow[]>`
      select entry_id, version_id, op, kind, meta, data from registry_revisions
      where version_id > ${version} and version_id <= ${last} order by version_id, entry_id`;
    const byVersion = new Map<number, VersionDelta>();
    for (const v of versions) byVersion.set(Number(v.id), { version: toVersion(v), changes: [] });
    for (const r of revisions) byVersion.get(Number(r.version_id))?.changes.push({ id: r.entry_id, op: r.op, entry: revisionEntry(r) });
    return [...byVersion.values()];
  }

  /** Applies a changeset atomically as one new version. */
  async apply(ops: readonly ChangeOp[], opts: CommitOptions): Promise<Result<Commit>> {
    return this.sql.begin((tx) => commit(tx, ops, opts)) as Promise<Result<Commit>>;
  }

  /** Makes the registry look as it did at `target`, as a new version (rollback or forward). */
  async applyVersion(target: number, opts: Omit<CommitOptions, "source"> & { source?: VersionSource }): Promise<Result<Commit>> {
    const checked = await this.checkVersion(target);
    if (!checked.ok) return checked;
    return this.sql.begin(async (tx) => {
      const head = await lockHead(tx);
      if (opts.expectedBase !== undefined && opts.expectedBase !== head) return staleBase(opts.expectedBase, head);
      if (target === head) return fail({ kind: "Invalid", message: `no changes to apply: the registry is already at version ${target}` });
      const current = await currentEntries(tx);
      const goal = await stateAt(tx, target);
      const ops = opsBetween(current, goal);
      // Every target is ≤ head, so "forward" only means "to a version newer than the one we rolled back to".
      const message = opts.message ?? `rollback to version ${target}`;
      return writeVersion(tx, head, ops, current, { ...opts, source: opts.source ?? "rollback", message });
    }) as Promise<Result<Commit>>;
  }

  private async checkVersion(version: number): Promise<Result<number>> {
    if (!Number.isInteger(version) || version < 0) return fail({ kind: "Invalid", message: `invalid version ${String(version)}: expected a whole number ≥ 0` });
    const head = await this.currentVersion();
    if (version > head) return fail({ kind: "NotFound", message: `version ${version} not found (the newest is ${head})` });
    return ok(version);
  }
}

async function lockHead(tx: TransactionSql): Promise<number> {
  const [row] = await tx<{ version: string }[]>`select version from registry_head where id = 1 for update`;
  if (!row) throw new Error("registry_head is missing: the database has not been migrated");
  return Number(row.version);
}

function staleBase(base: number, head: number): Result<never> {
  return fail({
    kind: "Conflict",
    message: `stale base: the change was made against version ${base}, but the registry is now at version ${head}`,
    baseVersion: base,
    currentVersion: head,
  });
}

/**
 * A changeset committed inside the caller's transaction (the change-request store applies an
 * approved request so, together with its own rows): the same protocol as `apply`.
 */
export async function commitInTransaction(tx: TransactionSql, ops: readonly ChangeOp[], opts: CommitOptions): Promise<Result<Commit>> {
  return commit(tx, ops, opts);
}

async function commit(tx: TransactionSql, ops: readonly ChangeOp[], opts: CommitOptions): Promise<Result<Commit>> {
  const head = await lockHead(tx);
  if (opts.expectedBase !== undefined && opts.expectedBase !== head) return staleBase(opts.expectedBase, head);
  const ids = [...new Set(ops.map((op) => (op.op === "delete" ? op.id : op.entry.id)))];
  const rows = ids.length ? await tx<EntryRow[]>`select id, kind, meta, data from registry_entries where id in ${tx(ids)}` : [];
  const current = new Map(rows.map((r) => [r.id, toEntry(r)]));
  return writeVersion(tx, head, ops, current, opts);
}

async function writeVersion(
  tx: TransactionSql,
  head: number,
  ops: readonly ChangeOp[],
  current: ReadonlyMap<string, Entry>,
  opts: CommitOptions,
): Promise<Result<Commit>> {
  const planned = planChanges(ops, current);
  if (!planned.ok) return planned;
  const changes = planned.value;
  const id = head + 1;
  const [versionRow] = await tx<VersionRow[]>`
    insert into registry_versions (id, author, source, message, base_version)
    values (${id}, ${opts.author}, ${opts.source}, ${opts.message ?? ""}, ${opts.expectedBase ?? head})
    returning *`;
  await tx`update registry_head set version = ${id} where id = 1`;
  const revisions = changes.map((c) => ({
    version_id: id,
    entry_id: c.id,
    op: c.op,
    kind: c.after?.kind ?? null,
    meta: c.after?.meta ?? null,
    data: c.after?.data ?? null,
  }));
  await tx`insert into registry_revisions ${tx(revisions, "version_id", "entry_id", "op", "kind", "meta", "data")}`;
  const upserts = changes.flatMap((c) => (c.after ? [{ id: c.id, kind: c.after.kind, meta: c.after.meta, data: c.after.data, version_id: id }] : []));
  if (upserts.length) {
    await tx`
      insert into registry_entries ${tx(upserts, "id", "kind", "meta", "data", "version_id")}
      on conflict (id) do update set kind = excluded.kind, meta = excluded.meta, data = excluded.data, version_id = excluded.version_id`;
  }
  const deletes = changes.filter((c) => !c.after).map((c) => c.id);
  if (deletes.length) await tx`delete from registry_entries where id in ${tx(deletes)}`;
  if (!versionRow) throw new Error("insert into registry_versions returned no row");
  const committed: Commit = { version: toVersion(versionRow), changes };
  await opts.onCommit?.(tx, committed);
  // Delivered at commit, and only if the transaction commits: never for a half-applied change.
  await tx`select pg_notify(${REGISTRY_CHANNEL}, ${String(id)})`;
  return ok(committed);
}

async function currentEntries(tx: TransactionSql): Promise<Map<string, Entry>> {
  const rows = await tx<EntryRow[]>`select id, kind, meta, data from registry_entries`;
  return new Map(rows.map((r) => [r.id, toEntry(r)]));
}

/** Entries as of `version` (optionally only `ids`): newest revision ≤ version, minus deletes. */
export async function stateAt(sql: Sql | TransactionSql, version: number, ids?: string[]): Promise<Map<string, Entry>> {
  if (ids && ids.length === 0) return new Map();
  const rows = ids
    ? await sql<RevisionRow[]>`
        select distinct on (entry_id) entry_id, version_id, op, kind, meta, data from registry_revisions
        where version_id <= ${version} and entry_id in ${sql(ids)} order by entry_id, version_id desc`
    : await sql<RevisionRow[]>`
        select distinct on (entry_id) entry_id, version_id, op, kind, meta, data from registry_revisions
        where version_id <= ${version} order by entry_id, version_id desc`;
  const out = new Map<string, Entry>();
  for (const r of rows) {
    const entry = revisionEntry(r);
    if (entry) out.set(r.entry_id, entry);
  }
  return out;
}
