/**
 * PostgresConnector — the node's `SqlConnector`: `db.sql.postgres` entries of the registry
 * view → one connection pool per entry id.
 *
 * - `database(id)`: the entry as the view has it now. Unknown → `NotFound`; `db.sql.mysql`,
 *   `db.sql.sqlite` and other `db.sql.*` kinds → `Invalid` naming the kind (this runtime runs
 *   PostgreSQL only); any other kind → `Invalid`; a configuration it cannot use → `Invalid`
 *   (`postgres-config.ts`). The pool is created on first use and kept.
 * - Hot change: when a version changes an entry's kind or data, or deletes it, its pool is
 *   closed (running statements get `closeTimeoutSeconds` to finish); the next call creates a
 *   pool from the new configuration.
 * - `close()` (node stop): stops following the view and closes every pool.
 *
 * In: the registry view, an environment lookup for `<field>_env`, a logger.
 * Out: database ports for the `sql` module.
 */
import { readFileSync } from "node:fs";
import type { Entry } from "@wippy/shared";
import { fail, ok, wippyError, type Result } from "../kernel";
import type { LuaLogger, SqlConnector, SqlDatabasePort } from "../lua";
import type { RegistryView } from "../registry";
import { postgresConfigOf, type EnvLookup, type PostgresConfig } from "./postgres-config";
import { PostgresDatabase, type TlsFiles } from "./postgres-database";

export const POSTGRES_KIND = "db.sql.postgres";

export interface PostgresConnectorOptions {
  readonly view: Pick<RegistryView, "get" | "subscribe">;
  /** Where `<field>_env` names are looked up (the node's environment); default: nowhere. */
  readonly env?: EnvLookup;
  readonly logger?: LuaLogger;
}

const noEnv: EnvLookup = () => undefined;

function tlsFiles(id: string, config: PostgresConfig): Result<TlsFiles> {
  const files: Record<string, Buffer> = {};
  for (const [field, option] of [
    ["ca", "rootCert"],
    ["cert", "cert"],
    ["key", "key"],
  ] as const) {
    const path = config.ssl[option];
    if (path === undefined) continue;
    try {
      files[field] = readFileSync(path);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      return fail(wippyError("Invalid", `database ${id} (db.sql.postgres): cannot read the TLS file ${path}: ${reason}`, { retryable: false, details: { database: id } }));
    }
  }
  return ok(files);
}

function kindError(entry: Entry): Result<never> {
  const message = entry.kind.startsWith("db.sql.")
    ? `database ${entry.id} is a ${entry.kind}: this runtime supports ${POSTGRES_KIND} databases only`
    : `entry ${entry.id} is a ${entry.kind}, not a database (${POSTGRES_KIND})`;
  return fail(wippyError("Invalid", message, { retryable: false, details: { database: entry.id, kind: entry.kind } }));
}

const sameConfiguration = (a: Entry, b: Entry): boolean => a.kind === b.kind && JSON.stringify(a.data) === JSON.stringify(b.data);

export class PostgresConnector implements SqlConnector {
  private readonly pools = new Map<string, PostgresDatabase>();
  private readonly closing = new Set<Promise<void>>();
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(private readonly options: PostgresConnectorOptions) {
    this.unsubscribe = options.view.subscribe((update) => {
      for (const change of update.changes) {
        const pool = this.pools.get(change.id);
        if (pool === undefined) continue;
        if (change.after !== null && change.before !== null && sameConfiguration(change.before, change.after)) continue;
        this.retire(change.id, pool, change.after === null ? "deleted" : "changed");
      }
    });
  }

  database(id: string): Result<SqlDatabasePort> {
    const entry = this.options.view.get(id);
    if (entry === undefined) return fail(wippyError("NotFound", `database ${id} not found`, { retryable: false, details: { database: id } }));
    if (entry.kind !== POSTGRES_KIND) return kindError(entry);
    if (this.closed) return fail(wippyError("Unavailable", `database ${id}: the node is stopping`, { retryable: true, details: { database: id } }));
    const existing = this.pools.get(id);
    if (existing !== undefined) return ok(existing);
    const config = postgresConfigOf(entry, this.options.env ?? noEnv);
    if (!config.ok) return config;
    const files = tlsFiles(id, config.value);
    if (!files.ok) return files;
    const pool = new PostgresDatabase(id, config.value, files.value);
    this.pools.set(id, pool);
    this.options.logger?.debug({ database: id, host: config.value.host, port: config.value.port, max: config.value.maxOpen }, `database ${id}: pool created`);
    return ok(pool);
  }

  /** Stops following the registry and closes every pool (resolves when they are closed). */
  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    for (const [id, pool] of [...this.pools]) this.retire(id, pool, "node stopping");
    await Promise.all(this.closing);
  }

  private retire(id: string, pool: PostgresDatabase, why: string): void {
    this.pools.delete(id);
    const closing = pool.close().finally(() => this.closing.delete(closing));
    this.closing.add(closing);
    this.options.logger?.info({ database: id }, `database ${id}: pool closed (${why})`);
  }
}
