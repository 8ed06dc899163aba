import { describe, expect, it } from "vitest";
import { activityOptions, afterFailure, DEFAULT_RETRY_POLICY } from "./retry";

const error = { kind: "Unavailable", message: "busy" };

describe("retry policy", () => {
  it("backs off exponentially from the initial interval, capped at the maximum interval", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, initialIntervalMs: 1000, backoff: 3, maxIntervalMs: 5000, maxAttempts: 0 };
    expect([1, 2, 3, 4].map((attempt) => afterFailure(policy, attempt, error, 0))).toEqual([
      { final: false, retryAt: 1000 },
      { final: false, retryAt: 3000 },
      { final: false, retryAt: 5000 },
      { final: false, retryAt: 5000 },
    ]);
  });

  it("stops after the maximum attempts, for non-retryable kinds, and for errors that say so", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 2, nonRetryable: ["Invalid"] };
    expect(afterFailure(policy, 1, error, 0).final).toBe(false);
    expect(afterFailure(policy, 2, error, 0).final).toBe(true);
    expect(afterFailure(policy, 1, { kind: "Invalid", message: "no" }, 0).final).toBe(true);
    expect(afterFailure(policy, 1, { ...error, retryable: false }, 0).final).toBe(true);
  });

  it("fills the defaults the code left out and records the timeout and context", () => {
    expect(activityOptions({})).toEqual({ retry: DEFAULT_RETRY_POLICY });
    expect(activityOptions({ timeoutMs: 500, retry: { maxAttempts: 1 }, context: { tenant: "t1" } })).toEqual({
      timeoutMs: 500,
      retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 },
      context: { tenant: "t1" },
    });
  });
});
