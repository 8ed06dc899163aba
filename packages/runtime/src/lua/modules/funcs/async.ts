/**
 * Asynchronous calls — `funcs.async(id, ...)` and `executor:async(id, ...)` → Future | nil,
 * err (LUA_API.md §5, `future.md`). The callee starts at once, like `funcs.call`, and the caller
 * goes on; the Future (`future.ts`) reports its result. Bad targets fail here, before anything
 * starts, with the same errors as `funcs.call`.
 *
 * In: the stack (target at `first`), a call request. Out: a Future, or `nil, err`.
 */
import { yieldThen } from "../../vm/blocking";
import type { LuaState } from "../../vm/fengari";
import type { LuaProcess } from "../../vm/lua-process";
import { pushObject } from "../../vm/objects";
import { returnError } from "../results";
import type { TimedCallRequest } from "./call";
import { Future } from "./future";
import { finishCall, startCall } from "./start-call";

export function asyncFrom(L: LuaState, proc: LuaProcess, request: TimedCallRequest, first: number): number {
  const started = startCall(L, proc, request, first);
  if (!started.ok) return returnError(L, started.error);
  const call = started.value;
  const future = new Future(call, proc.vm.runtime.kernel, () => finishCall(proc, call), proc.ctx.clock, request.timeoutMs);
  const push = (L2: LuaState): number => {
    pushObject(L2, future);
    return 1;
  };
  // Under spawn backpressure (the callee's host is congested) give up the turn, as process.spawn does.
  return proc.ctx.shouldYield() ? yieldThen(L, push) : push(L);
}
