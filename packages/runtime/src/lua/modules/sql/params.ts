/**
 * Bind parameters from Lua — `db:query(sql, params)` and friends.
 *
 * - `params` is an array table: `params[1]` binds `$1`. nil holes bind SQL NULL; so do
 *   `sql.NULL` / `sql.as.null()`. A trailing nil is invisible in a Lua table: give the length as
 *   `params.n` (`table.pack` sets it), use `sql.NULL`, or rely on the connector, which binds
 *   NULL for placeholders the SQL names beyond the table.
 * - Values: booleans, numbers, strings (bytes that are not UTF-8 stay bytes), `sql.as.*`
 *   values, and tables (arrays and maps — for json/jsonb and array columns).
 * - A scalar where the table should be starts a list of parameters given one by one
 *   (`db:query("... $1 ... $2", a, b)`), as some Wippy code writes it.
 * - Anything else (a map with other keys, a function, another userdata) → `Invalid`.
 *
 * In: the stack slot of the params. Out: `SqlParam[]` or an `Invalid` error.
 */
import { fail, ok, wippyError, type Result } from "../../../kernel";
import { lua, type LuaState } from "../../vm/fengari";
import { typeNameAt } from "../../vm/objects";
import { jsString } from "../../vm/strings";
import { copyOut, type CopyLimits } from "../../vm/values";
import type { SqlParam } from "./port";
import { typedParam } from "./typed";

const invalid = (message: string): Result<never> => fail(wippyError("Invalid", message, { retryable: false }));

/** One bind value at `idx` (`position` is 1-based, for messages). */
function paramAt(L: LuaState, idx: number, position: number, limits: CopyLimits): Result<SqlParam> {
  const t = lua.lua_type(L, idx);
  if (t === lua.LUA_TNIL || t === lua.LUA_TNONE) return ok(null);
  if (t === lua.LUA_TLIGHTUSERDATA) {
    const typed = typedParam(L, idx);
    return typed === undefined ? invalid(`parameter $${position}: cannot bind a ${typeNameAt(L, idx)} value`) : ok(typed.value);
  }
  if (t !== lua.LUA_TBOOLEAN && t !== lua.LUA_TNUMBER && t !== lua.LUA_TSTRING && t !== lua.LUA_TTABLE) {
    return invalid(`parameter $${position}: cannot bind a ${typeNameAt(L, idx)} value`);
  }
  const copied = copyOut(L, idx, limits);
  if (!copied.ok) return invalid(`parameter $${position}: ${copied.error.message}`);
  return ok(copied.value as SqlParam);
}

/** Parameters given one by one from `from` to the top of the stack. */
function listedParams(L: LuaState, from: number, limits: CopyLimits): Result<SqlParam[]> {
  const params: SqlParam[] = [];
  for (let idx = from; idx <= lua.lua_gettop(L); idx++) {
    const param = paramAt(L, idx, params.length + 1, limits);
    if (!param.ok) return param;
    params.push(param.value);
  }
  return ok(params);
}

function tableParams(L: LuaState, idx: number, limits: CopyLimits): Result<SqlParam[]> {
  const byIndex = new Map<number, SqlParam>();
  let length = 0;
  lua.lua_pushnil(L);
  while (lua.lua_next(L, idx) !== 0) {
    const keyType = lua.lua_type(L, -2);
    if (keyType === lua.LUA_TNUMBER && lua.lua_isinteger(L, -2) && (lua.lua_tointegerx(L, -2) as number) >= 1) {
      const position = lua.lua_tointegerx(L, -2) as number;
      const param = paramAt(L, lua.lua_gettop(L), position, limits);
      if (!param.ok) {
        lua.lua_pop(L, 2);
        return param;
      }
      byIndex.set(position, param.value);
      length = Math.max(length, position);
    } else if (keyType === lua.LUA_TSTRING && jsString(lua.lua_tolstring(L, -2) as Uint8Array) === "n" && lua.lua_isinteger(L, -1)) {
      length = Math.max(length, lua.lua_tointegerx(L, -1) as number);
    } else {
      const key = keyType === lua.LUA_TSTRING ? `"${jsString(lua.lua_tolstring(L, -2) as Uint8Array)}"` : typeNameAt(L, -2);
      lua.lua_pop(L, 2);
      return invalid(`params must be an array (params[1] binds $1), not a table with the key ${key}`);
    }
    lua.lua_pop(L, 1);
  }
  return ok(Array.from({ length }, (_, i) => byIndex.get(i + 1) ?? null));
}

/** The parameters at `idx` (a table, nil/none, or the first of several values). */
export function paramsArg(L: LuaState, idx: number, limits: CopyLimits): Result<SqlParam[]> {
  const t = lua.lua_type(L, idx);
  if (t === lua.LUA_TNONE || (t === lua.LUA_TNIL && lua.lua_gettop(L) <= idx)) return ok([]);
  if (t === lua.LUA_TTABLE) return tableParams(L, lua.lua_absindex(L, idx), limits);
  return listedParams(L, idx, limits);
}
