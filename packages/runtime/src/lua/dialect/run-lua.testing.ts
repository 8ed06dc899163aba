// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- fengari ships no types; the reference makes them visible to every package that compiles this file
/// <reference path="../fengari.d.ts" />
/**
 * Test helper: run a Wippy Lua source in a fresh fengari state (standard libraries, optionally
 * the cast prelude on the global table) and return its first result as a JS value, or the error
 * it raised. Used by the dialect tests only.
 */
import fengari, { type LuaState } from "fengari";
import { CAST_PRELUDE, CAST_PRELUDE_CHUNK_NAME } from "./cast-prelude";
import { stripTypes } from "./strip-types";

export type LuaOutcome = { ok: true; value: string | number | boolean | null } | { ok: false; error: string };

const { lua, lauxlib, lualib, to_luastring } = fengari;

export function runLua(source: string, options: { casts?: boolean; chunkName?: string } = {}): LuaOutcome {
  const L = lauxlib.luaL_newstate();
  try {
    lualib.luaL_openlibs(L);
    if (options.casts === true) {
      const prelude = call(L, CAST_PRELUDE, CAST_PRELUDE_CHUNK_NAME, true);
      if (!prelude.ok) return prelude;
    }
    return call(L, stripTypes(source).code, "=" + (options.chunkName ?? "test"), false);
  } finally {
    lua.lua_close(L);
  }
}

function call(L: LuaState, code: string, chunkName: string, passGlobals: boolean): LuaOutcome {
  let status = lauxlib.luaL_loadbuffer(L, to_luastring(code), null, to_luastring(chunkName));
  if (status === lua.LUA_OK) {
    if (passGlobals) lua.lua_pushglobaltable(L);
    status = lua.lua_pcall(L, passGlobals ? 1 : 0, 1, 0);
  }
  const value = toJs(L, -1);
  lua.lua_pop(L, 1);
  return status === lua.LUA_OK ? { ok: true, value } : { ok: false, error: String(value) };
}

function toJs(L: LuaState, idx: number): string | number | boolean | null {
  switch (lua.lua_type(L, idx)) {
    case lua.LUA_TNIL:
      return null;
    case lua.LUA_TBOOLEAN:
      return lua.lua_toboolean(L, idx);
    case lua.LUA_TNUMBER:
      return lua.lua_tonumber(L, idx);
    default: {
      const text = fengari.to_jsstring(lauxlib.luaL_tolstring(L, idx));
      lua.lua_pop(L, 1);
      return text;
    }
  }
}
