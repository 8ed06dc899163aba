/**
 * Database handles — what `sql.get(id)` returns (Wippy's storage/sql.md).
 *
 * - `db:type()` → "postgres"; `db:query(sql, params?)` → rows; `db:execute(sql, params?)` →
 *   `{rows_affected, last_insert_id}`; `db:prepare(sql)` → statement; `db:begin(options?)` →
 *   transaction, options `{isolation = sql.isolation.*, read_only = bool}`; `db:stats()` →
 *   pool numbers; `db:release()` → true (idempotent).
 * - A handle holds no connection: each call takes one from the entry's pool for as long as
 *   the statement runs (a transaction keeps one until it ends). So releasing only retires the
 *   handle: every later call on it → `nil, Invalid`. Transactions and statements made from it
 *   keep working until they end.
 * - The entry is looked up at every call: a changed entry's next call runs on the new
 *   configuration, a deleted one's → `nil, NotFound`.
 *
 * In: a connector and an entry id. Out: the `sql database` class.
 */
import { fail, wippyError, type Result } from "../../../kernel";
import { lua, type LuaState } from "../../vm/fengari";
import type { LuaFunction } from "../../vm/lua-function";
import { checkObject, defineClass, pushObject } from "../../vm/objects";
import { checkString, toJsString } from "../../vm/strings";
import { pushValue } from "../../vm/values";
import { returnBoolean, returnError, returnString } from "../results";
import { SQL_ISOLATION_LEVELS, type SqlConnector, type SqlDatabasePort, type SqlIsolation, type SqlTxOptions } from "./port";
import { notActive, runText } from "./run";
import { LuaStatement } from "./statement";
import { beginTransaction } from "./transaction";

export class LuaDatabase {
  released = false;

  constructor(
    readonly id: string,
    readonly connector: SqlConnector,
  ) {}

  runner(): Result<SqlDatabasePort> {
    if (this.released) return fail(notActive(`the handle of database ${this.id} was released; get a new one with sql.get`));
    return this.connector.database(this.id);
  }
}

const self = (L: LuaState): LuaDatabase => checkObject(L, 1, DATABASE_CLASS);

const invalid = (message: string): Result<never> => fail(wippyError("Invalid", message, { retryable: false }));

/** `{isolation, read_only}` at `idx` (nil → the defaults). */
function txOptionsArg(L: LuaState, idx: number): Result<SqlTxOptions> {
  if (lua.lua_isnoneornil(L, idx)) return { ok: true, value: { isolation: "default", readOnly: false } };
  if (lua.lua_type(L, idx) !== lua.LUA_TTABLE) return invalid("db:begin options must be a table {isolation = ..., read_only = ...}");
  lua.lua_getfield(L, idx, "isolation");
  const isolation = lua.lua_isnoneornil(L, -1) ? "default" : toJsString(L, -1);
  lua.lua_getfield(L, idx, "read_only");
  const readOnly = lua.lua_toboolean(L, -1);
  lua.lua_pop(L, 2);
  if (isolation === null || !(SQL_ISOLATION_LEVELS as readonly string[]).includes(isolation)) {
    return invalid(`unknown isolation level ${JSON.stringify(isolation)}: use one of sql.isolation.* (${SQL_ISOLATION_LEVELS.join(", ")})`);
  }
  return { ok: true, value: { isolation: isolation as SqlIsolation, readOnly } };
}

const begin: LuaFunction = (L, proc) => {
  const handle = self(L);
  const options = txOptionsArg(L, 2);
  if (!options.ok) return returnError(L, options.error);
  const db = handle.runner();
  if (!db.ok) return returnError(L, db.error);
  return beginTransaction(L, proc, db.value, handle.id, options.value);
};

export const DATABASE_CLASS = defineClass(LuaDatabase, {
  name: "sql database",
  tostring: (db) => `sql database ${db.id}${db.released ? " (released)" : ""}`,
  methods: {
    type: (L) => {
      const db = self(L).runner();
      return db.ok ? returnString(L, db.value.type) : returnError(L, db.error);
    },
    query: (L, proc) => {
      const db = self(L);
      return runText(L, proc, db.runner(), "query", checkString(L, 2));
    },
    execute: (L, proc) => {
      const db = self(L);
      return runText(L, proc, db.runner(), "execute", checkString(L, 2));
    },
    prepare: (L) => {
      const db = self(L);
      const text = checkString(L, 2);
      const runner = db.runner();
      if (!runner.ok) return returnError(L, runner.error);
      pushObject(L, new LuaStatement(text, db));
      return 1;
    },
    begin,
    stats: (L) => {
      const db = self(L).runner();
      if (!db.ok) return returnError(L, db.error);
      pushValue(L, db.value.stats());
      return 1;
    },
    release: (L) => {
      self(L).released = true;
      return returnBoolean(L, true);
    },
  },
});
