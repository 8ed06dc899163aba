/**
 * Errors out of Lua — turning what a thread raised or returned into an `ErrorValue`.
 *
 * - `errorAt(L, idx)`: the error a Lua value stands for: an error object as it is; a string as
 *   an error of kind UNKNOWN with that message; anything else through `tostring`.
 * - `crashError(L, entryId)`: for a thread that died with an error (its stack is still there):
 *   the raised error, plus the Lua traceback (`stack`), the entry id and the line of the
 *   innermost Lua frame. This is what a process's `{error = …}` carries after a raise.
 * - `nativeError`: the `lua_atnativeerror` handler — a JS exception thrown by module code
 *   becomes a Lua error of kind `Internal` (with the JS stack), instead of escaping fengari.
 *
 * In: threads and stack indices. Out: `ErrorValue`s.
 */
import { errorValue, ErrorValue } from "./error-value";
import { lauxlib, lua, type LuaCFunction, type LuaState } from "./fengari";
import { jsString } from "./strings";

export function errorAt(L: LuaState, idx: number): ErrorValue {
  switch (lua.lua_type(L, idx)) {
    case lua.LUA_TLIGHTUSERDATA: {
      const value = lua.lua_touserdata(L, idx);
      if (value instanceof ErrorValue) return value;
      break;
    }
    case lua.LUA_TSTRING:
      return errorValue("", jsString(lua.lua_tolstring(L, idx) as Uint8Array));
    case lua.LUA_TNIL:
      return errorValue("", "nil");
    default:
      break;
  }
  const text = jsString(lauxlib.luaL_tolstring(L, idx));
  lua.lua_pop(L, 1);
  return errorValue("", text);
}

function innermostLine(L: LuaState): { source: string; line: number } | null {
  const ar = new lua.lua_Debug();
  for (let level = 0; lua.lua_getstack(L, level, ar) !== 0; level++) {
    lua.lua_getinfo(L, "Sl", ar);
    if (ar.currentline > 0 && ar.short_src !== null) return { source: jsString(ar.short_src), line: ar.currentline };
  }
  return null;
}

function traceback(L: LuaState): string {
  lauxlib.luaL_traceback(L, L, null, 0);
  const text = lua.lua_tojsstring(L, -1) ?? "";
  lua.lua_pop(L, 1);
  return text;
}

export function crashError(L: LuaState, entryId: string): ErrorValue {
  const raised = errorAt(L, -1);
  const where = innermostLine(L);
  const stack = traceback(L);
  return raised.with({
    stack: raised.stack ?? stack,
    entry: entryId,
    line: where?.line ?? raised.line,
  });
}

export const nativeError: LuaCFunction = (L) => {
  const thrown = lua.lua_touserdata(L, -1);
  const error = thrown instanceof Error ? thrown : new Error(String(thrown));
  lua.lua_pushlightuserdata(L, errorValue("Internal", `internal error: ${error.message}`, { stack: error.stack }));
  return 1;
};
