/**
 * Waiting on a JS promise from Lua without blocking the host.
 *
 * `blockOnPromise(L, promise, then)`: the calling coroutine yields like any blocking call; a
 * one-slot kernel channel receives the promise's outcome when it settles (from the event loop,
 * outside any process turn — the kernel makes the process ready and its pump runs it), and
 * `then(L, settled)` produces the call's results on the same coroutine. Other processes on the
 * host, and the process's other coroutines, keep running meanwhile. If the process dies first,
 * the outcome lands in a channel nobody reads and is dropped.
 *
 * In: a promise and a continuation. Out: the continuation's results.
 */
import { Channel, receiveCase, type SelectOutcome } from "../../../kernel";
import { block } from "../../vm/blocking";
import type { LuaState } from "../../vm/fengari";

export type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

export function blockOnPromise<T>(L: LuaState, promise: Promise<T>, then: (L: LuaState, settled: Settled<T>) => number): number {
  const channel = new Channel<Settled<T>>(1);
  promise.then(
    (value) => void channel.trySend({ ok: true, value }),
    (error: unknown) => void channel.trySend({ ok: false, error }),
  );
  return block(L, [receiveCase(channel)], (L2, outcome: SelectOutcome) => then(L2, (outcome as { value: Settled<T> }).value));
}
