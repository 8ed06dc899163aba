/**
 * Typed bind values — Wippy's `sql.as.*` and `sql.NULL` (storage/sql.md).
 *
 * - `sql.as.int(v)` (whole number, truncated), `sql.as.float(v)`, `sql.as.text(v)` (numbers
 *   and booleans as text), `sql.as.binary(s)` (the string's bytes, for `bytea`),
 *   `sql.as.null()` → a `sql value` userdata that a params table may hold; `sql.NULL` is the
 *   same NULL marker. A value that cannot be converted raises (a programming error).
 * - In params they bind as their JS value; NULL binds SQL NULL, which is also how a NULL can
 *   sit at the end of a params table (a trailing nil does not count in a Lua table).
 *
 * In: Lua arguments. Out: `SqlTyped` objects; `typedParam` reads one back.
 */
import { lauxlib, lua, type LuaState } from "../../vm/fengari";
import type { LuaFunction } from "../../vm/lua-function";
import { defineClass, pushObject, toObject } from "../../vm/objects";
import { toJsString } from "../../vm/strings";
import type { SqlParam } from "./port";

export type SqlTypeName = "int" | "float" | "text" | "binary" | "null";

export class SqlTyped {
  constructor(
    readonly type: SqlTypeName,
    readonly value: SqlParam,
  ) {}
}

export const SQL_TYPED_CLASS = defineClass(SqlTyped, {
  name: "sql value",
  tostring: (v) => (v.type === "null" ? "sql.NULL" : `sql.as.${v.type}(${v.value instanceof Uint8Array ? `${v.value.length} bytes` : String(v.value)})`),
});

export const SQL_NULL = new SqlTyped("null", null);

/** The bind value of a typed value at `idx`, or undefined when the slot holds something else. */
export function typedParam(L: LuaState, idx: number): { value: SqlParam } | undefined {
  const typed = toObject(L, idx, SQL_TYPED_CLASS);
  return typed === null ? undefined : { value: typed.value };
}

function numberArg(L: LuaState, fn: string): number {
  const n = lua.lua_type(L, 1) === lua.LUA_TSTRING ? Number(toJsString(L, 1)) : lauxlib.luaL_checknumber(L, 1);
  if (!Number.isFinite(n)) lauxlib.luaL_argerror(L, 1, `sql.as.${fn} expects a number`);
  return n;
}

const push = (L: LuaState, typed: SqlTyped): number => {
  pushObject(L, typed);
  return 1;
};

export const SQL_AS: Readonly<Record<string, LuaFunction>> = {
  int: (L) => push(L, new SqlTyped("int", Math.trunc(numberArg(L, "int")))),
  float: (L) => push(L, new SqlTyped("float", numberArg(L, "float"))),
  text: (L) => {
    const t = lua.lua_type(L, 1);
    if (t === lua.LUA_TBOOLEAN) return push(L, new SqlTyped("text", lua.lua_toboolean(L, 1) ? "true" : "false"));
    if (t !== lua.LUA_TSTRING && t !== lua.LUA_TNUMBER) lauxlib.luaL_argerror(L, 1, "sql.as.text expects a string, number or boolean");
    return push(L, new SqlTyped("text", toJsString(L, 1) ?? ""));
  },
  binary: (L) => push(L, new SqlTyped("binary", (lauxlib.luaL_checklstring(L, 1) as Uint8Array).slice())),
  null: (L) => push(L, SQL_NULL),
};
