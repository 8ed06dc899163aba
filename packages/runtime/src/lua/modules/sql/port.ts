/**
 * The `sql` module's port — what Lua reaches a database through. The module never imports a
 * driver: the node injects a `SqlConnector` (PostgreSQL: `src/sql/`), tests inject the same.
 *
 * Terms:
 * - connector: entry id → the database of that `db.sql.*` entry. Synchronous: an unknown id is
 *   `NotFound`, an entry of another kind (or a database kind this runtime does not run, or a
 *   configuration it cannot use) is `Invalid`, all not retryable. It looks the entry up on
 *   every call, so a handle follows hot changes (a deleted entry is `NotFound` from then on).
 * - runner: something statements run on — a database (any pooled connection) or a
 *   transaction (its one connection). `query` → rows (column name → value; SQL NULL is absent),
 *   `execute` → `{rowsAffected, lastInsertId}`. `prepare` asks the driver to keep the statement
 *   prepared on the connection (`db:prepare`). Params are positional (`$1` is `params[0]`);
 *   `null` is SQL NULL.
 * - transaction: ends with `commit` or `rollback`, which give its connection back whatever the
 *   outcome; after that it refuses work. `close` rolls back without waiting (process exit).
 * - Every promise resolves — failures are `Result`s with `WippyError`s (SQLSTATE in
 *   `details.sqlstate`; connection failures `Unavailable`, retryable).
 *
 * Values out: `null` → nil, booleans, numbers, strings, byte arrays (bytea), arrays and objects
 * (json, PostgreSQL arrays). Values in: `SqlParam`.
 */
import type { Result } from "../../../kernel";

export type SqlParam = null | boolean | number | string | Uint8Array | readonly unknown[] | { readonly [key: string]: unknown };

export type SqlRow = { readonly [column: string]: unknown };

export interface SqlExecResult {
  readonly rowsAffected: number;
  readonly lastInsertId: number;
}

export const SQL_ISOLATION_LEVELS = ["default", "read_uncommitted", "read_committed", "write_committed", "repeatable_read", "serializable"] as const;
export type SqlIsolation = (typeof SQL_ISOLATION_LEVELS)[number];

export interface SqlTxOptions {
  readonly isolation: SqlIsolation;
  readonly readOnly: boolean;
}

export interface SqlRunOptions {
  /** Keep the statement prepared on the connection (named, reused by later runs of the same text). */
  readonly prepare?: boolean;
}

export interface SqlRunner {
  query(text: string, params: readonly SqlParam[], options?: SqlRunOptions): Promise<Result<SqlRow[]>>;
  execute(text: string, params: readonly SqlParam[], options?: SqlRunOptions): Promise<Result<SqlExecResult>>;
}

export interface SqlTransactionPort extends SqlRunner {
  commit(): Promise<Result<void>>;
  rollback(): Promise<Result<void>>;
  /** Rolls back and gives the connection back, without anyone waiting (the owner is gone). */
  close(): void;
}

/** Pool numbers as Wippy's `db:stats()` names them (those a pool does not track are 0). */
export interface SqlPoolStats {
  readonly max_open_connections: number;
  readonly open_connections: number;
  readonly in_use: number;
  readonly idle: number;
  readonly wait_count: number;
  readonly wait_duration: number;
  readonly max_idle_closed: number;
  readonly max_idle_time_closed: number;
  readonly max_lifetime_closed: number;
}

export interface SqlDatabasePort extends SqlRunner {
  /** Wippy's `sql.type.*` value: "postgres", "mysql", "sqlite". */
  readonly type: string;
  begin(options: SqlTxOptions): Promise<Result<SqlTransactionPort>>;
  stats(): SqlPoolStats;
}

export interface SqlConnector {
  database(id: string): Result<SqlDatabasePort>;
}
