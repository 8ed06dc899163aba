/**
 * `sql` (require) — SQL databases from Lua, as Wippy's `sql` module (storage/sql.md).
 *
 * - `sql.get(id)` → db | nil, err: the `db.sql.*` entry `id` (`database.ts` for the handle).
 *   Empty id → `Invalid`; no such entry → `NotFound`; an entry of another kind, or a database
 *   kind this runtime does not run (only `db.sql.postgres`), or a configuration it cannot use
 *   → `Invalid`; none retryable.
 * - Constants: `sql.type.{POSTGRES, MYSQL, SQLITE, UNKNOWN}`, `sql.isolation.*`, `sql.NULL`;
 *   `sql.as.{int, float, text, binary, null}` (`typed.ts`).
 * - Placeholders go to the driver unchanged: PostgreSQL takes `$1, $2, …` (`params.ts`).
 * - Not in workflows: database calls cannot be replayed, so the workflow sandbox refuses
 *   `require("sql")` (`../workflow/refused.ts`); workflows reach databases through activities.
 * - Not here: Wippy's query builder. `sql.builder.select(...)` and its siblings raise, saying
 *   so and what to write instead (SQL text with `$n` placeholders).
 *
 * In: a connector (the node's PostgreSQL pools, `src/sql`). Out: the module definition.
 */
import { wippyError } from "../../../kernel";
import type { LuaFunction } from "../../vm/lua-function";
import { pushObject } from "../../vm/objects";
import { checkString } from "../../vm/strings";
import { defineModule, type ModuleDefinition } from "../define-module";
import { raiseError, returnError } from "../results";
import { LuaDatabase } from "./database";
import type { SqlConnector } from "./port";
import { SQL_AS, SQL_NULL } from "./typed";

export const SQL_TYPES = { POSTGRES: "postgres", MYSQL: "mysql", SQLITE: "sqlite", UNKNOWN: "unknown" } as const;

export const SQL_ISOLATION = {
  DEFAULT: "default",
  READ_UNCOMMITTED: "read_uncommitted",
  READ_COMMITTED: "read_committed",
  WRITE_COMMITTED: "write_committed",
  REPEATABLE_READ: "repeatable_read",
  SERIALIZABLE: "serializable",
} as const;

const BUILDER_FUNCTIONS = ["select", "insert", "update", "delete", "expr", "eq", "not_eq", "lt", "lte", "gt", "gte", "like", "not_like", "and_", "or_"];

/** `sql.builder.*`: each raises, so code written for Wippy's builder fails where it calls it. */
const BUILDER: Readonly<Record<string, LuaFunction>> = Object.fromEntries(
  BUILDER_FUNCTIONS.map((name) => [name, (L) => raiseError(L, `sql.builder.${name} is not available in this runtime: write the SQL with $1, $2 … placeholders and run it with db:query / db:execute`)]),
);

export function sqlModule(connector: SqlConnector): ModuleDefinition {
  const get: LuaFunction = (L) => {
    const id = checkString(L, 1);
    if (id === "") return returnError(L, wippyError("Invalid", "sql.get: the database id is empty", { retryable: false }));
    const db = connector.database(id);
    if (!db.ok) return returnError(L, db.error);
    pushObject(L, new LuaDatabase(id, connector));
    return 1;
  };

  return defineModule({
    name: "sql",
    functions: { get },
    constants: { NULL: SQL_NULL },
    tables: {
      type: { constants: SQL_TYPES },
      isolation: { constants: SQL_ISOLATION },
      as: { functions: SQL_AS },
      builder: { functions: BUILDER },
    },
  });
}

export { DATABASE_CLASS, LuaDatabase } from "./database";
export { TRANSACTION_CLASS, LuaTransaction } from "./transaction";
export { STATEMENT_CLASS, LuaStatement } from "./statement";
export { SQL_NULL, SQL_TYPED_CLASS, SqlTyped } from "./typed";
export type { SqlConnector, SqlDatabasePort, SqlExecResult, SqlIsolation, SqlParam, SqlPoolStats, SqlRow, SqlRunner, SqlRunOptions, SqlTransactionPort, SqlTxOptions } from "./port";
export { SQL_ISOLATION_LEVELS } from "./port";
