/**
 * Values between processes — Lua values deep-copied to JS plain data and back (DESIGN.md:
 * "messages are deep-copied plain data"). Used for messages, spawn args, exit values and
 * anything a module hands to JS.
 *
 * Lua → JS (`copyOut`):
 * - nil → undefined, booleans, numbers (integer and float alike), strings → JS strings (bytes
 *   that are not UTF-8 stay a `Uint8Array`), error objects → the `ErrorValue` itself.
 * - tables: keys 1..n → an array (also with nil holes: `{1, nil, 3}` → `[1, null, 3]`, as
 *   JSON would, unless the holes outnumber the values); string keys → an object; any other
 *   mix → an object with the numbers written as strings. An empty table → `[]`.
 * - functions, threads, other userdata, cycles, keys that are not strings or numbers, nesting
 *   deeper than `maxDepth` or more than `maxBytes` in total → `Invalid`, naming where.
 * JS → Lua (`pushValue`): the reverse; `null`/`undefined` → nil (holes in arrays), integers
 * that fit 32 bits → Lua integers, every other number → float (fengari integers are 32-bit).
 *
 * In: a stack index (or a JS value). Out: `Result<unknown>` (or a pushed Lua value).
 */
import { wippyError, type Result } from "../../kernel";
import { ErrorValue } from "./error-value";
import { lauxlib, lua, type LuaState } from "./fengari";
import { classOf, pushObject, typeNameAt } from "./objects";
import { identityAt } from "./refs";
import { jsString, jsStringOrBytes, pushString } from "./strings";

export interface CopyLimits {
  readonly maxDepth: number;
  readonly maxBytes: number;
}

export const DEFAULT_COPY_LIMITS: CopyLimits = Object.freeze({ maxDepth: 128, maxBytes: 16 * 1024 * 1024 });

/** How sparse an integer-keyed table may be and still become an array with holes. */
const MAX_HOLES_PER_VALUE = 1;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
/** JS data handed to Lua comes from trusted code, but a bound keeps a cyclic object from recursing forever. */
const MAX_PUSH_DEPTH = 256;

class CopyFailure {
  readonly path: string[] = [];
  constructor(readonly reason: string) {}
}

interface CopyState {
  readonly limits: CopyLimits;
  readonly onPath: Set<unknown>;
  bytes: number;
}

export function copyOut(L: LuaState, idx: number, limits: CopyLimits = DEFAULT_COPY_LIMITS): Result<unknown> {
  const t = lua.lua_type(L, idx);
  // Scalars need no copy state: the common case of message passing allocates nothing here.
  if (t === lua.LUA_TNUMBER) return { ok: true, value: lua.lua_tonumber(L, idx) };
  if (t === lua.LUA_TNIL || t === lua.LUA_TNONE) return { ok: true, value: undefined };
  if (t === lua.LUA_TBOOLEAN) return { ok: true, value: lua.lua_toboolean(L, idx) };
  const state: CopyState = { limits, onPath: new Set(), bytes: 0 };
  const value = copyValue(L, lua.lua_absindex(L, idx), state, 0);
  if (value instanceof CopyFailure) {
    const where = value.path.length > 0 ? ` (at ${value.path.reverse().join("")})` : "";
    return { ok: false, error: wippyError("Invalid", `${value.reason}${where}`) };
  }
  return { ok: true, value };
}

/** Copies the values at `from..to` (a message's payloads, a spawn's args). */
export function copyOutRange(L: LuaState, from: number, to: number, limits: CopyLimits = DEFAULT_COPY_LIMITS): Result<unknown[]> {
  const values: unknown[] = [];
  for (let i = from; i <= to; i++) {
    const copied = copyOut(L, i, limits);
    if (!copied.ok) return copied;
    values.push(copied.value);
  }
  return { ok: true, value: values };
}

function charge(state: CopyState, bytes: number): CopyFailure | null {
  state.bytes += bytes;
  return state.bytes > state.limits.maxBytes ? new CopyFailure(`value is too large (more than ${state.limits.maxBytes} bytes)`) : null;
}

function copyValue(L: LuaState, idx: number, state: CopyState, depth: number): unknown {
  switch (lua.lua_type(L, idx)) {
    case lua.LUA_TNIL:
    case lua.LUA_TNONE:
      return undefined;
    case lua.LUA_TBOOLEAN:
      return lua.lua_toboolean(L, idx);
    case lua.LUA_TNUMBER:
      return charge(state, 8) ?? lua.lua_tonumber(L, idx);
    case lua.LUA_TSTRING: {
      const bytes = lua.lua_tolstring(L, idx) as Uint8Array;
      return charge(state, bytes.length) ?? jsStringOrBytes(bytes);
    }
    case lua.LUA_TTABLE:
      return copyTable(L, idx, state, depth);
    case lua.LUA_TLIGHTUSERDATA: {
      const value = lua.lua_touserdata(L, idx);
      if (value instanceof ErrorValue) return value;
      return new CopyFailure(`cannot copy a ${classOf(value)?.name ?? "userdata"} value`);
    }
    default:
      return new CopyFailure(`cannot copy a ${typeNameAt(L, idx)} value`);
  }
}

function copyTable(L: LuaState, idx: number, state: CopyState, depth: number): unknown {
  if (depth >= state.limits.maxDepth) return new CopyFailure(`value is nested more than ${state.limits.maxDepth} levels deep`);
  const identity = identityAt(L, idx);
  if (state.onPath.has(identity)) return new CopyFailure("value contains a cycle");
  const full = charge(state, 16);
  if (full !== null) return full;
  state.onPath.add(identity);
  lauxlib.luaL_checkstack(L, 4, "value is nested too deeply");
  const keys: (number | string)[] = [];
  const values: unknown[] = [];
  let maxIndex = 0;
  let allIndices = true;
  lua.lua_pushnil(L);
  while (lua.lua_next(L, idx) !== 0) {
    const key = copyKey(L, -2);
    if (key instanceof CopyFailure) return abandon(L, key, state, identity);
    const value = copyValue(L, lua.lua_gettop(L), state, depth + 1);
    if (value instanceof CopyFailure) {
      value.path.push(typeof key === "number" ? `[${key}]` : `.${key}`);
      return abandon(L, value, state, identity);
    }
    lua.lua_pop(L, 1);
    keys.push(key);
    values.push(value);
    if (typeof key === "number" && Number.isInteger(key) && key >= 1) maxIndex = Math.max(maxIndex, key);
    else allIndices = false;
  }
  state.onPath.delete(identity);
  return assemble(keys, values, allIndices, maxIndex);
}

function abandon(L: LuaState, failure: CopyFailure, state: CopyState, identity: unknown): CopyFailure {
  lua.lua_pop(L, 2);
  state.onPath.delete(identity);
  return failure;
}

function copyKey(L: LuaState, idx: number): number | string | CopyFailure {
  const t = lua.lua_type(L, idx);
  if (t === lua.LUA_TNUMBER) return lua.lua_tonumber(L, idx);
  if (t === lua.LUA_TSTRING) return jsString(lua.lua_tolstring(L, idx) as Uint8Array);
  return new CopyFailure(`cannot copy a table with a ${typeNameAt(L, idx)} key`);
}

function assemble(keys: (number | string)[], values: unknown[], allIndices: boolean, maxIndex: number): unknown {
  if (keys.length === 0) return [];
  if (allIndices && maxIndex - keys.length <= keys.length * MAX_HOLES_PER_VALUE) {
    const array: unknown[] = new Array<unknown>(maxIndex).fill(null);
    keys.forEach((key, i) => (array[(key as number) - 1] = values[i] ?? null));
    return array;
  }
  const object: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  keys.forEach((key, i) => (object[String(key)] = values[i]));
  return object;
}

/** A number that must reach Lua as a float even when whole (`time.SECOND`: `5 * time.SECOND` must not overflow 32-bit integers). */
export class LuaFloat {
  constructor(readonly value: number) {}
}

/** Pushes a JS value as Lua data (see the contract above). */
export function pushValue(L: LuaState, value: unknown, depth = 0): void {
  switch (typeof value) {
    case "undefined":
      lua.lua_pushnil(L);
      return;
    case "boolean":
      lua.lua_pushboolean(L, value);
      return;
    case "number":
      if (Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX) lua.lua_pushinteger(L, value);
      else lua.lua_pushnumber(L, value);
      return;
    case "string":
      pushString(L, value);
      return;
    case "bigint":
      lua.lua_pushnumber(L, Number(value));
      return;
    case "object":
      pushObjectValue(L, value, depth);
      return;
    default:
      lua.lua_pushnil(L);
  }
}

function pushObjectValue(L: LuaState, value: object | null, depth: number): void {
  if (value === null || depth > MAX_PUSH_DEPTH) return lua.lua_pushnil(L);
  if (value instanceof LuaFloat) return lua.lua_pushnumber(L, value.value);
  if (value instanceof Uint8Array) return void lua.lua_pushstring(L, value);
  if (value instanceof ErrorValue || classOf(value) !== undefined) return pushObject(L, value);
  if (value instanceof Date) return pushString(L, value.toISOString());
  lauxlib.luaL_checkstack(L, 3, "value is nested too deeply");
  if (Array.isArray(value)) {
    lua.lua_createtable(L, value.length, 0);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === null || item === undefined) continue;
      pushValue(L, item, depth + 1);
      lua.lua_rawseti(L, -2, i + 1);
    }
    return;
  }
  const entries = value instanceof Map ? [...(value as Map<unknown, unknown>)] : Object.entries(value);
  lua.lua_createtable(L, 0, entries.length);
  for (const [key, item] of entries) {
    if (item === undefined || item === null) continue;
    if (typeof key === "number") pushValue(L, key);
    else pushString(L, String(key));
    pushValue(L, item, depth + 1);
    lua.lua_rawset(L, -3);
  }
}
