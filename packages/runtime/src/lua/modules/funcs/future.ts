/**
 * Future — the result of `funcs.async(id, ...)` / `executor:async(id, ...)`, as Wippy's
 * `future.md` describes it.
 *
 * - `:response()` / `:channel()` → the same receive-only channel every time. It delivers
 *   once: a Payload on success (`:data()` is the callee's value), or the error object when the
 *   call failed (kind and retryable kept). After that value is taken the channel is closed,
 *   so a second receive gives `nil, false` instead of waiting forever.
 * - `:is_complete()` → whether the callee has ended (without taking anything from the channel).
 * - `:result()` → not complete: `nil, nil`; canceled: `nil, err` (kind `Canceled`); failed:
 *   `nil, err` (the callee's kind and retryable); done: `Payload, nil`. Cached: it keeps
 *   answering after the channel was drained.
 * - `:error()` → `err, true` when the call failed — a non-retryable `Internal` wrapper, as in
 *   Wippy (`:result()` keeps the original kind); otherwise `nil, false`.
 * - `:cancel()` → true: marks the future canceled and terminates the callee if it is still
 *   running (its channel then delivers a `Canceled` error). `:is_canceled()` → that mark.
 * - timeout (`executor:with_options{timeout = ms}`): a callee still running when it expires
 *   is terminated and the future fails with kind `Timeout`.
 *
 * The future does not copy the callee's exit anywhere: it reads the kernel's one-shot exit
 * channel (`awaitExit`) — through Lua's receive, or by peeking (take the buffered event and
 * put it straight back, which is exact for a capacity-1 channel with a single sender).
 *
 * In: a started call. Out: the Lua object and its methods.
 */
import {
  wippyError,
  type Channel,
  type Clock,
  type ExitEvent,
  type ExitResult,
  type Kernel,
  type TimerHandle,
  type TimerTarget,
  type WippyError,
} from "../../../kernel";
import { lua, type LuaState } from "../../vm/fengari";
import { checkObject, defineClass, pushObject } from "../../vm/objects";
import { presentAs } from "../channel-values";
import { LuaPayload } from "../process/messages";
import { pushError, returnBoolean } from "../results";
import { timeoutError } from "./call";
import type { StartedCall } from "./start-call";

const CANCELED: WippyError = wippyError("Canceled", "canceled", { retryable: false });

type Settled = { readonly error: WippyError } | { readonly payload: LuaPayload };

export class Future implements TimerTarget {
  private settled: Settled | undefined;
  private canceled = false;
  private timedOut = false;
  private timer: TimerHandle | null = null;
  readonly channel: Channel<ExitEvent>;

  constructor(
    private readonly call: StartedCall,
    private readonly kernel: Kernel,
    private readonly onSettled: () => void,
    clock: Clock,
    private readonly timeoutMs?: number,
  ) {
    this.channel = presentAs(call.exits, (L, value) => this.present(L, value as ExitEvent));
    if (timeoutMs !== undefined) this.timer = clock.setTimer(timeoutMs, this);
  }

  get isCanceled(): boolean {
    return this.canceled;
  }

  /** Settled now? Looks at the exit channel without consuming its event. */
  poll(): Settled | undefined {
    if (this.settled === undefined) {
      const got = this.call.exits.tryReceive();
      if (got !== null && got.ok) {
        const event = got.value as ExitEvent;
        this.settle(event.result);
        this.call.exits.trySend(event);
      }
    }
    return this.settled;
  }

  cancel(): void {
    this.canceled = true;
    if (this.poll() === undefined) this.kernel.terminate(this.call.pid);
  }

  /** The timeout expired. */
  fire(): void {
    this.timer = null;
    if (this.poll() !== undefined) return;
    this.timedOut = true;
    this.kernel.terminate(this.call.pid);
  }

  private settle(result: ExitResult): Settled {
    if (this.settled !== undefined) return this.settled;
    this.timer?.cancel();
    this.timer = null;
    if (this.timedOut) this.settled = { error: timeoutError(this.call.target, this.timeoutMs ?? 0) };
    else if (result.error !== undefined) this.settled = { error: result.error };
    else this.settled = { payload: new LuaPayload(result.value) };
    this.onSettled();
    return this.settled;
  }

  /** What the channel shows for the exit event it delivered; then it closes (it delivers once). */
  private present(L: LuaState, event: ExitEvent): void {
    const settled = this.settle(event.result);
    this.call.exits.close();
    if ("error" in settled) pushError(L, settled.error);
    else pushObject(L, settled.payload);
  }
}

const self = (L: LuaState): Future => checkObject(L, 1, FUTURE_CLASS);

const response = (L: LuaState): number => {
  pushObject(L, self(L).channel);
  return 1;
};

export const FUTURE_CLASS = defineClass(Future, {
  name: "future",
  methods: {
    response,
    channel: response,
    is_complete: (L) => returnBoolean(L, self(L).poll() !== undefined),
    is_canceled: (L) => returnBoolean(L, self(L).isCanceled),
    result: (L) => {
      const future = self(L);
      const settled = future.poll();
      if (future.isCanceled) {
        lua.lua_pushnil(L);
        pushError(L, CANCELED);
      } else if (settled === undefined) {
        lua.lua_pushnil(L);
        lua.lua_pushnil(L);
      } else if ("error" in settled) {
        lua.lua_pushnil(L);
        pushError(L, settled.error);
      } else {
        pushObject(L, settled.payload);
        lua.lua_pushnil(L);
      }
      return 2;
    },
    error: (L) => {
      const settled = self(L).poll();
      if (settled === undefined || !("error" in settled)) {
        lua.lua_pushnil(L);
        lua.lua_pushboolean(L, false);
        return 2;
      }
      pushError(L, wippyError("Internal", `async call failed: ${settled.error.message}`, { retryable: false, details: { cause_kind: settled.error.kind } }));
      lua.lua_pushboolean(L, true);
      return 2;
    },
    cancel: (L) => {
      self(L).cancel();
      return returnBoolean(L, true);
    },
  },
});
