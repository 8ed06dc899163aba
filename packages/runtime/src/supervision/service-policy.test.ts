/**
 * Wippy service semantics under the root supervisor: backoff, jitter, max_attempts,
 * stable_threshold, non-retryable → terminal, start_timeout.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_RESTART_POLICY } from "./terms";
import { EPOCH, harness, service } from "./test-support";

/** Times (relative to the first) at which `id` started, from the body log. */
function startTimes(log: readonly string[], id: string): number[] {
  const times = log.filter((l) => l.startsWith(`start:${id}@`)).map((l) => Number(l.split("@")[1]));
  return times.map((t) => t - (times[0] ?? 0));
}

describe("restart backoff", () => {
  it("waits initial_delay × backoff_factor^n, capped at max_delay", () => {
    const h = harness();
    h.apply(service("app:flaky", "crasher", { lifecycle: { restart: { initial_delay: "1s", backoff_factor: 2, max_delay: "5s", jitter: 0 } } }));
    h.settle(30_000);
    const times = startTimes(h.log, "app:flaky");
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    expect(gaps.slice(0, 6)).toEqual([1_000, 2_000, 4_000, 5_000, 5_000, 5_000]);
    expect(h.node("app:flaky").attempts).toBe(times.length);
  });

  it("root services use Wippy's defaults: 1s, 2s, 4s …", () => {
    const h = harness();
    h.apply(service("app:flaky", "crasher"));
    h.settle(7_000);
    expect(startTimes(h.log, "app:flaky")).toEqual([0, 1_000, 3_000, 7_000]);
    expect(DEFAULT_RESTART_POLICY.maxDelayMs).toBe(90_000);
  });

  it("jitter spreads each delay within ±jitter of itself", () => {
    const draws = [0, 0.999_999, 0.5, 0.25];
    let next = 0;
    const h = harness({ random: () => draws[next++ % draws.length] as number });
    h.apply(service("app:flaky", "crasher", { lifecycle: { restart: { initial_delay: "1s", backoff_factor: 1, jitter: 0.1 } } }));
    h.settle(4_500);
    const times = startTimes(h.log, "app:flaky");
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    expect(gaps[0]).toBe(900); // the lowest draw: −10%
    expect(gaps[1]).toBeCloseTo(1_100, 0); // the highest: +10%
    expect(gaps[2]).toBe(1_000);
    expect(gaps[3]).toBeCloseTo(950, 6);
  });

  it("jitter with a real random source stays within bounds", () => {
    const h = harness({ random: Math.random });
    h.apply(service("app:flaky", "crasher", { lifecycle: { restart: { initial_delay: "100ms", backoff_factor: 1, jitter: 0.5 } } }));
    h.settle(20_000);
    const times = startTimes(h.log, "app:flaky");
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    expect(gaps.length).toBeGreaterThan(100);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(50);
      expect(gap).toBeLessThanOrEqual(150);
    }
    expect(new Set(gaps).size).toBeGreaterThan(10);
  });
});

describe("attempts and stability", () => {
  it("max_attempts counts runs, the first included, then the service is terminal", () => {
    const h = harness();
    h.apply(service("app:flaky", "crasher", { lifecycle: { restart: { initial_delay: "10ms", max_attempts: 3 } } }));
    h.settle(10_000);
    expect(startTimes(h.log, "app:flaky")).toHaveLength(3);
    const node = h.node("app:flaky");
    expect(node.state).toBe("terminal");
    expect(node.restarts).toBe(2);
    expect(h.events.at(-1)).toMatchObject({ kind: "service.failed", path: "app:flaky", data: { state: "terminal", why: "attempts" } });
  });

  it("a run that lasted stable_threshold starts a new streak: the delay is initial_delay again", () => {
    const h = harness();
    h.apply([
      // Fails 3s after each start; stable after 5s → never stable, delays grow.
      ...service("app:slow", "crasher", { input: [3_000], lifecycle: { restart: { initial_delay: "1s" } } }),
      // Fails 6s after each start → every run starts a new streak, so 2 attempts are never used up.
      ...service("app:stable", "crasher", { input: [6_000], lifecycle: { restart: { initial_delay: "1s", max_attempts: 2 } } }),
    ]);
    h.settle(40_000);
    const slow = startTimes(h.log, "app:slow");
    expect(slow.slice(1, 4).map((t, i) => t - (slow[i] as number))).toEqual([4_000, 5_000, 7_000]);
    const stable = startTimes(h.log, "app:stable");
    expect(stable.slice(1, 5).map((t, i) => t - (stable[i] as number))).toEqual([7_000, 7_000, 7_000, 7_000]);
    expect(h.node("app:stable").state).not.toBe("terminal"); // max_attempts 2 never reached
    expect(h.node("app:stable").attempts).toBe(1);
  });

  it("a non-retryable error is terminal at once", () => {
    const h = harness();
    h.apply(service("app:svc", "worker", { lifecycle: { restart: { initial_delay: "0s" } } }));
    h.exit("app:svc", "fatal");
    h.settle(60_000);
    expect(h.node("app:svc").state).toBe("terminal");
    expect(h.node("app:svc").restarts).toBe(0);
    expect(h.eventsOf("app:svc")).toEqual(["service.start", "service.failed"]);
  });

  it("a normal return is exited, not restarted", () => {
    const h = harness();
    h.apply(service("app:svc", "worker"));
    h.exit("app:svc", "normal");
    h.settle(60_000);
    expect(h.node("app:svc").state).toBe("exited");
    expect(h.eventsOf("app:svc")).toEqual(["service.start", "service.stop"]);
  });
});

describe("start_timeout", () => {
  it("a run whose body is not built in time is terminated and retried as a Timeout", () => {
    const h = harness();
    unwrapOk(h.sup.reconcile(service("app:svc", "worker", { lifecycle: { start_timeout: "500ms", restart: { initial_delay: "1s" } } })));
    h.kernel.runSlice(1); // the root's first turn: it spawns the service, which has not run yet
    expect(h.node("app:svc").state).toBe("starting");
    h.clock.advance(500); // a congested host: the service never got its first turn
    h.settle();
    const node = h.node("app:svc");
    expect(node.state).toBe("failed");
    expect(node.lastExit?.error).toMatchObject({ kind: "Timeout", retryable: true });
    expect(node.nextRestartAt).toBe(EPOCH + 500 + 1_000);
    h.settle(1_000);
    expect(h.node("app:svc").state).toBe("running");
  });

  it("a run that starts in time keeps running past start_timeout", () => {
    const h = harness();
    h.apply(service("app:svc", "worker", { lifecycle: { start_timeout: "500ms" } }));
    const pid = h.pid("app:svc");
    h.settle(10_000);
    expect(h.pid("app:svc")).toBe(pid);
  });
});

function unwrapOk(result: { ok: boolean }): void {
  expect(result.ok).toBe(true);
}
