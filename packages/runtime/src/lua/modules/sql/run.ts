/**
 * Running statements from Lua — what `db:`, `tx:` and `stmt:` `query` / `execute` share.
 *
 * - Results: `query` → an array of rows, each a table keyed by column name (SQL NULL columns
 *   are absent); `execute` → `{rows_affected, last_insert_id}` (PostgreSQL has no insert id:
 *   0 — use `RETURNING` with `query`).
 * - The call blocks the calling coroutine (other processes and coroutines run meanwhile),
 *   then returns `value` or `nil, err`. A runner that cannot be used (released handle, ended
 *   transaction, deleted entry) gives its error without running anything.
 *
 * In: a runner, SQL text, parameters. Out: the Lua results.
 */
import { wippyError, type Result, type WippyError } from "../../../kernel";
import type { LuaState } from "../../vm/fengari";
import type { LuaProcess } from "../../vm/lua-process";
import { pushValue } from "../../vm/values";
import { blockOnPromise, type Settled } from "../registry/await-promise";
import { returnError } from "../results";
import { paramsArg } from "./params";
import type { SqlParam, SqlRunner, SqlRunOptions } from "./port";

/** A promise of the port that rejected anyway: a bug of the connector, reported as Internal. */
export function settledResult<T>(settled: Settled<Result<T>>): Result<T> {
  if (settled.ok) return settled.value;
  const message = settled.error instanceof Error ? settled.error.message : String(settled.error);
  return { ok: false, error: wippyError("Internal", `database call failed: ${message}`) };
}

export type Operation = "query" | "execute";

function push(L: LuaState, operation: Operation, value: unknown): void {
  if (operation === "query") return pushValue(L, value);
  const { rowsAffected, lastInsertId } = value as { rowsAffected: number; lastInsertId: number };
  pushValue(L, { rows_affected: rowsAffected, last_insert_id: lastInsertId });
}

export function run(L: LuaState, runner: Result<SqlRunner>, operation: Operation, text: string, params: Result<SqlParam[]>, options: SqlRunOptions = {}): number {
  if (!runner.ok) return returnError(L, runner.error);
  if (!params.ok) return returnError(L, params.error);
  const promise: Promise<Result<unknown>> = operation === "query" ? runner.value.query(text, params.value, options) : runner.value.execute(text, params.value, options);
  return blockOnPromise(L, promise, (L2, settled) => {
    const result = settledResult(settled);
    if (!result.ok) return returnError(L2, result.error);
    push(L2, operation, result.value);
    return 1;
  });
}

/** `runner:query(sql, params?)` / `:execute(...)` with the SQL at 2 and params from 3. */
export function runText(L: LuaState, proc: LuaProcess, runner: Result<SqlRunner>, operation: Operation, text: string): number {
  return run(L, runner, operation, text, paramsArg(L, 3, proc.vm.runtime.copyLimits));
}

export const notActive = (what: string): WippyError => wippyError("Invalid", what, { retryable: false });
