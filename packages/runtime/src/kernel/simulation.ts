/**
 * Simulation — drive a kernel deterministically on a `SimulatedClock` (tests, replays).
 *
 * `settle(kernel, clock, ms)`: run until no process is ready, then repeatedly jump the clock
 * to the next due timer (never past `now + ms`) and run again; finally leave the clock at
 * `now + ms`. With `ms = 0` it only runs what is runnable now (and timers already due).
 *
 * In: a kernel and the simulated clock it was built with. Out: a quiescent kernel.
 */

import type { Kernel } from "./kernel";
import type { SimulatedClock } from "./simulated-clock";

export function settle(kernel: Kernel, clock: SimulatedClock, ms = 0): void {
  const end = clock.now() + ms;
  kernel.runUntilIdle();
  for (;;) {
    const due = clock.nextDueAt();
    if (due === undefined || due > end) break;
    clock.advanceTo(due);
    kernel.runUntilIdle();
  }
  clock.advanceTo(end);
  kernel.runUntilIdle();
}
