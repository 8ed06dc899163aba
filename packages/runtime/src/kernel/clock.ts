/**
 * Clock — the only source of time for the kernel (Conventions §10).
 *
 * Terms:
 * - `now()`: milliseconds since the Unix epoch (a float; sub-millisecond precision allowed).
 * - `TimerTarget`: an object fired by the clock. Timers take an object with a `fire` method
 *   rather than a closure, so that a timer costs one object, not a closure per arm.
 * - `TimerHandle`: what `setTimer` returns; `cancel()` is idempotent and safe after firing.
 *
 * In: a delay in ms and a target. Out: `target.fire(now)` once the delay has passed.
 * Implementations: `RealClock` (here) and `SimulatedClock` (tests, advanced by hand).
 */

export interface TimerTarget {
  fire(now: number): void;
}

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  now(): number;
  setTimer(delayMs: number, target: TimerTarget): TimerHandle;
}

function fireTarget(clock: RealClock, target: TimerTarget): void {
  target.fire(clock.now());
}

class RealTimer implements TimerHandle {
  constructor(private readonly timeout: ReturnType<typeof setTimeout>) {}

  cancel(): void {
    clearTimeout(this.timeout);
  }
}

/** Wall-clock time and Node timers. Timers are unref'd: pending timers alone keep no process alive. */
export class RealClock implements Clock {
  now(): number {
    return performance.timeOrigin + performance.now();
  }

  setTimer(delayMs: number, target: TimerTarget): TimerHandle {
    const timeout = setTimeout(fireTarget, Math.max(0, delayMs), this, target);
    timeout.unref();
    return new RealTimer(timeout);
  }
}
