/**
 * Synchronous calls — `funcs.call(id, ...)` and `executor:call(id, ...)` → result | nil, err
 * (LUA_API.md §5).
 *
 * The caller's coroutine blocks (the host keeps running other processes) until the callee's
 * exit arrives: `{value}` → the value; `{error}` → `nil, err` with the callee's kind,
 * retryable and details — whether it returned `nil, err` or raised. With a timeout
 * (`executor:with_options{timeout = ms}`) a call still running when it expires is terminated
 * and the caller gets `nil, err` of kind `Timeout`.
 *
 * In: the stack (target at `first`), a call request. Out: the call's results.
 */
import { receiveCase, Timer, wippyError, type ExitEvent, type SelectCase, type WippyError } from "../../../kernel";
import { block } from "../../vm/blocking";
import type { LuaState } from "../../vm/fengari";
import type { LuaProcess } from "../../vm/lua-process";
import { returnError, returnValue } from "../results";
import { finishCall, startCall, type CallRequest } from "./start-call";

export interface TimedCallRequest extends CallRequest {
  /** Milliseconds; undefined = no limit. */
  readonly timeoutMs?: number;
}

export function timeoutError(target: string, timeoutMs: number): WippyError {
  return wippyError("Timeout", `function ${target} timed out after ${timeoutMs}ms`, { retryable: true, details: { target, timeout_ms: timeoutMs } });
}

export function returnExit(L: LuaState, event: ExitEvent): number {
  const { result } = event;
  return result.error !== undefined ? returnError(L, result.error) : returnValue(L, result.value);
}

export function callFrom(L: LuaState, proc: LuaProcess, request: TimedCallRequest, first: number): number {
  const started = startCall(L, proc, request, first);
  if (!started.ok) return returnError(L, started.error);
  const call = started.value;
  const { timeoutMs } = request;
  const timer = timeoutMs === undefined ? null : new Timer(proc.ctx.clock, timeoutMs);
  const cases: SelectCase[] = [receiveCase(call.exits)];
  if (timer !== null) cases.push(receiveCase(timer.channel));
  return block(L, cases, (L2, outcome) => {
    finishCall(proc, call);
    if (outcome.kind === "received" && outcome.index === 0) {
      timer?.stop();
      return returnExit(L2, outcome.value as ExitEvent);
    }
    // The timer won: the callee is still running (or ended this very instant — then NotFound, ignored).
    proc.ctx.terminate(call.pid);
    return returnError(L2, timeoutError(call.target, timeoutMs ?? 0));
  });
}
