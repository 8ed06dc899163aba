/**
 * Restart policy — the pure rules that decide whether and when a child runs again.
 *
 * Terms:
 * - `classifyExit(result)`: `normal` for a value, `fatal` for an error with `retryable ==
 *   false`, else `error` (an unknown `retryable` counts as retryable; a `process.terminate`
 *   from outside the supervisor is an error, as OTP's `killed`).
 * - `nextStreak(streak, runMs, stableMs)`: the runs in the current failure streak once this
 *   run ended; a run that lasted `stable_threshold` starts a new streak.
 * - `decideRestart(type, class, streak, maxAttempts)`, one clause per case:
 *     temporary  × normal → exited      temporary  × error|fatal → terminal
 *     transient  × normal → exited      transient  × error → restart    × fatal → terminal
 *     permanent  × normal → restart     permanent  × error → restart    × fatal → terminal
 *   and a restart past `max_attempts` runs (0 = forever) → terminal.
 * - `restartDelay(policy, streak, random)`: `initial_delay × backoff_factor^(streak-1)`, capped
 *   at `max_delay`, then spread by ±`jitter` of itself; `random()` is in [0, 1).
 *
 * In: exit results, counters, a policy. Out: decisions and delays in ms.
 */

import type { ExitResult } from "../kernel";
import { unreachable, type ExitClass, type RestartDecision, type RestartPolicy, type RestartType } from "./terms";

export function classifyExit(result: ExitResult): ExitClass {
  if (result.error === undefined) return "normal";
  return result.error.retryable === false ? "fatal" : "error";
}

export function nextStreak(streak: number, runMs: number, stableMs: number): number {
  return runMs >= stableMs ? 1 : streak + 1;
}

export function decideRestart(type: RestartType, exit: ExitClass, streak: number, maxAttempts: number): RestartDecision {
  const wanted = wantsRestart(type, exit);
  if (wanted !== "restart") return wanted;
  if (maxAttempts > 0 && streak >= maxAttempts) return { kind: "terminal", why: "attempts" };
  return { kind: "restart", streak };
}

function wantsRestart(type: RestartType, exit: ExitClass): RestartDecision | "restart" {
  if (exit === "fatal") return { kind: "terminal", why: "fatal" };
  switch (type) {
    case "temporary":
      return exit === "normal" ? { kind: "exited" } : { kind: "terminal", why: "temporary" };
    case "transient":
      return exit === "normal" ? { kind: "exited" } : "restart";
    case "permanent":
      return "restart";
    default:
      return unreachable(type);
  }
}

export function restartDelay(policy: RestartPolicy, streak: number, random: () => number): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.backoffFactor ** Math.max(0, streak - 1));
  if (policy.jitter <= 0 || base <= 0) return base;
  return Math.max(0, base * (1 + policy.jitter * (2 * random() - 1)));
}
