/**
 * Activity retries — the policy an activity command records, and what happens after a failed
 * attempt (Temporal's model).
 *
 * Terms and defaults (`DEFAULT_RETRY_POLICY`): first retry after `initialIntervalMs` (1 s),
 * each next one `backoff` (2) times later, capped at `maxIntervalMs` (100 s); `maxAttempts`
 * (3) counts attempts including the first, 0 = no limit. An error is final when its kind is in
 * `nonRetryable`, when it says `retryable = false`, or when the attempts are used up.
 *
 * In: the code's settings, an attempt's error. Out: `ActivityOptions`, a retry decision.
 */
import type { ActivityOptions, JsonValue, RetryPolicy, WorkflowError } from "@wippy/shared";
import type { ActivitySettings } from "../lua/modules/workflow";
import { toJson } from "./json";

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({ initialIntervalMs: 1000, backoff: 2, maxIntervalMs: 100_000, maxAttempts: 3, nonRetryable: [] });

export function activityOptions(settings: ActivitySettings): ActivityOptions {
  const r = settings.retry ?? {};
  const d = DEFAULT_RETRY_POLICY;
  const options: ActivityOptions = {
    retry: {
      initialIntervalMs: r.initialIntervalMs ?? d.initialIntervalMs,
      backoff: r.backoff ?? d.backoff,
      maxIntervalMs: r.maxIntervalMs ?? Math.max(d.maxIntervalMs, r.initialIntervalMs ?? 0),
      maxAttempts: r.maxAttempts ?? d.maxAttempts,
      nonRetryable: [...(r.nonRetryable ?? d.nonRetryable)],
    },
  };
  if (settings.timeoutMs !== undefined) options.timeoutMs = settings.timeoutMs;
  if (settings.context !== undefined) options.context = toJson(settings.context) as { [key: string]: JsonValue };
  return options;
}

export type RetryDecision = { readonly final: true } | { readonly final: false; readonly retryAt: number };

/** After attempt `attempt` (1-based) failed with `error` at `now`. */
export function afterFailure(policy: RetryPolicy, attempt: number, error: WorkflowError, now: number): RetryDecision {
  if (error.retryable === false || policy.nonRetryable.includes(error.kind)) return { final: true };
  if (policy.maxAttempts > 0 && attempt >= policy.maxAttempts) return { final: true };
  const delay = Math.min(policy.initialIntervalMs * policy.backoff ** (attempt - 1), policy.maxIntervalMs);
  return { final: false, retryAt: now + delay };
}
