/**
 * SimulatedClock — a `Clock` whose time moves only when a test says so.
 *
 * Terms:
 * - `advance(ms)` / `advanceTo(t)`: move time forward, firing every due timer in order of due
 *   time (ties: order of arming). Time is set to each timer's due time before it fires, so a
 *   target sees the exact `now` it was due at; timers armed while firing also fire if due.
 * - `nextDueAt()`: when the earliest pending timer is due (undefined when none).
 *
 * In: timers armed by kernel code. Out: deterministic firing, no real waiting.
 */

import type { Clock, TimerHandle, TimerTarget } from "./clock";

export const DEFAULT_SIMULATED_EPOCH = 0;

class SimulatedTimer implements TimerHandle {
  cancelled = false;

  constructor(
    readonly dueAt: number,
    readonly seq: number,
    readonly target: TimerTarget,
  ) {}

  cancel(): void {
    this.cancelled = true;
  }
}

export class SimulatedClock implements Clock {
  private time: number;
  private seq = 0;
  /** Sorted by (dueAt, seq); cancelled timers are dropped lazily. */
  private timers: SimulatedTimer[] = [];

  constructor(epoch: number = DEFAULT_SIMULATED_EPOCH) {
    this.time = epoch;
  }

  now(): number {
    return this.time;
  }

  setTimer(delayMs: number, target: TimerTarget): TimerHandle {
    const timer = new SimulatedTimer(this.time + Math.max(0, delayMs), this.seq++, target);
    let low = 0;
    let high = this.timers.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const other = this.timers[mid] as SimulatedTimer;
      if (other.dueAt < timer.dueAt || (other.dueAt === timer.dueAt && other.seq < timer.seq)) low = mid + 1;
      else high = mid;
    }
    this.timers.splice(low, 0, timer);
    return timer;
  }

  nextDueAt(): number | undefined {
    this.dropCancelled();
    return this.timers[0]?.dueAt;
  }

  pendingTimers(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }

  advance(ms: number): void {
    this.advanceTo(this.time + ms);
  }

  advanceTo(target: number): void {
    for (;;) {
      this.dropCancelled();
      const next = this.timers[0];
      if (next === undefined || next.dueAt > target) break;
      this.timers.shift();
      this.time = Math.max(this.time, next.dueAt);
      next.target.fire(this.time);
    }
    this.time = Math.max(this.time, target);
  }

  private dropCancelled(): void {
    while (this.timers[0]?.cancelled === true) this.timers.shift();
  }
}
