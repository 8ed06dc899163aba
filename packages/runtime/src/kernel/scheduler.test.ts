/** Scheduling: states, preemption by budget, fairness, workers, queue backpressure. */
import { describe, expect, it } from "vitest";
import { ok } from "./errors";
import { generatorBehaviour, receive, work, type Body } from "./generator-behaviour";
import { Kernel } from "./kernel";
import type { Pid } from "./pid";
import type { ProcessState } from "./process";
import { SimulatedClock } from "./simulated-clock";
import { HOST, idle, setup, unwrap } from "./test-support";

/** Spins forever, one loop per `units` of work; counts loops. */
function spinner(counter: { n: number }, units: number): Body {
  return function* () {
    for (;;) {
      counter.n++;
      yield* work(units);
    }
  };
}

describe("process states", () => {
  it("ready_running_waiting_exited", () => {
    const t = setup();
    const seenInside: ProcessState[] = [];
    const pid = t.spawn(function* (ctx) {
      seenInside.push(unwrap(t.kernel.info(ctx.pid)).state);
      yield* receive(ctx.inbox());
      return ok(null);
    });
    expect(unwrap(t.kernel.info(pid)).state).toBe("ready");
    t.settle();
    expect(seenInside).toEqual(["running"]);
    expect(unwrap(t.kernel.info(pid)).state).toBe("waiting");
    unwrap(t.kernel.send(pid, "go"));
    expect(unwrap(t.kernel.info(pid)).state).toBe("ready");
    t.settle();
    expect(t.kernel.info(pid)).toMatchObject({ ok: false, error: { kind: "NotFound" } });
    expect(t.exits.get(pid)).toEqual({ kind: "normal", value: null });
  });

  it("pids_are_unique_stable_and_name_their_host", () => {
    const t = setup();
    const seen: Pid[] = [];
    const pids = Array.from({ length: 3 }, () =>
      t.spawn(function* (ctx) {
        seen.push(ctx.pid);
        return ok(null);
      }),
    );
    t.settle();
    expect(new Set(pids).size).toBe(3);
    expect(seen).toEqual(pids);
    expect(pids[0]).toMatch(/^\{app:processes\|0x[0-9a-f]{5,}\}$/);
  });

  it("a_throw_out_of_a_body_is_a_crash_exit", () => {
    const t = setup();
    const pid = t.spawn(function* () {
      throw new TypeError("oops");
    });
    t.settle();
    expect(t.exits.get(pid)).toMatchObject({ kind: "crash", error: { kind: "", message: "oops" } });
  });

  it("spawn_on_an_unknown_host_is_not_found", () => {
    const t = setup();
    expect(t.kernel.spawn({ host: "app:nope", behaviour: generatorBehaviour(idle) })).toMatchObject({ ok: false, error: { kind: "NotFound" } });
  });
});

describe("preemption and fairness", () => {
  it("a_spinning_process_is_preempted_after_its_budget", () => {
    const t = setup({ budget: 100 });
    const counter = { n: 0 };
    const pid = t.spawn(spinner(counter, 10));
    expect(t.kernel.runSlice(1)).toBe(1);
    // 11 units per loop (10 of work + 1 per step): the 10th loop crosses 100
    expect(counter.n).toBe(10);
    expect(unwrap(t.kernel.info(pid))).toMatchObject({ state: "ready", reductions: 110 });
    expect(t.kernel.hasWork()).toBe(true);
  });

  it("a_spinning_process_does_not_starve_a_ping_pong_pair", () => {
    const t = setup({ budget: 50, workers: 1 });
    const counter = { n: 0 };
    t.spawn(spinner(counter, 5));
    let rounds = 0;
    const pong = t.spawn(function* (ctx) {
      for (;;) {
        const { value } = yield* receive(ctx.inbox());
        if (value === undefined) return ok(null);
        unwrap(ctx.send(value.from, "pong"));
      }
    });
    t.spawn(function* (ctx) {
      for (let i = 0; i < 100; i++) {
        unwrap(ctx.send(pong, "ping"));
        yield* receive(ctx.inbox());
        rounds++;
      }
      return ok(null);
    });
    // 100 round trips need 200 turns of the pair; round-robin gives the spinner one turn
    // between any two of them, so 400 turns (plus the first few) must be enough.
    t.kernel.runSlice(410);
    expect(rounds).toBe(100);
    expect(counter.n).toBeGreaterThan(0);
  });

  it("workers_weight_turns_between_hosts", () => {
    const clock = new SimulatedClock();
    const kernel = new Kernel({ clock });
    unwrap(kernel.hosts.add("fast", { workers: 3, budget: 10 }));
    unwrap(kernel.hosts.add("slow", { workers: 1, budget: 10 }));
    const fast = { n: 0 };
    const slow = { n: 0 };
    for (let i = 0; i < 2; i++) {
      unwrap(kernel.spawn({ host: "fast", behaviour: generatorBehaviour(spinner(fast, 10)) }));
      unwrap(kernel.spawn({ host: "slow", behaviour: generatorBehaviour(spinner(slow, 10)) }));
    }
    kernel.runSlice(400);
    expect(fast.n + slow.n).toBe(400);
    expect(fast.n / slow.n).toBe(3);
    unwrap(kernel.hosts.configure("slow", { workers: 3 }));
    fast.n = slow.n = 0;
    kernel.runSlice(600);
    expect(fast.n).toBe(slow.n);
  });

  it("a_full_run_queue_makes_the_spawner_yield", () => {
    const t = setup({ queueSize: 4, workers: 1 });
    const log: string[] = [];
    t.spawn(function* (ctx) {
      for (let i = 0; i < 6; i++) {
        log.push(`spawn ${i}`);
        const n = i;
        unwrap(
          ctx.spawn({
            host: HOST,
            behaviour: generatorBehaviour(function* () {
              log.push(`ran ${n}`);
              return ok(null);
            }),
          }),
        );
        yield* work(0);
      }
      return ok(null);
    });
    t.settle();
    expect(log.slice(0, 8)).toEqual(["spawn 0", "spawn 1", "spawn 2", "spawn 3", "ran 0", "ran 1", "ran 2", "ran 3"]);
    expect(log).toHaveLength(12);
  });

  it("host_config_is_validated", () => {
    const t = setup();
    expect(t.kernel.hosts.add("x", { workers: 0 })).toMatchObject({ ok: false, error: { kind: "Invalid" } });
    expect(t.kernel.hosts.add(HOST)).toMatchObject({ ok: false, error: { kind: "AlreadyExists" } });
    expect(t.kernel.hosts.configure(HOST, { budget: 1.5 })).toMatchObject({ ok: false, error: { kind: "Invalid" } });
    expect(t.kernel.hosts.configure("nope", {})).toMatchObject({ ok: false, error: { kind: "NotFound" } });
  });

  it("removing_a_host_shuts_its_processes_down", () => {
    const t = setup();
    const pid = t.spawn(idle);
    t.settle();
    expect(unwrap(t.kernel.hosts.info(HOST))).toMatchObject({ live: 1, queued: 0, workers: 4, queueSize: 1024, budget: 2000 });
    unwrap(t.kernel.hosts.remove(HOST));
    expect(t.kernel.hosts.info(HOST).ok).toBe(false);
    expect(t.exits.get(pid)).toEqual({ kind: "shutdown", host: HOST });
    expect(t.kernel.processCount).toBe(0);
  });
});

describe("preempted bodies lose nothing", () => {
  it("with_a_budget_of_one_every_step_is_preempted_and_values_still_arrive_in_order", () => {
    const t = setup({ budget: 1 });
    const got: unknown[] = [];
    const pid = t.spawn(function* (ctx) {
      for (let i = 0; i < 10; i++) {
        const { value } = yield* receive(ctx.inbox());
        got.push(value?.payloads[0]);
      }
      return ok(null);
    });
    for (let i = 0; i < 10; i++) unwrap(t.kernel.send(pid, "n", [i]));
    const turns = t.kernel.runUntilIdle();
    expect(got).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(turns).toBeGreaterThanOrEqual(10);
  });
});

describe("mass spawn", () => {
  it("spawns_and_runs_100k_trivial_processes_cheaply", () => {
    const t = setup({ queueSize: 1_000_000 });
    const started = performance.now();
    for (let i = 0; i < 100_000; i++) {
      unwrap(t.kernel.spawn({ host: HOST, behaviour: () => ({ resume: () => ({ kind: "exit", reason: { kind: "normal", value: i } }) }) }));
    }
    expect(t.kernel.processCount).toBe(100_000);
    expect(t.kernel.runUntilIdle()).toBe(100_000);
    expect(t.kernel.processCount).toBe(0);
    // ~0.25 s on a laptop; the bound only catches an accidental O(n²).
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
