import { describe, expect, it } from "vitest";
import { retryDelay } from "./backoff";

describe("retryDelay", () => {
  const backoff = { initialMs: 1_000, maxMs: 30_000 };
  const middle = () => 0.5; // no jitter

  it("doubles from the initial delay up to the cap", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => retryDelay(n, backoff, middle))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(retryDelay(1_000, backoff, middle)).toBe(30_000);
  });

  it("spreads retries by ±20 %", () => {
    expect(retryDelay(0, backoff, () => 0)).toBe(800);
    expect(retryDelay(0, backoff, () => 0.999999)).toBe(1_200);
    expect(retryDelay(9, backoff, () => 0.999999)).toBe(36_000);
  });
});
