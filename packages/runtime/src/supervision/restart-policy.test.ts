/**
 * The pure restart rules: restart type × exit class, attempts, streaks, delays, intensity.
 */
import { describe, expect, it } from "vitest";
import { wippyError } from "../kernel";
import { classifyExit, decideRestart, nextStreak, restartDelay } from "./restart-policy";
import { restartGroup, RestartWindow } from "./strategy";
import { DEFAULT_RESTART_POLICY, type ExitClass, type RestartType } from "./terms";

describe("decideRestart: restart type × exit class", () => {
  const table: [RestartType, ExitClass, string][] = [
    ["permanent", "normal", "restart"],
    ["permanent", "error", "restart"],
    ["permanent", "fatal", "terminal"],
    ["transient", "normal", "exited"],
    ["transient", "error", "restart"],
    ["transient", "fatal", "terminal"],
    ["temporary", "normal", "exited"],
    ["temporary", "error", "terminal"],
    ["temporary", "fatal", "terminal"],
  ];
  it.each(table)("%s × %s → %s", (type, exit, expected) => {
    expect(decideRestart(type, exit, 1, 0).kind).toBe(expected);
  });

  it("max_attempts counts runs: the run numbered max_attempts is the last", () => {
    expect(decideRestart("transient", "error", 2, 3)).toEqual({ kind: "restart", streak: 2 });
    expect(decideRestart("transient", "error", 3, 3)).toEqual({ kind: "terminal", why: "attempts" });
    expect(decideRestart("transient", "error", 1_000, 0).kind).toBe("restart");
  });
});

describe("classifyExit", () => {
  it("a value is normal; retryable false is fatal; unknown or true retryable is an error", () => {
    expect(classifyExit({ value: null })).toBe("normal");
    expect(classifyExit({ error: wippyError("Invalid", "x", { retryable: false }) })).toBe("fatal");
    expect(classifyExit({ error: wippyError("Invalid", "x") })).toBe("error");
    expect(classifyExit({ error: wippyError("Invalid", "x", { retryable: true }) })).toBe("error");
  });
});

describe("streaks and delays", () => {
  it("a run as long as stable_threshold starts a new streak", () => {
    expect(nextStreak(4, 4_999, 5_000)).toBe(5);
    expect(nextStreak(4, 5_000, 5_000)).toBe(1);
  });

  it("backs off by the factor up to max_delay", () => {
    const policy = { ...DEFAULT_RESTART_POLICY, initialDelayMs: 100, backoffFactor: 3, maxDelayMs: 1_000 };
    expect([1, 2, 3, 4, 5].map((n) => restartDelay(policy, n, () => 0.5))).toEqual([100, 300, 900, 1_000, 1_000]);
  });

  it("jitter stays within ±jitter of the delay for any draw", () => {
    const policy = { ...DEFAULT_RESTART_POLICY, initialDelayMs: 1_000, jitter: 0.2 };
    for (const draw of [0, 0.1, 0.5, 0.9, 0.999_999]) {
      const delay = restartDelay(policy, 1, () => draw);
      expect(delay).toBeGreaterThanOrEqual(800);
      expect(delay).toBeLessThanOrEqual(1_200);
    }
    expect(restartDelay(policy, 1, () => 0)).toBe(800);
  });
});

describe("strategies and intensity", () => {
  const kids = ["a", "b", "c", "d"];
  it("the restart group of each strategy", () => {
    expect(restartGroup("one_for_one", kids, "b")).toEqual(["b"]);
    expect(restartGroup("one_for_all", kids, "b")).toEqual(kids);
    expect(restartGroup("rest_for_one", kids, "b")).toEqual(["b", "c", "d"]);
  });

  it("admits `intensity` restarts per period and refuses one more", () => {
    const window = new RestartWindow();
    expect(window.admit(0, 2, 1_000)).toBe(true);
    expect(window.admit(10, 2, 1_000)).toBe(true);
    expect(window.admit(20, 2, 1_000)).toBe(false);
    const later = new RestartWindow();
    expect([0, 1_000, 2_000, 2_999].map((t) => later.admit(t, 1, 1_000))).toEqual([true, true, true, false]);
  });
});
