/**
 * Blocking — how a Lua call waits without blocking JS (DESIGN.md: "blocking calls yield the
 * coroutine via continuations").
 *
 * Terms:
 * - `block(L, cases, then)`: a module function that must wait on channel cases calls this.
 *   If a case is ready now, `then(L, outcome)` runs at once (no yield). Otherwise the thread
 *   yields (`lua_yieldk`) leaving a `BlockRequest` as the *pending request*; the process
 *   behaviour takes it, turns it into a kernel `block` step (or its own select waiter), and
 *   when the outcome arrives stores it in the request and resumes the thread: the continuation
 *   runs `then(L, outcome)` on the same thread, whose results become the call's results.
 * - `PREEMPT`: the pending request of a yield that only gives up the turn (the count hook, or
 *   a call that must stop at once such as `process.terminate` of itself). Nothing to wait for.
 * - `UpgradeRequest` (`process.upgrade`): a yield that never comes back. The process abandons
 *   the thread (and every other thread of its code) and starts the request's code instead.
 * - Pending requests travel up through user coroutines: `coroutine.resume` sees a yield with a
 *   request pending and yields its own thread too (see `coroutines.ts`), so a process's root
 *   thread always yields to the behaviour whatever coroutine the call was made in.
 *
 * In: cases and a continuation. Out: results now, or a yield with a pending request.
 */
import type { SelectCase, SelectOutcome } from "../../kernel";
import { DEFAULT_OUTCOME, trySelect } from "../../kernel";
import type { CompiledEntry } from "./chunks";
import { lua, type LuaKFunction, type LuaState } from "./fengari";
import { pushString } from "./strings";

/** Gets the cases too, so a continuation can be a shared function instead of a closure. */
export type Continuation = (L: LuaState, outcome: SelectOutcome, cases: readonly SelectCase[]) => number;

export class BlockRequest {
  outcome: SelectOutcome | null = null;

  constructor(
    readonly cases: readonly SelectCase[],
    readonly then: Continuation,
  ) {}
}

export const PREEMPT = "preempt" as const;

/** Replace the running code by `entry`, whose method is called with `args` (plain data). */
export class UpgradeRequest {
  constructor(
    readonly entry: CompiledEntry,
    readonly args: readonly unknown[],
  ) {}
}

export type PendingRequest = BlockRequest | typeof PREEMPT | UpgradeRequest;

let pending: PendingRequest | null = null;

export function hasPending(): boolean {
  return pending !== null;
}

export function peekPending(): PendingRequest | null {
  return pending;
}

export function takePending(): PendingRequest | null {
  const request = pending;
  pending = null;
  return request;
}

/** Marks the next yield as a preemption (used by the count hook before `lua_yield`). */
export function requestPreempt(): void {
  pending = PREEMPT;
}

const resumeBlocked: LuaKFunction<BlockRequest> = (L, _status, request) => {
  const outcome = request.outcome;
  if (outcome === null) throw new Error("a blocked Lua call was resumed without an outcome");
  request.outcome = null;
  return request.then(L, outcome, request.cases);
};

/** With `orDefault`, never waits: when nothing is ready, `then` gets the `default` outcome. */
export function block(L: LuaState, cases: readonly SelectCase[], then: Continuation, orDefault = false): number {
  const ready = trySelect(cases) ?? (orDefault ? DEFAULT_OUTCOME : null);
  if (ready !== null) return then(L, ready, cases);
  if (!lua.lua_isyieldable(L)) {
    pushString(L, "attempt to block inside a call that cannot yield (a metamethod, iterator or callback called from JS)");
    return lua.lua_error(L);
  }
  const request = new BlockRequest(cases, then);
  pending = request;
  return lua.lua_yieldk(L, 0, request, resumeBlocked);
}

const resumePreempted: LuaKFunction<(L: LuaState) => number> = (L, _status, then) => then(L);

/** Gives up the turn, then runs `then` for the call's results (immediately if `L` cannot yield). */
export function yieldThen(L: LuaState, then: (L: LuaState) => number): number {
  if (!lua.lua_isyieldable(L)) return then(L);
  pending = PREEMPT;
  return lua.lua_yieldk(L, 0, then, resumePreempted);
}

/** Leaves the running code for good (the caller checked `lua_isyieldable`): see `UpgradeRequest`. */
export function yieldForUpgrade(L: LuaState, request: UpgradeRequest): number {
  pending = request;
  return lua.lua_yield(L, 0);
}
