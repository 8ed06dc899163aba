/**
 * The JS half of a process's global environment: what the sandbox puts in place of the
 * standard functions it cannot share or must restrict (LUA_API.md §2).
 *
 * - `globalIndex`: `__index` of the shared base table — the first read of `string`, `process`,
 *   … in a process makes that process's view of the library (cached in its environment);
 *   `_G` is the process's environment itself.
 * - `stringIndex`: `__index` of the string metatable, so `s:upper()` uses the *process's*
 *   `string` (a process that adds `string.trim` can call `s:trim()`; others cannot).
 * - `getmetatable`: as Lua's, except that strings get a per-process stand-in, so
 *   `getmetatable("").__index.upper = f` changes only the caller's `string`.
 * - `rawset`: as Lua's, refusing the frozen tables of modules.
 * - `print`: a log line for the process; `require`: modules and imports (see `LuaProcess`).
 * - `os.time()` / `os.date()` without a time use the kernel clock; `math.randomseed` does
 *   nothing (one generator is shared by the whole state — seeding it would reach others).
 */
import { lauxlib, lua, type LuaCFunction, type LuaState } from "./fengari";
import type { LuaFunction } from "./lua-function";
import { pushRef } from "./refs";
import { checkString, jsString, pushString } from "./strings";

export const globalIndex: LuaFunction = (L, proc) => {
  if (lua.lua_type(L, 2) !== lua.LUA_TSTRING) {
    lua.lua_pushnil(L);
    return 1;
  }
  const name = jsString(lua.lua_tolstring(L, 2) as Uint8Array);
  const value = name === "_G" ? proc.env : proc.globalLibrary(L, name);
  if (value === undefined) lua.lua_pushnil(L);
  else pushRef(L, value);
  return 1;
};

export const stringIndex: LuaFunction = (L, proc) => {
  const view = proc.libraryView("string");
  if (view !== undefined) {
    pushRef(L, view);
    lua.lua_pushvalue(L, 2);
    lua.lua_gettable(L, -2);
  } else {
    pushRef(L, proc.vm.stringLibrary.real);
    lua.lua_pushvalue(L, 2);
    lua.lua_rawget(L, -2);
  }
  return 1;
};

export const getmetatable: LuaFunction = (L, proc) => {
  lauxlib.luaL_checkany(L, 1);
  if (lua.lua_type(L, 1) === lua.LUA_TSTRING) {
    pushRef(L, proc.stringMetatable(L));
    return 1;
  }
  if (!lua.lua_getmetatable(L, 1)) {
    lua.lua_pushnil(L);
    return 1;
  }
  lua.lua_getfield(L, -1, "__metatable");
  if (lua.lua_type(L, -1) !== lua.LUA_TNIL) return 1;
  lua.lua_pop(L, 1);
  return 1;
};

function isFrozen(L: LuaState, idx: number): boolean {
  if (!lua.lua_getmetatable(L, idx)) return false;
  lua.lua_getfield(L, -1, "__frozen");
  const frozen = lua.lua_toboolean(L, -1);
  lua.lua_pop(L, 2);
  return frozen;
}

export const rawset: LuaFunction = (L) => {
  lauxlib.luaL_checktype(L, 1, lua.LUA_TTABLE);
  lauxlib.luaL_checkany(L, 2);
  lauxlib.luaL_checkany(L, 3);
  if (isFrozen(L, 1)) {
    pushString(L, "attempt to modify a read-only table");
    return lua.lua_error(L);
  }
  lua.lua_settop(L, 3);
  lua.lua_rawset(L, 1);
  return 1;
};

export const print: LuaFunction = (L, proc) => {
  const n = lua.lua_gettop(L);
  const parts: string[] = [];
  for (let i = 1; i <= n; i++) {
    parts.push(jsString(lauxlib.luaL_tolstring(L, i)));
    lua.lua_pop(L, 1);
  }
  proc.print(parts.join("\t"));
  return 0;
};

export const require: LuaFunction = (L, proc) => proc.require(L, proc.entry.scope, checkString(L, 1));

/** `require` of a library entry: the scope (its own `modules:`) is the closure's upvalue. */
export const scopedRequire: LuaFunction = (L, proc) => {
  const scope = lua.lua_touserdata(L, lua.lua_upvalueindex(1)) as Parameters<typeof proc.require>[1];
  return proc.require(L, scope, checkString(L, 1));
};

export function osTime(original: LuaCFunction): LuaFunction {
  return (L, proc) => {
    if (!lua.lua_isnoneornil(L, 1)) return original(L);
    lua.lua_pushinteger(L, Math.floor(proc.ctx.clock.now() / 1000));
    return 1;
  };
}

export function osDate(original: LuaCFunction): LuaFunction {
  return (L, proc) => {
    if (lua.lua_isnoneornil(L, 2)) {
      lua.lua_settop(L, 1);
      lua.lua_pushinteger(L, Math.floor(proc.ctx.clock.now() / 1000));
    }
    return original(L);
  };
}

export const doNothing: LuaFunction = () => 0;
