/**
 * `funcs` inside a workflow — every call is an *activity*: recorded, run outside the sandbox
 * as a normal function call, retried by policy, and answered from the history on replay.
 *
 * - `funcs.call(id, ...)` → result | nil, err (the activity's final outcome after retries).
 * - `funcs.new()` → an activity executor: `:with_options{timeout, retry = {...}}`,
 *   `:with_context(tbl)`, `:call(id, ...)`. Options: `timeout` per attempt (ms or a duration
 *   string such as `"5s"`); `retry.initial_interval`, `retry.max_interval` (same units),
 *   `retry.backoff` (multiplier), `retry.max_attempts` (attempts including the first; 0 = no
 *   limit), `retry.non_retryable` (error kinds never retried). Bad options → `nil, Invalid`.
 * - `funcs.async` is not available in a workflow (raises): use `coroutine.spawn` around
 *   `funcs.call` for activities in parallel.
 * A target without a namespace is `nil, Invalid` and nothing is recorded.
 */
import { parseDuration } from "@wippy/shared";
import { fail, ok, wippyError, type Result } from "../../../kernel";
import { lua, type LuaState } from "../../vm/fengari";
import type { LuaProcess } from "../../vm/lua-process";
import { checkObject, defineClass, pushObject } from "../../vm/objects";
import { checkString } from "../../vm/strings";
import { copyOut, copyOutRange } from "../../vm/values";
import { defineModule, type ModuleDefinition } from "../define-module";
import { checkTarget } from "../funcs/start-call";
import { raiseError, returnError } from "../results";
import { issue, portOf } from "./issue";
import type { ActivitySettings, PortOf, RetrySettings } from "./port";

export class ActivityExecutor {
  constructor(
    readonly find: PortOf,
    readonly settings: ActivitySettings = {},
  ) {}

  with(change: ActivitySettings): ActivityExecutor {
    return new ActivityExecutor(this.find, { ...this.settings, ...change });
  }
}

const invalid = (message: string): Result<never> => fail(wippyError("Invalid", message, { retryable: false }));

function millis(value: unknown, what: string): Result<number | undefined> {
  if (value === undefined) return ok(undefined);
  const ms = typeof value === "number" ? value : typeof value === "string" ? (parseDuration(value) ?? NaN) / 1e6 : NaN;
  if (!(ms > 0) || !Number.isFinite(ms)) return invalid(`${what} must be a positive number of milliseconds or a duration such as "5s", got ${JSON.stringify(value)}`);
  return ok(ms);
}

function positive(value: unknown, what: string, allowZero: boolean): Result<number | undefined> {
  if (value === undefined) return ok(undefined);
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) return invalid(`${what} must be a ${allowZero ? "non-negative" : "positive"} number, got ${JSON.stringify(value)}`);
  return ok(value);
}

function retrySettings(raw: unknown): Result<RetrySettings | undefined> {
  if (raw === undefined) return ok(undefined);
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return invalid("retry must be a table of fields");
  const r = raw as Record<string, unknown>;
  const initial = millis(r.initial_interval, "retry.initial_interval");
  const max = millis(r.max_interval ?? r.maximum_interval, "retry.max_interval");
  const backoff = positive(r.backoff ?? r.backoff_coefficient, "retry.backoff", false);
  const attempts = positive(r.max_attempts ?? r.maximum_attempts, "retry.max_attempts", true);
  for (const checked of [initial, max, backoff, attempts]) if (!checked.ok) return checked;
  const kinds = r.non_retryable ?? r.non_retryable_errors ?? [];
  if (!Array.isArray(kinds) || kinds.some((k) => typeof k !== "string")) return invalid("retry.non_retryable must be a list of error kinds");
  return ok({
    initialIntervalMs: initial.ok ? initial.value : undefined,
    maxIntervalMs: max.ok ? max.value : undefined,
    backoff: backoff.ok ? backoff.value : undefined,
    maxAttempts: attempts.ok && attempts.value !== undefined ? Math.floor(attempts.value) : undefined,
    nonRetryable: kinds as string[],
  });
}

function tableArg(L: LuaState, idx: number, what: string): Result<Record<string, unknown>> {
  if (lua.lua_type(L, idx) !== lua.LUA_TTABLE) return raiseError(L, `${what} expects a table`);
  const copied = copyOut(L, idx);
  if (!copied.ok) return invalid(`${what}: ${copied.error.message}`);
  return ok(Array.isArray(copied.value) ? {} : (copied.value as Record<string, unknown>));
}

function callActivity(L: LuaState, proc: LuaProcess, find: PortOf, settings: ActivitySettings, first: number): number {
  const port = portOf(L, proc, find);
  const target = checkTarget(checkString(L, first));
  if (!target.ok) return returnError(L, target.error);
  const args = copyOutRange(L, first + 1, lua.lua_gettop(L), proc.vm.runtime.copyLimits);
  if (!args.ok) return returnError(L, wippyError("Invalid", `arguments of ${target.value}: ${args.error.message}`, { retryable: false }));
  return issue(L, port, { kind: "activity", name: target.value, args: args.value, settings });
}

const self = (L: LuaState): ActivityExecutor => checkObject(L, 1, EXECUTOR_CLASS);

function push(L: LuaState, executor: ActivityExecutor): number {
  pushObject(L, executor);
  return 1;
}

export const EXECUTOR_CLASS = defineClass(ActivityExecutor, {
  name: "activity executor",
  methods: {
    with_options: (L) => {
      const executor = self(L);
      const options = tableArg(L, 2, "with_options");
      if (!options.ok) return returnError(L, options.error);
      const timeout = millis(options.value.timeout, "timeout");
      if (!timeout.ok) return returnError(L, timeout.error);
      const retry = retrySettings(options.value.retry);
      if (!retry.ok) return returnError(L, retry.error);
      return push(L, executor.with({ timeoutMs: timeout.value ?? executor.settings.timeoutMs, retry: retry.value ?? executor.settings.retry }));
    },
    with_context: (L) => {
      const executor = self(L);
      const values = tableArg(L, 2, "with_context");
      if (!values.ok) return returnError(L, values.error);
      return push(L, executor.with({ context: { ...executor.settings.context, ...values.value } }));
    },
    call: (L, proc) => {
      const executor = self(L);
      return callActivity(L, proc, executor.find, executor.settings, 2);
    },
  },
});

export function workflowFuncsModule(find: PortOf): ModuleDefinition {
  return defineModule({
    name: "funcs",
    functions: {
      call: (L, proc) => callActivity(L, proc, find, {}, 1),
      new: (L) => push(L, new ActivityExecutor(find)),
      async: (L) => raiseError(L, "funcs.async is not available inside a workflow: run funcs.call in coroutine.spawn for activities in parallel"),
    },
  });
}
