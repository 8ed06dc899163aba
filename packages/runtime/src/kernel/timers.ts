/**
 * Timers as channels — the kernel half of `time.after`, `time.timer`, `time.ticker` and
 * `time.sleep` (LUA_API.md §4). Durations here are milliseconds ≥ 0; parsing Go-style
 * strings, nanosecond numbers and refusing d ≤ 0 with `Invalid` is the time module's job.
 *
 * Terms:
 * - `after(clock, ms)`: a channel (capacity 1) that receives the clock's `now` once.
 * - `Timer`: `after` that can be stopped (`stop()` → true if it had not fired) and re-armed
 *   (`reset(ms)` → true if it was still pending).
 * - `Ticker`: sends `now` every `ms`; a tick is dropped when the previous one was not yet
 *   received (capacity 1, as in Go), so a slow reader never builds a backlog.
 *
 * In: a clock and a delay. Out: channels that a process selects on like any other.
 * A timer costs one object and one clock entry — nothing per process unless it uses time.
 */

import { Channel } from "./channel";
import type { Clock, TimerHandle, TimerTarget } from "./clock";

export class Timer implements TimerTarget {
  readonly channel = timerChannel();
  private handle: TimerHandle | null;

  constructor(
    private readonly clock: Clock,
    ms: number,
  ) {
    this.handle = clock.setTimer(ms, this);
  }

  fire(now: number): void {
    this.handle = null;
    this.channel.trySend(now);
  }

  stop(): boolean {
    if (this.handle === null) return false;
    this.handle.cancel();
    this.handle = null;
    return true;
  }

  reset(ms: number): boolean {
    const wasPending = this.stop();
    this.handle = this.clock.setTimer(ms, this);
    return wasPending;
  }
}

export function after(clock: Clock, ms: number): Channel<number> {
  return new Timer(clock, ms).channel;
}

export class Ticker implements TimerTarget {
  readonly channel = timerChannel();
  private handle: TimerHandle | null;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
  ) {
    if (!(intervalMs > 0)) throw new RangeError(`ticker interval must be > 0 ms, got ${intervalMs}`);
    this.handle = clock.setTimer(intervalMs, this);
  }

  fire(now: number): void {
    this.channel.trySend(now);
    this.handle = this.clock.setTimer(this.intervalMs, this);
  }

  stop(): void {
    this.handle?.cancel();
    this.handle = null;
  }
}

function timerChannel(): Channel<number> {
  const channel = new Channel<number>(1);
  channel.label = "timer";
  return channel;
}
