/**
 * Prepared statements — `db:prepare(sql)` / `tx:prepare(sql)` (Wippy's storage/sql.md).
 *
 * - `stmt:query(params?)` → rows, `stmt:execute(params?)` → `{rows_affected, last_insert_id}`:
 *   the statement's SQL on its database (any pooled connection) or transaction, kept prepared
 *   on the connection that runs it, so repeated runs skip parsing and planning.
 * - `stmt:close()` → true (idempotent); a closed statement, or one whose database handle was
 *   released or whose transaction ended, → `nil, Invalid`.
 *
 * In: SQL text and where it runs. Out: the `stmt` class.
 */
import { fail, type Result } from "../../../kernel";
import type { LuaState } from "../../vm/fengari";
import type { LuaFunction } from "../../vm/lua-function";
import { checkObject, defineClass } from "../../vm/objects";
import { returnBoolean } from "../results";
import { paramsArg } from "./params";
import type { SqlRunner } from "./port";
import { notActive, run, type Operation } from "./run";

/** A database handle or a transaction: where a statement runs. */
export interface RunnerSource {
  runner(): Result<SqlRunner>;
}

export class LuaStatement {
  closed = false;

  constructor(
    readonly text: string,
    readonly target: RunnerSource,
  ) {}

  runner(): Result<SqlRunner> {
    return this.closed ? fail(notActive("the statement is closed")) : this.target.runner();
  }
}

const self = (L: LuaState): LuaStatement => checkObject(L, 1, STATEMENT_CLASS);

const runStatement =
  (operation: Operation): LuaFunction =>
  (L, proc) => {
    const stmt = self(L);
    return run(L, stmt.runner(), operation, stmt.text, paramsArg(L, 2, proc.vm.runtime.copyLimits), { prepare: true });
  };

export const STATEMENT_CLASS = defineClass(LuaStatement, {
  name: "sql statement",
  tostring: (s) => `sql statement (${s.closed ? "closed" : s.text.length > 40 ? `${s.text.slice(0, 40)}…` : s.text})`,
  methods: {
    query: runStatement("query"),
    execute: runStatement("execute"),
    close: (L) => {
      self(L).closed = true;
      return returnBoolean(L, true);
    },
  },
});
