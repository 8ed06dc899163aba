/**
 * PostgresDatabase — the connection pool of one `db.sql.postgres` entry (postgres.js), as the
 * `sql` module's `SqlDatabasePort`; PostgresTransaction — one reserved connection of it.
 *
 * - Connections open when a statement needs one (at most `maxOpen`), idle ones close after
 *   `idleTimeoutSeconds`, every one is replaced after `maxLifetimeSeconds`.
 * - Statements run with postgres.js `unsafe` (positional `$n`, the text sent as written);
 *   every parameter is bound with type 0 so the server infers its type from the statement and
 *   the serializers of `postgres-values.ts` write it in that type. A text without parameters
 *   may hold several statements (the result of the last counts). On the pool, a statement
 *   that opens a transaction (BEGIN, START TRANSACTION) is refused before it is sent.
 * - A transaction reserves a connection, runs BEGIN (isolation, read only) on it and gives
 *   it back after COMMIT or ROLLBACK, whatever their outcome.
 * - `stats()` counts what this pool sees: connections that ran a statement and are not closed,
 *   statements and transactions in progress. Wait and close counters are not tracked: 0.
 * - `close()` ends the pool, letting statements and transactions in progress finish for
 *   `closeTimeoutSeconds`. With none in progress it ends at once: postgres.js retries a failed
 *   reservation in the background (3.4.9), and a graceful end would wait for that retry.
 * - No method throws or rejects: failures are `Result`s (`postgres-errors.ts`).
 *
 * In: an entry id and its `PostgresConfig`. Out: the pool.
 */
import postgres from "postgres";
import { fail, ok, wippyError, type Result } from "../kernel";
import type { SqlDatabasePort, SqlExecResult, SqlParam, SqlPoolStats, SqlRow, SqlRunOptions, SqlTransactionPort, SqlTxOptions } from "../lua";
import { DEFAULT_POSTGRES_POOL, type PostgresConfig } from "./postgres-config";
import { sqlError } from "./postgres-errors";
import { scanSql } from "./postgres-sql-text";
import { bindValues, POSTGRES_TYPES } from "./postgres-values";

type Client = postgres.Sql | postgres.ReservedSql;
type Outcome = postgres.RowList<postgres.Row[]>;

/** A statement that would leave a pooled connection inside a transaction (`postgres-sql-text.ts`). */
class PooledTransactionError extends Error {
  readonly code = "UNSAFE_TRANSACTION";
}

/** Runs `text` and returns the result of its last statement. */
async function runOn(client: Client, pooled: boolean, text: string, params: readonly SqlParam[], options: SqlRunOptions): Promise<Outcome> {
  const scan = scanSql(text);
  if (pooled && scan.openers.length > 0) throw new PooledTransactionError(`${scan.openers[0]} on a pooled connection`);
  // Type 0: let the server infer each parameter's type (see the contract above).
  const values = bindValues(params, scan.maxPlaceholder).map((value) => client.typed(value as postgres.SerializableParameter, 0));
  const result = (await client.unsafe(text, values as postgres.ParameterOrJSON<never>[], { prepare: options.prepare === true })) as Outcome | Outcome[];
  const last = "command" in result ? result : result.at(-1);
  return last ?? (Object.assign([], { count: 0 }) as unknown as Outcome);
}

const rowsOf = (outcome: Outcome): SqlRow[] => outcome as unknown as SqlRow[];
const execOf = (outcome: Outcome): SqlExecResult => ({ rowsAffected: outcome.count ?? 0, lastInsertId: 0 });

const ISOLATION_SQL: Record<SqlTxOptions["isolation"], string | null> = {
  default: "",
  read_uncommitted: " ISOLATION LEVEL READ UNCOMMITTED",
  read_committed: " ISOLATION LEVEL READ COMMITTED",
  write_committed: null,
  repeatable_read: " ISOLATION LEVEL REPEATABLE READ",
  serializable: " ISOLATION LEVEL SERIALIZABLE",
};

/** What the pool's owner lends it: counters kept across its transactions. */
interface Usage {
  inUse: number;
}

/** Runs `work` as a `Result`; with `usage`, counted as a connection in use meanwhile. */
async function attempt<T>(id: string, usage: Usage | null, work: () => Promise<T>): Promise<Result<T>> {
  if (usage !== null) usage.inUse++;
  try {
    return ok(await work());
  } catch (e) {
    return fail(sqlError(e, id));
  } finally {
    if (usage !== null) usage.inUse--;
  }
}

export class PostgresTransaction implements SqlTransactionPort {
  private ended = false;

  constructor(
    private readonly id: string,
    private readonly client: postgres.ReservedSql,
    private readonly usage: Usage,
  ) {}

  query(text: string, params: readonly SqlParam[], options: SqlRunOptions = {}): Promise<Result<SqlRow[]>> {
    return attempt(this.id, null, async () => rowsOf(await runOn(this.client, false, text, params, options)));
  }

  execute(text: string, params: readonly SqlParam[], options: SqlRunOptions = {}): Promise<Result<SqlExecResult>> {
    return attempt(this.id, null, async () => execOf(await runOn(this.client, false, text, params, options)));
  }

  commit(): Promise<Result<void>> {
    return this.finish("COMMIT");
  }

  rollback(): Promise<Result<void>> {
    return this.finish("ROLLBACK");
  }

  close(): void {
    // Nobody waits for this rollback; its outcome is already a Result, so nothing is lost.
    void this.finish("ROLLBACK");
  }

  private async finish(command: "COMMIT" | "ROLLBACK"): Promise<Result<void>> {
    if (this.ended) return fail(wippyError("Invalid", `the transaction on ${this.id} has ended`, { retryable: false }));
    this.ended = true;
    const done = await attempt(this.id, null, () => this.client.unsafe(command));
    this.client.release();
    this.usage.inUse--; // counted since BEGIN
    if (!done.ok) return done;
    if (command === "COMMIT" && done.value.command === "ROLLBACK") {
      return fail(wippyError("Invalid", `the transaction on ${this.id} was rolled back, not committed: a statement in it had failed`, { retryable: false, details: { database: this.id } }));
    }
    return ok(undefined);
  }
}

/** postgres.js `ssl` for the config's mode and certificate files (read by the caller). */
export type TlsFiles = { readonly ca?: Buffer; readonly cert?: Buffer; readonly key?: Buffer };

function sslOption(config: PostgresConfig, files: TlsFiles): postgres.Options<Record<string, never>>["ssl"] {
  const mode = config.ssl.mode;
  if (mode === "disable") return false;
  const withFiles = files.ca !== undefined || files.cert !== undefined || files.key !== undefined;
  if (!withFiles && mode !== "verify-ca") return mode;
  return {
    ...files,
    rejectUnauthorized: mode === "verify-ca" || mode === "verify-full",
    // verify-ca checks the chain, not the host name.
    ...(mode === "verify-ca" ? { checkServerIdentity: () => undefined } : {}),
  };
}

export class PostgresDatabase implements SqlDatabasePort {
  readonly type = "postgres";
  private readonly sql: postgres.Sql;
  private readonly usage: Usage = { inUse: 0 };
  private readonly connections = new Set<number>();
  private closing: Promise<void> | undefined;

  constructor(
    readonly id: string,
    readonly config: PostgresConfig,
    files: TlsFiles = {},
  ) {
    this.sql = postgres({
      host: config.host,
      port: config.port,
      database: config.database,
      username: config.username,
      password: config.password,
      max: config.maxOpen,
      idle_timeout: config.idleTimeoutSeconds,
      max_lifetime: config.maxLifetimeSeconds,
      connect_timeout: config.connectTimeoutSeconds,
      ssl: sslOption(config, files),
      target_session_attrs: config.targetSessionAttrs as postgres.Options<Record<string, never>>["target_session_attrs"],
      connection: config.parameters,
      prepare: true,
      fetch_types: true,
      types: POSTGRES_TYPES,
      // Notices are informational; postgres.js would print each one to the console.
      onnotice: () => undefined,
      debug: (connection) => void this.connections.add(connection),
      onclose: (connection) => void this.connections.delete(connection),
    });
  }

  query(text: string, params: readonly SqlParam[], options: SqlRunOptions = {}): Promise<Result<SqlRow[]>> {
    return attempt(this.id, this.usage, async () => rowsOf(await runOn(this.sql, true, text, params, options)));
  }

  execute(text: string, params: readonly SqlParam[], options: SqlRunOptions = {}): Promise<Result<SqlExecResult>> {
    return attempt(this.id, this.usage, async () => execOf(await runOn(this.sql, true, text, params, options)));
  }

  async begin(options: SqlTxOptions): Promise<Result<SqlTransactionPort>> {
    const isolation = ISOLATION_SQL[options.isolation];
    if (isolation === null) return fail(wippyError("Invalid", `PostgreSQL has no ${options.isolation} isolation level`, { retryable: false }));
    const reserved = await attempt(this.id, null, () => this.sql.reserve());
    if (!reserved.ok) return reserved;
    const begun = await attempt(this.id, null, () => reserved.value.unsafe(`BEGIN${isolation}${options.readOnly ? " READ ONLY" : ""}`));
    if (!begun.ok) {
      reserved.value.release();
      return begun;
    }
    this.usage.inUse++; // until the transaction ends
    return ok(new PostgresTransaction(this.id, reserved.value, this.usage));
  }

  stats(): SqlPoolStats {
    const open = Math.max(this.connections.size, this.usage.inUse);
    return {
      max_open_connections: this.config.maxOpen,
      open_connections: open,
      in_use: this.usage.inUse,
      idle: open - this.usage.inUse,
      wait_count: 0,
      wait_duration: 0,
      max_idle_closed: 0,
      max_idle_time_closed: 0,
      max_lifetime_closed: 0,
    };
  }

  close(timeoutSeconds: number = DEFAULT_POSTGRES_POOL.closeTimeoutSeconds): Promise<void> {
    return (this.closing ??= this.sql.end({ timeout: this.usage.inUse === 0 ? 0 : timeoutSeconds }));
  }
}
