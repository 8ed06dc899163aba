/**
 * Restart intensity: more than `intensity` restarts within `period` → the supervisor stops its
 * children and fails to its parent, which applies its own strategy — up a nested tree.
 * Tree: root → app:top → app:mid → {app:leaf, app:sibling}.
 */
import { describe, expect, it } from "vitest";
import { harness, ROOT, service, supervisor } from "./test-support";

function tree(topIntensity: number, midIntensity = 1) {
  const h = harness();
  h.apply([
    supervisor("app:top", "one_for_one", { intensity: topIntensity, period: "5s" }),
    supervisor("app:mid", "one_for_one", { parent: "app:top", intensity: midIntensity, period: "5s" }),
    ...service("app:leaf", "worker", { parent: "app:mid", order: 1 }),
    ...service("app:sibling", "worker", { parent: "app:mid", order: 2 }),
  ]);
  return h;
}

describe("restart intensity", () => {
  it("restarts within the limit keep the supervisor", () => {
    const h = tree(5);
    const mid = h.pid("app:mid");
    h.exit("app:leaf", "crash");
    h.settle();
    expect(h.node("app:leaf").restarts).toBe(1);
    expect(h.pid("app:mid")).toBe(mid);
  });

  it("restarts spread wider than the period never escalate", () => {
    const h = tree(5);
    const mid = h.pid("app:mid");
    for (let i = 0; i < 4; i++) {
      h.exit("app:leaf", "error");
      h.settle(5_000);
    }
    expect(h.node("app:leaf").restarts).toBe(4);
    expect(h.pid("app:mid")).toBe(mid);
  });

  it("one restart too many: the supervisor stops its children and its parent restarts it", () => {
    const h = tree(5);
    const mid = h.pid("app:mid");
    const sibling = h.pid("app:sibling");
    h.exit("app:leaf", "crash");
    h.settle(100);
    h.log.length = 0;
    h.exit("app:leaf", "crash");
    h.settle();

    expect(h.seen("cancel")).toEqual(["app:sibling"]);
    const midNode = h.node("app:mid");
    expect(midNode.restarts).toBe(1);
    expect(midNode.state).toBe("running");
    expect(midNode.pid).not.toBe(mid);
    expect(midNode.lastExit?.error?.message).toMatch(/app:mid: more than 1 restarts in 5000ms \(last: app:leaf\)/);
    expect(h.pid("app:sibling")).not.toBe(sibling);
    expect(h.node("app:leaf").restarts).toBe(0); // a fresh supervisor, fresh records
    expect(h.eventsOf("app:mid")).toEqual(["service.start", "service.failed", "service.restart", "service.start"]);
    expect(h.node("app:top").restarts).toBe(0);
  });

  it("escalation climbs: the parent's intensity exceeded too, the root restarts it after its backoff", () => {
    const h = tree(1);
    const top = h.pid("app:top");
    for (let round = 0; round < 2; round++) {
      h.exit("app:leaf", "error");
      h.settle();
      h.exit("app:leaf", "error");
      h.settle();
    }
    const topNode = h.node("app:top");
    expect(topNode.state).toBe("failed");
    expect(topNode.pid).toBeNull();
    expect(topNode.nextRestartAt).toBe(h.clock.now() + 1_000); // a root child: Wippy's initial_delay
    expect(topNode.lastExit?.error?.message).toMatch(/app:top: more than 1 restarts/);
    expect(h.node(ROOT).state).toBe("running");

    h.settle(1_000);
    expect(h.node("app:top").state).toBe("running");
    expect(h.pid("app:top")).not.toBe(top);
    expect(h.node("app:leaf").state).toBe("running");
    expect(h.node("app:sibling").state).toBe("running");
  });

  it("intensity 0 allows no restart at all", () => {
    const h = tree(5, 0);
    const mid = h.pid("app:mid");
    h.exit("app:leaf", "error");
    h.settle();
    expect(h.node("app:mid").restarts).toBe(1);
    expect(h.pid("app:mid")).not.toBe(mid);
  });

  it("the supervisor process's own death is an error its parent restarts", () => {
    const h = tree(5);
    const leaf = h.pid("app:leaf");
    h.exit("app:mid", "terminate");
    h.settle();
    expect(h.kernel.info(leaf).ok).toBe(false); // killed through its link
    expect(h.node("app:mid").restarts).toBe(1);
    expect(h.node("app:leaf").state).toBe("running");
  });
});

describe("the root", () => {
  it("killed from outside: everything under it dies, service.failed is published, nothing restarts", () => {
    const h = tree(5);
    const leaf = h.pid("app:leaf");
    h.exit(ROOT, "terminate");
    h.settle(60_000);
    expect(h.kernel.processCount).toBe(0);
    expect(h.kernel.info(leaf).ok).toBe(false);
    expect(h.sup.tree()).toMatchObject({ state: "terminal", pid: null });
    expect(h.events.filter((e) => e.path === ROOT)).toMatchObject([{ kind: "service.failed", data: { state: "terminal", error: { kind: "Canceled" } } }]);
    // app:top traps links, so it heard of its parent's death and stopped its subtree in order.
    expect(h.seen("cancel")).toEqual(["app:sibling", "app:leaf"]);
  });
});
