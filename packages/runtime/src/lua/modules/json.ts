/**
 * `json` (require) — JSON encoding (LUA_API.md §6, Wippy's rules).
 *
 * `json.encode(v)` → string | nil, err: nil → `null`; an empty table → `[]`; keys 1..n → an
 * array; string keys → an object (keys sorted, so output is stable); numeric and string keys
 * mixed, or gaps in an array → error; NaN/±Inf → `null`; cycles and nesting deeper than 128
 * → error; functions and other userdata → error (error objects encode as their message).
 * Encoding errors are `Internal`, as in Wippy.
 * `json.decode(s)` → value | nil, err: `null` → nil (holes in arrays); numbers that fit 32
 * bits → integers; a non-string or empty input → `Invalid`; a syntax error → `Internal`.
 */
import { wippyError } from "../../kernel";
import { ErrorValue } from "../vm/error-value";
import { lauxlib, lua, type LuaState } from "../vm/fengari";
import type { LuaFunction } from "../vm/lua-function";
import { typeNameAt } from "../vm/objects";
import { identityAt } from "../vm/refs";
import { jsString, pushString, toJsString } from "../vm/strings";
import { pushValue } from "../vm/values";
import { defineModule } from "./define-module";
import { returnError } from "./results";

export const MAX_JSON_DEPTH = 128;

class EncodeError {
  constructor(readonly message: string) {}
}

function encodeNumber(L: LuaState, idx: number): string {
  if (lua.lua_isinteger(L, idx)) return String(lua.lua_tonumber(L, idx));
  const n = lua.lua_tonumber(L, idx);
  return Number.isFinite(n) ? JSON.stringify(n) : "null";
}

function encode(L: LuaState, idx: number, depth: number, onPath: Set<unknown>): string {
  switch (lua.lua_type(L, idx)) {
    case lua.LUA_TNIL:
    case lua.LUA_TNONE:
      return "null";
    case lua.LUA_TBOOLEAN:
      return lua.lua_toboolean(L, idx) ? "true" : "false";
    case lua.LUA_TNUMBER:
      return encodeNumber(L, idx);
    case lua.LUA_TSTRING:
      return JSON.stringify(jsString(lua.lua_tolstring(L, idx) as Uint8Array));
    case lua.LUA_TTABLE:
      return encodeTable(L, idx, depth + 1, onPath);
    case lua.LUA_TLIGHTUSERDATA: {
      const value = lua.lua_touserdata(L, idx);
      if (value instanceof ErrorValue) return JSON.stringify(value.message);
      break;
    }
  }
  throw new EncodeError(`cannot encode a ${typeNameAt(L, idx)} value`);
}

function encodeTable(L: LuaState, idx: number, depth: number, onPath: Set<unknown>): string {
  if (depth > MAX_JSON_DEPTH) throw new EncodeError(`nesting exceeds ${MAX_JSON_DEPTH} levels`);
  const identity = identityAt(L, idx);
  if (onPath.has(identity)) throw new EncodeError("cannot encode a recursive table");
  onPath.add(identity);
  lauxlib.luaL_checkstack(L, 4, "too deeply nested");
  const strings: string[] = [];
  let count = 0;
  let maxIndex = 0;
  let others = false;
  lua.lua_pushnil(L);
  while (lua.lua_next(L, idx) !== 0) {
    count++;
    if (lua.lua_type(L, -2) === lua.LUA_TSTRING) strings.push(jsString(lua.lua_tolstring(L, -2) as Uint8Array));
    else if (lua.lua_isinteger(L, -2) && lua.lua_tonumber(L, -2) >= 1) maxIndex = Math.max(maxIndex, lua.lua_tonumber(L, -2));
    else others = true;
    lua.lua_pop(L, 1);
  }
  let out: string;
  if (strings.length > 0 && strings.length < count) throw new EncodeError("cannot encode a table with mixed key types");
  if (strings.length > 0) {
    strings.sort();
    const parts = strings.map((key) => {
      pushString(L, key);
      lua.lua_rawget(L, idx);
      const value = encode(L, lua.lua_gettop(L), depth, onPath);
      lua.lua_pop(L, 1);
      return `${JSON.stringify(key)}:${value}`;
    });
    out = `{${parts.join(",")}}`;
  } else {
    if (others || maxIndex !== count) throw new EncodeError("cannot encode a sparse array");
    const parts: string[] = [];
    for (let i = 1; i <= count; i++) {
      lua.lua_rawgeti(L, idx, i);
      parts.push(encode(L, lua.lua_gettop(L), depth, onPath));
      lua.lua_pop(L, 1);
    }
    out = `[${parts.join(",")}]`;
  }
  onPath.delete(identity);
  return out;
}

const encodeFn: LuaFunction = (L) => {
  lua.lua_settop(L, 1);
  try {
    pushString(L, encode(L, 1, 0, new Set()));
    return 1;
  } catch (thrown) {
    if (thrown instanceof EncodeError) return returnError(L, wippyError("Internal", `json.encode: ${thrown.message}`, { retryable: false }));
    throw thrown;
  }
};

const decodeFn: LuaFunction = (L) => {
  const text = lua.lua_type(L, 1) === lua.LUA_TSTRING ? toJsString(L, 1) : null;
  if (text === null || text === "") return returnError(L, wippyError("Invalid", "json.decode expects a non-empty string", { retryable: false }));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    return returnError(L, wippyError("Internal", `json.decode: ${reason}`, { retryable: false }));
  }
  pushValue(L, value);
  return 1;
};

export const jsonModule = defineModule({
  name: "json",
  functions: { encode: encodeFn, decode: decodeFn },
});
