/**
 * Results of module functions — the two error channels of CONVENTIONS.md §8 in Lua form.
 *
 * - Expected outcomes return: `returnValue(L, v)` → `v`; `returnError(L, err)` → `nil, err`
 *   (an error object); `returnResult(L, result)` → either, from a kernel `Result`.
 * - Programmer errors raise: `raiseError(L, err | "message")` — a message gets the caller's
 *   position (`app:x:12: message`), as Lua's `error` does.
 * - `argData(L, i)`: argument `i` deep-copied to JS plain data (`Invalid` when it cannot be).
 *
 * Each helper returns the number of results, so a function ends with `return returnX(...)`.
 */
import type { Result, WippyError } from "../../kernel";
import { asErrorValue } from "../vm/error-value";
import { lauxlib, lua, type LuaState } from "../vm/fengari";
import { pushObject } from "../vm/objects";
import { pushString } from "../vm/strings";
import { copyOut, pushValue } from "../vm/values";

export function returnValue(L: LuaState, value: unknown): number {
  pushValue(L, value);
  return 1;
}

export function returnBoolean(L: LuaState, value: boolean): number {
  lua.lua_pushboolean(L, value);
  return 1;
}

export function returnString(L: LuaState, value: string): number {
  pushString(L, value);
  return 1;
}

export function pushError(L: LuaState, error: WippyError): void {
  pushObject(L, asErrorValue(error));
}

export function returnError(L: LuaState, error: WippyError): number {
  lua.lua_pushnil(L);
  pushError(L, error);
  return 2;
}

export function returnResult<T>(L: LuaState, result: Result<T>, push: (L: LuaState, value: T) => void = pushValue): number {
  if (!result.ok) return returnError(L, result.error);
  push(L, result.value);
  return 1;
}

export function raiseError(L: LuaState, error: WippyError | string): never {
  if (typeof error === "string") {
    lauxlib.luaL_where(L, 1);
    pushString(L, error);
    lua.lua_concat(L, 2);
  } else {
    pushError(L, error);
  }
  return lua.lua_error(L);
}

export function argData(L: LuaState, idx: number): Result<unknown> {
  return copyOut(L, idx);
}
