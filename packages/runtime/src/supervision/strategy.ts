/**
 * Strategies and restart intensity — the pure half of a supervisor's reaction to a failure.
 *
 * Terms:
 * - `restartGroup(strategy, children, failed)`: the children a restart of `failed` involves,
 *   in start order: `one_for_one` → just it; `one_for_all` → every child; `rest_for_one` →
 *   it and every child started after it.
 * - `RestartWindow`: the times of recent restarts. `admit(now)` records one and answers false
 *   when that makes more than `intensity` restarts within `period` (OTP's MaxR / MaxT), which
 *   is when the supervisor gives up and fails to its parent. Intensity 0 allows no restart.
 *
 * In: a strategy and children; restart times. Out: a group; admitted or not.
 */

import { unreachable, type SupervisorStrategy } from "./terms";

export function restartGroup<T>(strategy: SupervisorStrategy, children: readonly T[], failed: T): T[] {
  switch (strategy) {
    case "one_for_one":
      return [failed];
    case "one_for_all":
      return [...children];
    case "rest_for_one":
      return children.slice(Math.max(0, children.indexOf(failed)));
    default:
      return unreachable(strategy);
  }
}

export class RestartWindow {
  private times: number[] = [];

  admit(now: number, intensity: number, periodMs: number): boolean {
    if (intensity === Number.POSITIVE_INFINITY) return true;
    this.times = [...this.times.filter((t) => now - t < periodMs), now];
    return this.times.length <= intensity;
  }

  reset(): void {
    this.times = [];
  }
}
