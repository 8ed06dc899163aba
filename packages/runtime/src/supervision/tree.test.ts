/**
 * The observable state: the live tree, change notices and the `supervisor` events.
 */
import { describe, expect, it } from "vitest";
import type { SupervisionChange } from "./core-env";
import { ERRORS, harness, ROOT, service, supervisor } from "./test-support";

function app() {
  const h = harness();
  h.apply([
    supervisor("app:workers", "rest_for_one", { intensity: 3, period: "10s" }),
    ...service("app:w1", "worker", { parent: "app:workers", order: 1 }),
    ...service("app:w2", "worker", { parent: "app:workers", order: 2 }),
    ...service("app:idle", "worker", { lifecycle: { auto_start: false } }),
  ]);
  return h;
}

describe("tree()", () => {
  it("shows every supervisor and child with pid, state, restarts, last exit and uptime", () => {
    const h = app();
    h.settle(1_500);
    const root = h.sup.tree();
    expect(root).toMatchObject({ id: ROOT, kind: "supervisor", state: "running", strategy: "one_for_one", uptimeMs: 1_500 });
    expect(h.kernel.info(root.pid as string).ok).toBe(true);
    expect(root.children.map((c) => [c.id, c.kind, c.state])).toEqual([
      ["app:idle", "service", "stopped"],
      ["app:workers", "supervisor", "running"],
    ]);
    const workers = h.node("app:workers");
    expect(workers).toMatchObject({ strategy: "rest_for_one", intensity: 3, periodMs: 10_000, restarts: 0, lastExit: null });
    if (workers.kind !== "supervisor") throw new Error("expected a supervisor node");
    expect(workers.children.map((c) => c.id)).toEqual(["app:w1", "app:w2"]);
    const w1 = h.node("app:w1");
    expect(w1).toMatchObject({ kind: "service", state: "running", restarts: 0, attempts: 0, uptimeMs: 1_500, restartType: "transient" });
    expect(h.kernel.info(w1.pid as string).ok).toBe(true);
  });

  it("records restarts and the last exit; uptime restarts with the run", () => {
    const h = app();
    h.settle(1_000);
    h.exit("app:w1", "error");
    h.settle(250);
    const w1 = h.node("app:w1");
    expect(w1).toMatchObject({ state: "running", restarts: 1, attempts: 1, uptimeMs: 250 });
    expect(w1.lastExit).toEqual({ at: h.clock.now() - 250, class: "error", error: ERRORS.error });
    expect(h.node("app:w2").restarts).toBe(1); // rest_for_one took it along
  });

  it("a supervisor that never ran lists its planned children as stopped", () => {
    const h = harness();
    h.apply([supervisor("app:off", "one_for_all", { lifecycle: { auto_start: false } }), ...service("app:x", "worker", { parent: "app:off" })]);
    const off = h.node("app:off");
    expect(off).toMatchObject({ state: "stopped", pid: null, strategy: "one_for_all" });
    expect(h.node("app:x")).toMatchObject({ state: "stopped", pid: null });
    expect(h.sup.start("app:off").ok).toBe(true);
    h.settle();
    expect(h.node("app:x").state).toBe("running");
  });
});

describe("subscribe()", () => {
  it("reports each state change until unsubscribed", () => {
    const h = app();
    const seen: SupervisionChange[] = [];
    const off = h.sup.subscribe((change) => seen.push(change));
    h.exit("app:w2", "error");
    h.settle();
    expect(seen.filter((c) => c.id === "app:w2").map((c) => c.state)).toEqual(["failed", "failed", "starting", "running"]);
    expect(seen.at(-1)).toMatchObject({ id: "app:w2", supervisor: "app:workers", state: "running", pid: h.pid("app:w2") });
    off();
    const count = seen.length;
    h.exit("app:w2", "error");
    h.settle();
    expect(seen).toHaveLength(count);
  });
});

describe("supervisor events", () => {
  it("publishes service.start / failed / restart / stop with the child's id as path", async () => {
    const h = app();
    const w2 = h.pid("app:w2");
    h.events.length = 0;
    h.exit("app:w2", "crash");
    h.settle();
    const next = h.pid("app:w2");
    expect(h.events).toEqual([
      { system: "supervisor", kind: "service.failed", path: "app:w2", data: { pid: w2, state: "failed", error: { kind: "", message: "worker crashed" } } },
      { system: "supervisor", kind: "service.restart", path: "app:w2", data: { delay_ms: 0, attempt: 2, cause: "app:w2" } },
      { system: "supervisor", kind: "service.start", path: "app:w2", data: { pid: next, restarts: 1 } },
    ]);
    h.events.length = 0;
    const stopped = h.sup.stopAll();
    h.settle();
    await stopped;
    expect(h.events.map((e) => `${e.kind} ${e.path}`)).toEqual(["service.stop app:w2", "service.stop app:w1", "service.stop app:workers"]);
  });
});
