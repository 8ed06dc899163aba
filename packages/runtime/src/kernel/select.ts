/**
 * Select — wait on several channel operations at once (`channel.select`, LUA_API.md §4).
 *
 * Terms:
 * - `SelectCase`: `receive` from a channel or `send` a value to it (`case_receive`/`case_send`).
 * - `trySelect`: the non-blocking attempt. The first ready case *in the order given* wins —
 *   deterministic, so `select {cancel, work}` gives `cancel` priority (Go picks at random).
 *   A send case on a closed channel is "ready" with outcome `closed` (the caller raises).
 * - `SelectWaiter`: a blocked select parked on every case's channel; the first channel to
 *   complete it wins, and the waiter unparks itself from all the others at once, so a process
 *   looping over `select {inbox, ticker}` leaves nothing behind in the inbox's queue.
 * - `SelectOwner`: who is told the outcome (the kernel's process record; tests use closures).
 *
 * In: cases (+ an owner to block). Out: an immediate outcome, or a parked waiter that will
 * call `owner.onSelected(outcome)` exactly once unless cancelled first.
 */

import type { Channel, ChannelWaiter, SelectOutcome, WaitEntry } from "./channel";

export type SelectCase =
  | { readonly kind: "receive"; readonly channel: Channel<unknown> }
  | { readonly kind: "send"; readonly channel: Channel<unknown>; readonly value: unknown };

export const receiveCase = <T>(channel: Channel<T>): SelectCase => ({ kind: "receive", channel });
export const sendCase = <T>(channel: Channel<T>, value: T): SelectCase => ({ kind: "send", channel, value });

export const DEFAULT_OUTCOME: SelectOutcome = Object.freeze({ kind: "default" });

export interface SelectOwner {
  onSelected(outcome: SelectOutcome): void;
}

export function trySelect(cases: readonly SelectCase[]): SelectOutcome | null {
  for (let index = 0; index < cases.length; index++) {
    const c = cases[index] as SelectCase;
    if (c.kind === "receive") {
      const got = c.channel.tryReceive();
      if (got !== null) return { kind: "received", index, value: got.value, ok: got.ok };
    } else {
      const attempt = c.channel.trySend(c.value);
      if (attempt === "sent") return { kind: "sent", index, value: c.value };
      if (attempt === "closed") return { kind: "closed", index };
    }
  }
  return null;
}

export class SelectWaiter implements ChannelWaiter {
  private isDone = false;
  private readonly entries: WaitEntry<unknown>[];

  constructor(
    private readonly cases: readonly SelectCase[],
    private readonly owner: SelectOwner,
  ) {
    this.entries = cases.map((c, index) => ({ waiter: this, index, value: c.kind === "send" ? c.value : undefined }));
    cases.forEach((c, index) => c.channel.park(this.entries[index] as WaitEntry<unknown>, c.kind === "receive" ? "receiver" : "sender"));
  }

  get done(): boolean {
    return this.isDone;
  }

  /** The labels of the channels it waits on (`ProcessInfo.waiting`). */
  labels(): string[] {
    return this.cases.map((c) => c.channel.label);
  }

  complete(outcome: SelectOutcome): void {
    if (this.isDone) return;
    this.unparkAll();
    this.owner.onSelected(outcome);
  }

  /** Withdraws the select (the owner died or gave up); idempotent. */
  cancel(): void {
    if (!this.isDone) this.unparkAll();
  }

  private unparkAll(): void {
    this.isDone = true;
    this.cases.forEach((c, index) => c.channel.unpark(this.entries[index] as WaitEntry<unknown>, c.kind === "receive" ? "receiver" : "sender"));
  }
}

/**
 * Completes at once when a case is ready (returns the outcome), else parks a waiter for
 * `owner` and returns it. An empty case list never completes — like Go's `select {}`.
 */
export function select(cases: readonly SelectCase[], owner: SelectOwner): SelectOutcome | SelectWaiter {
  return trySelect(cases) ?? new SelectWaiter(cases, owner);
}
