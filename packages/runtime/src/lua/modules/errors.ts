/**
 * `errors` (global) — structured errors (LUA_API.md §6).
 *
 * - `errors.new("msg")` / `errors.new({message, kind, retryable, details})`: an error object
 *   with the Lua traceback of where it was made. `kind` defaults to UNKNOWN (`""`); kinds are
 *   Wippy's CamelCase strings (an application's own kind strings are kept as given).
 * - `errors.wrap(err, "context")`: message `context: message`, kind/retryable/details kept;
 *   `wrap(nil, …)` is nil. `errors.is(err, kind)`. `errors.call_stack(err)`: frames parsed
 *   from the traceback.
 * - Methods `:kind()`, `:message()`, `:retryable()` (nil when unknown), `:details()` (a copy,
 *   or nil), `:stack()`; `tostring(err)` and `..` give the message.
 */
import type { ErrorKind } from "../../kernel";
import { ErrorValue } from "../vm/error-value";
import { lauxlib, lua, type LuaState } from "../vm/fengari";
import type { LuaFunction } from "../vm/lua-function";
import { checkObject, defineClass, pushObject, toObject } from "../vm/objects";
import { jsString, pushString, toJsString } from "../vm/strings";
import { copyOut, pushValue } from "../vm/values";
import { defineModule } from "./define-module";
import { raiseError, returnBoolean, returnString } from "./results";

const self = (L: LuaState): ErrorValue => checkObject(L, 1, ERROR_CLASS);

export const ERROR_CLASS = defineClass(ErrorValue, {
  name: "error",
  tostring: (e) => e.message,
  methods: {
    kind: (L) => returnString(L, self(L).kind),
    message: (L) => returnString(L, self(L).message),
    retryable: (L) => {
      const retryable = self(L).retryable;
      if (retryable === undefined) lua.lua_pushnil(L);
      else lua.lua_pushboolean(L, retryable);
      return 1;
    },
    details: (L) => {
      const details = self(L).details;
      pushValue(L, details);
      return 1;
    },
    stack: (L) => {
      const stack = self(L).stack;
      if (stack === undefined) lua.lua_pushnil(L);
      else pushString(L, stack);
      return 1;
    },
  },
});

/** The Lua traceback of the caller of the current function. */
export function tracebackHere(L: LuaState): string {
  lauxlib.luaL_traceback(L, L, null, 1);
  const text = lua.lua_tojsstring(L, -1) ?? "";
  lua.lua_pop(L, 1);
  return text;
}

/** Applications may use kinds of their own: they travel as given, beside Wippy's `ERROR_KINDS`. */
const kindOf = (value: string): ErrorKind => value as ErrorKind;

function stringField(L: LuaState, name: string): string | undefined {
  lua.lua_getfield(L, 1, name);
  const value = lua.lua_type(L, -1) === lua.LUA_TSTRING ? (toJsString(L, -1) ?? undefined) : undefined;
  lua.lua_pop(L, 1);
  return value;
}

const newError: LuaFunction = (L) => {
  const stack = tracebackHere(L);
  if (lua.lua_type(L, 1) === lua.LUA_TSTRING) {
    pushObject(L, new ErrorValue("", toJsString(L, 1) ?? "", { stack }));
    return 1;
  }
  if (lua.lua_type(L, 1) !== lua.LUA_TTABLE) return raiseError(L, "errors.new expects a message string or a table {message, kind, retryable, details}");
  const message = stringField(L, "message");
  if (message === undefined) return raiseError(L, "errors.new: the table needs a message string");
  lua.lua_getfield(L, 1, "retryable");
  const retryable = lua.lua_type(L, -1) === lua.LUA_TBOOLEAN ? lua.lua_toboolean(L, -1) : undefined;
  lua.lua_getfield(L, 1, "details");
  let details: Record<string, unknown> | undefined;
  if (lua.lua_type(L, -1) === lua.LUA_TTABLE) {
    const copied = copyOut(L, -1);
    if (!copied.ok) return raiseError(L, `errors.new: details: ${copied.error.message}`);
    details = copied.value as Record<string, unknown>;
  }
  lua.lua_pop(L, 2);
  pushObject(L, new ErrorValue(kindOf(stringField(L, "kind") ?? ""), message, { retryable, details, stack }));
  return 1;
};

const wrap: LuaFunction = (L) => {
  if (lua.lua_isnoneornil(L, 1)) {
    lua.lua_pushnil(L);
    return 1;
  }
  const context = toJsString(L, 2) ?? "";
  const inner = toObject(L, 1, ERROR_CLASS) ?? new ErrorValue("", jsString(lauxlib.luaL_tolstring(L, 1)));
  pushObject(L, new ErrorValue(inner.kind, context === "" ? inner.message : `${context}: ${inner.message}`, inner.extras()));
  return 1;
};

const is: LuaFunction = (L) => {
  const kind = toJsString(L, 2);
  const err = toObject(L, 1, ERROR_CLASS);
  if (err !== null) return returnBoolean(L, err.kind === kind);
  return returnBoolean(L, lua.lua_type(L, 1) === lua.LUA_TSTRING && kind === "");
};

const FRAME = /^\s*(.+?):(\d+): in (.*)$/;

const callStack: LuaFunction = (L) => {
  const stack = toObject(L, 1, ERROR_CLASS)?.stack;
  if (stack === undefined) {
    lua.lua_pushnil(L);
    return 1;
  }
  const frames = stack
    .split("\n")
    .map((line) => FRAME.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ source: m[1], line: Number(m[2]), name: m[3] }));
  pushValue(L, { thread: "", frames });
  return 1;
};

export const errorsModule = defineModule({
  name: "errors",
  global: true,
  functions: { new: newError, wrap, is, call_stack: callStack },
  constants: {
    NOT_FOUND: "NotFound",
    ALREADY_EXISTS: "AlreadyExists",
    INVALID: "Invalid",
    PERMISSION_DENIED: "PermissionDenied",
    UNAVAILABLE: "Unavailable",
    INTERNAL: "Internal",
    CANCELED: "Canceled",
    CONFLICT: "Conflict",
    TIMEOUT: "Timeout",
    RATE_LIMITED: "RateLimited",
    UNKNOWN: "",
  },
});
