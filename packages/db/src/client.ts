/**
 * The database client: one postgres.js pool (`sql`) and a drizzle instance over it (`db`) that
 * knows the schema. Everything in Wippy that talks to PostgreSQL goes through `connect`.
 *
 * Terms:
 * - `sql`: a postgres.js pool with postgres.js's standard behaviour, for hand-written SQL and
 *   `sql.begin` transactions (objects bound to json/jsonb are serialised, timestamps are Dates).
 * - `db`: drizzle over a second pool. Drizzle rewrites the type parsers of the client it is
 *   given (dates and json stay raw strings for its own mapping), which would silently change
 *   `sql`'s results and break `sql.json`; so it gets its own. Both pools open connections only
 *   when used. A transaction belongs to one of them: `sql.begin` or `db.transaction`.
 * - `close()`: ends both pools, letting running queries finish for up to `closeTimeoutSeconds`.
 *
 * In: a connection URL and optional pool settings. Out: a `DbClient`.
 * Notices (e.g. "relation already exists, skipping") are dropped: postgres.js prints every one
 * to the console by default, which buries the logs that matter.
 */
import postgres from "postgres";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Database = PostgresJsDatabase<Schema>;
export type Sql = postgres.Sql;

export interface ConnectOptions {
  /** Pool size: the most connections each of the two pools (`sql`, `db`) opens at once. */
  max: number;
  /** Close a connection that stayed idle this long (seconds). */
  idleTimeoutSeconds: number;
  /** Give up opening a connection after this long (seconds). */
  connectTimeoutSeconds: number;
  /** How long `close()` lets running queries finish before cutting them off (seconds). */
  closeTimeoutSeconds: number;
  /** Shown in `pg_stat_activity.application_name`; helps an operator see who holds connections. */
  applicationName: string;
  /**
   * The server ends a session that sits inside a transaction doing nothing this long (seconds;
   * 0 = never). A process stopped mid-transaction (SIGSTOP, a debugger, a VM paused, swapping)
   * would otherwise hold its row locks for as long as it is stopped — a workflow run's lease
   * row among them, which no other node could then take over (claims skip locked rows). Every
   * transaction here does its work without waiting on people or the network, so seconds of
   * idleness inside one mean its process is not running.
   */
  idleInTransactionTimeoutSeconds: number;
}

export const DEFAULT_CONNECT_OPTIONS: ConnectOptions = {
  max: 10,
  idleTimeoutSeconds: 20,
  connectTimeoutSeconds: 10,
  closeTimeoutSeconds: 5,
  applicationName: "wippy",
  idleInTransactionTimeoutSeconds: 15,
};

export interface DbClient {
  sql: Sql;
  db: Database;
  close(): Promise<void>;
}

export function connect(url: string, opts: Partial<ConnectOptions> = {}): DbClient {
  const o = { ...DEFAULT_CONNECT_OPTIONS, ...opts };
  const pool = (): Sql =>
    postgres(url, {
      max: o.max,
      idle_timeout: o.idleTimeoutSeconds,
      connect_timeout: o.connectTimeoutSeconds,
      onnotice: ignoreNotice,
      connection: { application_name: o.applicationName, idle_in_transaction_session_timeout: o.idleInTransactionTimeoutSeconds * 1000 },
    });
  const sql = pool();
  const drizzlePool = pool();
  const db = drizzle(drizzlePool, { schema });
  let closing: Promise<void> | undefined;
  const end = async (): Promise<void> => {
    await Promise.all([sql.end({ timeout: o.closeTimeoutSeconds }), drizzlePool.end({ timeout: o.closeTimeoutSeconds })]);
  };
  return { sql, db, close: () => (closing ??= end()) };
}

/** Notices are informational by definition; see the module comment for why they are dropped. */
export function ignoreNotice(): void {}
