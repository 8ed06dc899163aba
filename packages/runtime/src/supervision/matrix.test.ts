/**
 * Concept matrix: strategy × restart type × exit kind (as OTP's supervisor_SUITE).
 * Supervisor S (intensity high enough never to escalate) has children a, b, c in that order;
 * a and c are permanent, b has the restart type under test and ends the way under test.
 */
import { describe, expect, it } from "vitest";
import { RESTART_TYPES, type RestartType } from "../registry/lifecycle-schema";
import { SUPERVISOR_STRATEGIES, type SupervisorStrategy } from "../registry/kind-schemas";
import { ERRORS, EXIT_KINDS, harness, service, supervisor, type ExitKind } from "./test-support";

function restarts(type: RestartType, exit: ExitKind): boolean {
  if (exit === "fatal" || type === "temporary") return false;
  return type === "permanent" || exit !== "normal";
}

function stateAfter(type: RestartType, exit: ExitKind): string {
  if (restarts(type, exit)) return "running";
  return exit === "normal" ? "exited" : "terminal";
}

/** Which siblings get a new run when b restarts. */
const RESTARTED_SIBLINGS: Record<SupervisorStrategy, string[]> = {
  one_for_one: [],
  one_for_all: ["app:a", "app:c"],
  rest_for_one: ["app:c"],
};

function scenario(strategy: SupervisorStrategy, type: RestartType) {
  const h = harness();
  h.apply([
    supervisor("app:s", strategy, { intensity: 10 }),
    ...service("app:a", "worker", { parent: "app:s", order: 1, lifecycle: { restart_type: "permanent" } }),
    ...service("app:b", "worker", { parent: "app:s", order: 2, lifecycle: { restart_type: type } }),
    ...service("app:c", "worker", { parent: "app:s", order: 3, lifecycle: { restart_type: "permanent" } }),
  ]);
  return h;
}

describe("strategy × restart type × exit kind", () => {
  const cases = SUPERVISOR_STRATEGIES.flatMap((strategy) =>
    RESTART_TYPES.flatMap((type) => EXIT_KINDS.map((exit) => ({ strategy, type, exit, name: `${strategy} × ${type} × ${exit}` }))),
  );

  it.each(cases)("$name", ({ strategy, type, exit }) => {
    const h = scenario(strategy, type);
    const before = { a: h.pid("app:a"), b: h.pid("app:b"), c: h.pid("app:c") };
    h.exit("app:b", exit);
    h.settle();

    const b = h.node("app:b");
    expect(b.state).toBe(stateAfter(type, exit));
    expect(b.restarts).toBe(restarts(type, exit) ? 1 : 0);
    if (restarts(type, exit)) expect(b.pid).not.toBe(before.b);
    else expect(b.pid).toBeNull();
    expect(b.lastExit?.class).toBe(exit === "normal" ? "normal" : exit === "fatal" ? "fatal" : "error");
    if (exit === "fatal") expect(b.lastExit?.error).toEqual(ERRORS.fatal);

    const renewed = restarts(type, exit) ? RESTARTED_SIBLINGS[strategy] : [];
    for (const id of ["app:a", "app:c"] as const) {
      const node = h.node(id);
      expect(node.state).toBe("running");
      const old = id === "app:a" ? before.a : before.c;
      if (renewed.includes(id)) expect(node.pid, `${id} restarted`).not.toBe(old);
      else expect(node.pid, `${id} untouched`).toBe(old);
    }
    expect(h.node("app:s").pid).not.toBeNull();
    expect(h.node("app:s").restarts).toBe(0);
  });
});

describe("group restarts", () => {
  it("one_for_all stops a temporary sibling and does not restart it", () => {
    const h = harness();
    h.apply([
      supervisor("app:s", "one_for_all", { intensity: 10 }),
      ...service("app:a", "worker", { parent: "app:s", order: 1, lifecycle: { restart_type: "temporary" } }),
      ...service("app:b", "worker", { parent: "app:s", order: 2 }),
    ]);
    h.exit("app:b", "error");
    h.settle();
    expect(h.node("app:b").state).toBe("running");
    expect(h.node("app:a").state).toBe("stopped");
    expect(h.node("app:a").pid).toBeNull();
  });

  it("one_for_all stops siblings in reverse order and starts the group in order", () => {
    const h = harness();
    h.apply([
      supervisor("app:s", "one_for_all", { intensity: 10 }),
      ...["a", "b", "c", "d"].flatMap((n, i) => service(`app:${n}`, "worker", { parent: "app:s", order: i })),
    ]);
    h.log.length = 0;
    h.exit("app:b", "error");
    h.settle();
    expect(h.seen("cancel")).toEqual(["app:d", "app:c", "app:a"]);
    expect(h.seen("start")).toEqual(["app:a", "app:b", "app:c", "app:d"]);
  });

  it("a temporary child's error exit never restarts its siblings", () => {
    const h = harness();
    h.apply([
      supervisor("app:s", "one_for_all", { intensity: 10 }),
      ...service("app:a", "worker", { parent: "app:s", order: 1 }),
      ...service("app:t", "worker", { parent: "app:s", order: 2, lifecycle: { restart_type: "temporary" } }),
    ]);
    const a = h.pid("app:a");
    h.exit("app:t", "crash");
    h.settle();
    expect(h.node("app:t").state).toBe("terminal");
    expect(h.pid("app:a")).toBe(a);
  });

  it("children of a supervisor restart without delay unless initial_delay says otherwise", () => {
    const h = harness();
    h.apply([
      supervisor("app:s", "one_for_one", { intensity: 10 }),
      ...service("app:now", "worker", { parent: "app:s", order: 1 }),
      ...service("app:later", "worker", { parent: "app:s", order: 2, lifecycle: { restart: { initial_delay: "300ms" } } }),
    ]);
    h.exit("app:now", "error");
    h.exit("app:later", "error");
    h.settle();
    expect(h.node("app:now").state).toBe("running");
    expect(h.node("app:later").state).toBe("failed");
    expect(h.node("app:later").nextRestartAt).toBe(h.clock.now() + 300);
    h.settle(299);
    expect(h.node("app:later").state).toBe("failed");
    h.settle(1);
    expect(h.node("app:later").state).toBe("running");
  });
});
