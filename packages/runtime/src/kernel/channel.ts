/**
 * Channel — Go-style channels, the one way a process waits for anything (LUA_API.md §4).
 *
 * Terms:
 * - `capacity`: 0 = unbuffered (a send completes only when a receiver takes the value),
 *   n = buffered (a send completes while there is room), `UNBOUNDED` = never full (mailboxes:
 *   the inbox, events and listener channels are unbounded so that delivery never blocks).
 * - `trySend` / `tryReceive`: the non-blocking halves. A blocked operation is a `WaitEntry`
 *   parked in the channel's receiver or sender queue by `select` (see `select.ts`).
 * - Close: idempotent; parked receivers get `(undefined, false)`, parked senders get a
 *   `closed` outcome (Lua raises); buffered values stay receivable until drained, after
 *   which every receive is `(undefined, false)`.
 * - `SelectOutcome`: what completes a waiter — `received {value, ok}`, `sent`, `closed`
 *   (send case on a closed channel) or `default` (nothing was ready and the select had one).
 *
 * In: values and waiters. Out: values handed over in FIFO order; waiters completed exactly once.
 * Channels know nothing about processes: a waiter's owner decides what "wake up" means.
 */

import { Fifo } from "./fifo";
import { wippyError, type WippyError } from "./errors";

export const UNBOUNDED = Number.POSITIVE_INFINITY;

export const CLOSED_CHANNEL_ERROR: WippyError = wippyError("", "send on closed channel");

export type SelectOutcome =
  | { readonly kind: "received"; readonly index: number; readonly value: unknown; readonly ok: boolean }
  | { readonly kind: "sent"; readonly index: number; readonly value: unknown }
  | { readonly kind: "closed"; readonly index: number }
  | { readonly kind: "default" };

export interface ChannelWaiter {
  readonly done: boolean;
  /** Called by a channel when one of the waiter's cases completed; at most once. */
  complete(outcome: SelectOutcome): void;
}

export interface WaitEntry<T> {
  readonly waiter: ChannelWaiter;
  /** Position of the case in the select. */
  readonly index: number;
  /** The value offered, for senders. */
  readonly value: T | undefined;
}

export type SendAttempt = "sent" | "full" | "closed";

export interface Received<T> {
  readonly value: T | undefined;
  readonly ok: boolean;
}

const CLOSED_RECEIVE: Received<never> = Object.freeze({ value: undefined, ok: false });

function nextLive<T>(queue: Fifo<WaitEntry<T>>): WaitEntry<T> | undefined {
  for (;;) {
    const entry = queue.shift();
    if (entry === undefined || !entry.waiter.done) return entry;
  }
}

export class Channel<T> {
  readonly capacity: number;
  /**
   * What the channel is, for people watching a process wait on it (`ProcessInfo.waiting`):
   * `inbox`, `events`, `topic:<t>`, `timer`, `call`, … — unlabeled channels read `channel`.
   */
  label = "channel";
  private buffer: Fifo<T> | null;
  private readonly receivers = new Fifo<WaitEntry<T>>();
  private readonly senders = new Fifo<WaitEntry<T>>();
  private isClosed = false;

  constructor(capacity = 0) {
    if (!(capacity === UNBOUNDED || (Number.isInteger(capacity) && capacity >= 0))) {
      throw new RangeError(`channel capacity must be a non-negative integer, got ${capacity}`);
    }
    this.capacity = capacity;
    this.buffer = capacity > 0 ? new Fifo<T>() : null;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Values buffered and not yet received. */
  get size(): number {
    return this.buffer?.length ?? 0;
  }

  trySend(value: T): SendAttempt {
    if (this.isClosed) return "closed";
    const receiver = nextLive(this.receivers);
    if (receiver !== undefined) {
      receiver.waiter.complete({ kind: "received", index: receiver.index, value, ok: true });
      return "sent";
    }
    if (this.buffer !== null && this.buffer.length < this.capacity) {
      this.buffer.push(value);
      return "sent";
    }
    return "full";
  }

  /** `null` when a receive would block. */
  tryReceive(): Received<T> | null {
    if (this.buffer !== null && this.buffer.length > 0) {
      const value = this.buffer.shift() as T;
      const sender = nextLive(this.senders);
      if (sender !== undefined) {
        this.buffer.push(sender.value as T);
        sender.waiter.complete({ kind: "sent", index: sender.index, value: sender.value });
      }
      return { value, ok: true };
    }
    const sender = nextLive(this.senders);
    if (sender !== undefined) {
      sender.waiter.complete({ kind: "sent", index: sender.index, value: sender.value });
      return { value: sender.value, ok: true };
    }
    return this.isClosed ? CLOSED_RECEIVE : null;
  }

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const entry of this.receivers.drain()) {
      if (!entry.waiter.done) entry.waiter.complete({ kind: "received", index: entry.index, value: undefined, ok: false });
    }
    for (const entry of this.senders.drain()) {
      if (!entry.waiter.done) entry.waiter.complete({ kind: "closed", index: entry.index });
    }
  }

  /** Parks a blocked receive or send (used by `select`). */
  park(entry: WaitEntry<T>, as: "receiver" | "sender"): void {
    (as === "receiver" ? this.receivers : this.senders).push(entry);
  }

  /** Removes a parked entry whose waiter completed elsewhere or was cancelled. */
  unpark(entry: WaitEntry<T>, as: "receiver" | "sender"): void {
    (as === "receiver" ? this.receivers : this.senders).remove(entry);
  }

  /** Parked receivers and senders, for diagnostics and tests. */
  get parked(): { receivers: number; senders: number } {
    return { receivers: this.receivers.length, senders: this.senders.length };
  }
}
