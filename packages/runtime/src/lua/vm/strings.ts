/**
 * Strings between JS and Lua, fast.
 *
 * Lua strings are byte arrays (`Uint8Array` in fengari); JS strings are UTF-16. fengari's own
 * converters go character by character, which dominates message passing (topics, pids, field
 * names), so:
 * - `luaBytes(s)` encodes with `TextEncoder` and caches short strings (topics, pids and keys
 *   repeat); fengari copies pushed bytes, so a cached array is never mutated.
 * - `jsString(bytes)` decodes ASCII directly and everything else with a UTF-8 decoder that
 *   replaces invalid sequences (for names and messages); `jsStringOrBytes` keeps invalid UTF-8
 *   as bytes instead (for data that must survive a copy unchanged, e.g. message payloads).
 * - Decoded byte arrays are remembered per array object: constants of compiled code are the
 *   same array on every call, so method names decode once; `pushString` shares the Lua string
 *   of a short JS string it pushed before (Lua strings are immutable).
 *
 * In: JS strings or Lua byte arrays. Out: the other one.
 */
import { lauxlib, lua, type LuaState, type LuaString } from "./fengari";
import { pushRef, refAt, type LuaRef } from "./refs";

const MAX_CACHED_LENGTH = 64;
const MAX_CACHED_STRINGS = 8192;

const encoder = new TextEncoder();
const lenient = new TextDecoder("utf-8");
const strict = new TextDecoder("utf-8", { fatal: true });

const encoded = new Map<string, LuaString>();
const decoded = new WeakMap<LuaString, string>();

export function luaBytes(s: string): LuaString {
  if (s.length > MAX_CACHED_LENGTH) return encoder.encode(s);
  let bytes = encoded.get(s);
  if (bytes === undefined) {
    if (encoded.size >= MAX_CACHED_STRINGS) encoded.clear();
    bytes = encoder.encode(s);
    encoded.set(s, bytes);
  }
  return bytes;
}

/**
 * Short strings already pushed once, as refs: pushing one again shares the Lua string (as Lua
 * interns short strings), so no encoding and no copy — and its bytes decode from the cache.
 */
const pushed = new Map<string, LuaRef>();

export function pushString(L: LuaState, s: string): void {
  const ref = pushed.get(s);
  if (ref !== undefined) return pushRef(L, ref);
  lua.lua_pushstring(L, luaBytes(s));
  if (s.length <= MAX_CACHED_LENGTH) {
    if (pushed.size >= MAX_CACHED_STRINGS) pushed.clear();
    pushed.set(s, refAt(L, -1));
  }
}

function asciiOrNull(bytes: LuaString): string | null {
  const n = bytes.length;
  if (n > 256) return null;
  for (let i = 0; i < n; i++) if ((bytes[i] as number) >= 0x80) return null;
  return String.fromCharCode.apply(null, bytes as unknown as number[]);
}

export function jsString(bytes: LuaString): string {
  let s = decoded.get(bytes);
  if (s === undefined) {
    s = asciiOrNull(bytes) ?? lenient.decode(bytes);
    if (bytes.length <= MAX_CACHED_LENGTH) decoded.set(bytes, s);
  }
  return s;
}

/** A JS string when `bytes` is valid UTF-8, else a copy of the bytes. */
export function jsStringOrBytes(bytes: LuaString): string | Uint8Array {
  const ascii = asciiOrNull(bytes);
  if (ascii !== null) return ascii;
  try {
    return strict.decode(bytes);
  } catch {
    // Not UTF-8: binary data stays binary.
    return bytes.slice();
  }
}

/** The string at `idx` (numbers are converted, as Lua does), or null. */
export function toJsString(L: LuaState, idx: number): string | null {
  const bytes = lua.lua_tolstring(L, idx);
  return bytes === null ? null : jsString(bytes);
}

/** `luaL_checkstring` + decoding: raises Lua's standard "bad argument" error. */
export function checkString(L: LuaState, idx: number): string {
  return jsString(lauxlib.luaL_checklstring(L, idx));
}

export function optString(L: LuaState, idx: number): string | undefined {
  return lua.lua_isnoneornil(L, idx) ? undefined : checkString(L, idx);
}
