/**
 * RootThread — a thread the process behaviour resumes itself: the process's main thread or a
 * `coroutine.spawn` thread (LUA_API.md §2).
 *
 * Terms:
 * - `nargs`: values waiting on the thread's stack for its next resume (the start arguments).
 * - `request`: the `BlockRequest` it yielded with, while it waits; the outcome is stored in it
 *   before the thread is resumed (the call's continuation reads it there).
 * - `waiter`: when the process has several roots, each blocked root parks its own select
 *   waiter (the kernel's `block` step serves one wait only); the root is its owner and, on
 *   completion, queues itself on its process and wakes it.
 *
 * In: select outcomes. Out: itself, queued on its process as ready.
 */
import type { SelectOutcome } from "../../kernel";
import type { SelectOwner, SelectWaiter } from "../../kernel";
import type { BlockRequest } from "./blocking";
import type { LuaState } from "./fengari";

export interface RootScheduler {
  /** Called when a root's own waiter completed. */
  readyFromWaiter(root: RootThread): void;
}

export class RootThread implements SelectOwner {
  nargs = 0;
  request: BlockRequest | null = null;
  waiter: SelectWaiter | null = null;

  constructor(
    readonly L: LuaState,
    private readonly scheduler: RootScheduler,
  ) {}

  onSelected(outcome: SelectOutcome): void {
    this.waiter = null;
    if (this.request !== null) this.request.outcome = outcome;
    this.scheduler.readyFromWaiter(this);
  }

  cancel(): void {
    this.waiter?.cancel();
    this.waiter = null;
    this.request = null;
  }
}
