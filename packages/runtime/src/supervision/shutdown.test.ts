/**
 * Shutdown: children are cancelled ("service stopping") one at a time in reverse start order,
 * each given `stop_timeout` and then terminated; operator stop / start / restart.
 */
import { describe, expect, it } from "vitest";
import { EPOCH, harness, ROOT, service, supervisor } from "./test-support";

describe("stopAll", () => {
  it("cancels children in reverse start order, one after another, with the stop reason", async () => {
    const h = harness();
    h.apply(["a", "b", "c"].flatMap((n, i) => service(`app:${n}`, "slow_stop", { order: i, input: [100] })));
    let done = false;
    const stopped = h.sup.stopAll().then(() => (done = true));
    h.settle(1_000);
    await stopped;
    expect(done).toBe(true);
    expect(h.log.filter((l) => l.startsWith("cancel:"))).toEqual([
      `cancel:app:c@${EPOCH}:service stopping`,
      `cancel:app:b@${EPOCH + 100}:service stopping`,
      `cancel:app:a@${EPOCH + 200}:service stopping`,
    ]);
    for (const id of ["app:a", "app:b", "app:c"]) expect(h.node(id)).toMatchObject({ state: "stopped", pid: null });
    expect(h.node(ROOT)).toMatchObject({ state: "stopped", pid: null });
    expect(h.events.filter((e) => e.kind === "service.stop").map((e) => e.path)).toEqual(["app:c", "app:b", "app:a"]);
    expect(h.kernel.processCount).toBe(0);
  });

  it("a child that ignores CANCEL is terminated after stop_timeout, then the next one is cancelled", async () => {
    const h = harness();
    h.apply([...service("app:a", "worker", { order: 1 }), ...service("app:deaf", "stubborn", { order: 2, lifecycle: { stop_timeout: "2s" } })]);
    const deaf = h.pid("app:deaf");
    const stopped = h.sup.stopAll();
    h.settle(1_999);
    expect(h.node("app:deaf").state).toBe("stopping");
    expect(h.kernel.info(deaf).ok).toBe(true);
    expect(h.seen("cancel")).toEqual([]);
    h.settle(1);
    await stopped;
    expect(h.kernel.info(deaf).ok).toBe(false);
    expect(h.node("app:deaf").state).toBe("stopped");
    expect(h.node("app:deaf").lastExit?.error?.message).toBe("process terminated");
    expect(h.log.filter((l) => l.startsWith("cancel:"))).toEqual([`cancel:app:a@${EPOCH + 2_000}:service stopping`]);
  });

  it("stops a nested tree depth first, each level in reverse order", async () => {
    const h = harness();
    h.apply([
      supervisor("app:s", "one_for_one", { order: 1 }),
      ...service("app:s1", "worker", { parent: "app:s", order: 1 }),
      ...service("app:s2", "worker", { parent: "app:s", order: 2 }),
      ...service("app:z", "worker", { order: 2 }),
    ]);
    // Siblings start without waiting for each other (only dependencies make a child wait).
    expect(h.seen("start")).toEqual(["app:z", "app:s1", "app:s2"]);
    const stopped = h.sup.stopAll();
    h.settle();
    await stopped;
    expect(h.seen("cancel")).toEqual(["app:z", "app:s2", "app:s1"]);
    expect(h.node("app:s").state).toBe("stopped");
    expect(h.kernel.processCount).toBe(0);
  });

  it("after stopAll, a reconcile keeps the plan but starts nothing", async () => {
    const h = harness();
    h.apply(service("app:a", "worker"));
    const stopped = h.sup.stopAll();
    h.settle();
    await stopped;
    expect(h.sup.reconcile([...service("app:a", "worker"), ...service("app:b", "worker")]).ok).toBe(true);
    h.settle();
    expect(h.kernel.processCount).toBe(0);
    expect(h.node(ROOT).state).toBe("stopped");
  });
});

describe("operator commands", () => {
  it("stop cancels one child and it stays stopped, even if permanent; start runs it again", () => {
    const h = harness();
    h.apply([supervisor("app:s", "one_for_all"), ...service("app:a", "worker", { parent: "app:s", lifecycle: { restart_type: "permanent" } })]);
    expect(h.sup.stop("app:a").ok).toBe(true);
    h.settle(10_000);
    expect(h.node("app:a")).toMatchObject({ state: "stopped", pid: null, restarts: 0 });
    expect(h.sup.start("app:a").ok).toBe(true);
    h.settle();
    expect(h.node("app:a").state).toBe("running");
  });

  it("restart stops and starts a child with a new pid; unknown ids are NotFound", () => {
    const h = harness();
    h.apply([...service("app:a", "worker"), ...service("app:b", "worker")]);
    const [a, b] = [h.pid("app:a"), h.pid("app:b")];
    expect(h.sup.restart("app:a").ok).toBe(true);
    h.settle();
    expect(h.pid("app:a")).not.toBe(a);
    expect(h.pid("app:b")).toBe(b);
    const missing = h.sup.stop("app:nope");
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.kind).toBe("NotFound");
  });
});
