/**
 * Executor — `funcs.new()`: an immutable builder for function calls (Wippy's `funcs.md`).
 *
 * Every `:with_*` returns a new executor; the one it was called on is unchanged.
 * - `:with_context(tbl)` → executor with the values merged over its own (and, at call time,
 *   over the caller's context). Values that cannot be copied → `nil, Invalid`.
 * - `:with_options(tbl)` → executor with these options (they replace earlier ones, as in
 *   Wippy). Known option: `timeout` — milliseconds (a number) or a Go duration string
 *   (`"5s"`); ≤ 0 or unreadable → `nil, Invalid`. Other options are carried, unused.
 * - `:with_actor(actor)` / `:with_scope(scope)` (objects of the `security` module) → executor
 *   whose calls run with that actor / scope instead of the caller's; `nil, PermissionDenied`
 *   when `funcs.security` is refused or the scope is wider than the caller's (checked again at
 *   each call). nil or another value raises, as in Wippy.
 * - `:call(id, ...)` / `:async(id, ...)` as `funcs.call` / `funcs.async` with these settings.
 * A non-table argument to `with_context` / `with_options` raises (a programming error).
 *
 * In: Lua arguments. Out: executors, and call requests for `call.ts` / `async.ts`.
 */
import { parseDuration } from "@wippy/shared";
import { fail, ok, wippyError, type Result } from "../../../kernel";
import { lua, type LuaState } from "../../vm/fengari";
import { checkObject, defineClass, pushObject } from "../../vm/objects";
import { copyOut } from "../../vm/values";
import { raiseError, returnError } from "../results";
import type { Actor, Scope } from "../../../security";
import { handOff } from "../security/authorize";
import { ACTOR_CLASS, SCOPE_CLASS } from "../security/objects";
import type { LuaProcess } from "../../vm/lua-process";
import { asyncFrom } from "./async";
import { callFrom, type TimedCallRequest } from "./call";

export interface ExecutorSettings {
  readonly context?: Readonly<Record<string, unknown>>;
  readonly options?: Readonly<Record<string, unknown>>;
  readonly timeoutMs?: number;
  readonly actor?: Actor;
  readonly scope?: Scope;
}

export class Executor {
  constructor(readonly settings: ExecutorSettings = {}) {}

  with(change: ExecutorSettings): Executor {
    return new Executor({ ...this.settings, ...change });
  }

  get request(): TimedCallRequest {
    const { context, timeoutMs, actor, scope } = this.settings;
    return { context, timeoutMs, actor, scope };
  }
}

const NS_PER_MS = 1e6;

const invalid = (message: string): Result<never> => fail(wippyError("Invalid", message, { retryable: false }));

/** Argument `idx` as a table of fields (raises when it is not a table). */
function fieldsArg(L: LuaState, idx: number, what: string): Result<Record<string, unknown>> {
  if (lua.lua_type(L, idx) !== lua.LUA_TTABLE) return raiseError(L, `${what} expects a table`);
  const copied = copyOut(L, idx);
  if (!copied.ok) return invalid(`${what}: ${copied.error.message}`);
  // An empty Lua table copies as `[]`; as a set of fields it is simply empty.
  return ok(Array.isArray(copied.value) ? {} : (copied.value as Record<string, unknown>));
}

export function timeoutOption(value: unknown): Result<number | undefined> {
  if (value === undefined) return ok(undefined);
  const ms = typeof value === "number" ? value : typeof value === "string" ? (parseDuration(value) ?? NaN) / NS_PER_MS : NaN;
  if (!(ms > 0) || !Number.isFinite(ms)) return invalid(`timeout must be a positive number of milliseconds or a duration such as "5s", got ${JSON.stringify(value)}`);
  return ok(ms);
}

function push(L: LuaState, executor: Executor): number {
  pushObject(L, executor);
  return 1;
}

const self = (L: LuaState): Executor => checkObject(L, 1, EXECUTOR_CLASS);

/** The executor with `change`, or `nil, err` when the caller may not hand that context on. */
function withSecurity(L: LuaState, proc: LuaProcess, what: "actor" | "scope", change: ExecutorSettings): number {
  if (lua.lua_isnoneornil(L, 2)) return raiseError(L, `${what} cannot be nil`);
  const next = self(L).with(change);
  const allowed = handOff(proc, next.settings.actor, next.settings.scope, "funcs.security");
  return allowed.ok ? push(L, next) : returnError(L, allowed.error);
}

export const EXECUTOR_CLASS = defineClass(Executor, {
  name: "executor",
  methods: {
    with_context: (L) => {
      const executor = self(L);
      const values = fieldsArg(L, 2, "with_context");
      if (!values.ok) return returnError(L, values.error);
      return push(L, executor.with({ context: { ...executor.settings.context, ...values.value } }));
    },
    with_options: (L) => {
      const executor = self(L);
      const options = fieldsArg(L, 2, "with_options");
      if (!options.ok) return returnError(L, options.error);
      const timeout = timeoutOption(options.value.timeout);
      if (!timeout.ok) return returnError(L, timeout.error);
      return push(L, executor.with({ options: options.value, timeoutMs: timeout.value }));
    },
    with_actor: (L, proc) => withSecurity(L, proc, "actor", { actor: lua.lua_isnoneornil(L, 2) ? undefined : checkObject(L, 2, ACTOR_CLASS).actor }),
    with_scope: (L, proc) => withSecurity(L, proc, "scope", { scope: lua.lua_isnoneornil(L, 2) ? undefined : checkObject(L, 2, SCOPE_CLASS).scope }),
    call: (L, proc) => callFrom(L, proc, self(L).request, 2),
    async: (L, proc) => asyncFrom(L, proc, self(L).request, 2),
  },
});

export const newExecutor = (L: LuaState): number => push(L, new Executor());
