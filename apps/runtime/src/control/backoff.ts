/**
 * Retry delays of the control agent: exponential from `initialMs` up to `maxMs`, with ±20 %
 * jitter so that nodes restarted together do not dial a returning server in lockstep.
 */
export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_AGENT_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 30_000 };

/** Delay before retry number `attempt` (0 for the first retry). */
export function retryDelay(attempt: number, backoff: Backoff, random: () => number = Math.random): number {
  const base = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(base * (0.8 + 0.4 * random()));
}
