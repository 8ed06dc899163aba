/**
 * Dependencies (`depends_on` / `requires`): start in dependency order, stop in reverse, wait
 * for dependencies to run, and refuse cycles.
 */
import { describe, expect, it } from "vitest";
import type { Entry } from "@wippy/shared";
import { harness, service, supervisor } from "./test-support";

const requires = (...ids: string[]) => ({ requires: ids });

describe("dependency order", () => {
  it("starts dependencies first and stops dependents first, whatever the ids say", async () => {
    const h = harness();
    h.apply([
      ...service("app:a", "worker", { lifecycle: requires("app:b") }),
      ...service("app:b", "worker", { lifecycle: { depends_on: ["app:c"] } }),
      ...service("app:c", "worker"),
    ]);
    expect(h.seen("start")).toEqual(["app:c", "app:b", "app:a"]);
    const stopped = h.sup.stopAll();
    h.settle();
    await stopped;
    expect(h.seen("cancel")).toEqual(["app:a", "app:b", "app:c"]);
  });

  it("a dependent waits in `starting` until its dependency runs", () => {
    const h = harness();
    h.apply([...service("app:db", "worker", { lifecycle: { auto_start: false } }), ...service("app:api", "worker", { lifecycle: requires("app:db") })]);
    expect(h.node("app:api")).toMatchObject({ state: "starting", pid: null });
    expect(h.node("app:db").state).toBe("stopped");

    expect(h.sup.start("app:db").ok).toBe(true);
    h.settle();
    expect(h.node("app:db").state).toBe("running");
    expect(h.node("app:api").state).toBe("running");
    expect(h.seen("start")).toEqual(["app:db", "app:api"]);
  });

  it("a dependency across subtrees orders the subtrees, so shutdown stops the dependent first", async () => {
    const h = harness();
    h.apply([
      supervisor("app:s1", "one_for_one", { order: 2 }),
      supervisor("app:s2", "one_for_one", { order: 1 }),
      ...service("app:x", "worker", { parent: "app:s1" }),
      ...service("app:y", "worker", { parent: "app:s2", lifecycle: requires("app:x") }),
    ]);
    const root = h.sup.tree();
    expect(root.children.map((c) => c.id)).toEqual(["app:s1", "app:s2"]);
    expect(h.seen("start")).toEqual(["app:x", "app:y"]);
    const stopped = h.sup.stopAll();
    h.settle();
    await stopped;
    expect(h.seen("cancel")).toEqual(["app:y", "app:x"]);
  });

  it("a dependency on an entry supervision does not run (a host, a database) is satisfied", () => {
    const h = harness();
    const host: Entry = { id: "app:processes", kind: "process.host", meta: {}, data: {} };
    h.apply([host, ...service("app:svc", "worker", { lifecycle: requires("app:processes") })]);
    expect(h.node("app:svc").state).toBe("running");
  });
});

describe("dependency errors", () => {
  it("a cycle is refused with the entries named, and the running tree is left alone", () => {
    const h = harness();
    const good = [...service("app:a", "worker"), ...service("app:b", "worker")];
    h.apply(good);
    const pids = [h.pid("app:a"), h.pid("app:b")];
    const result = h.sup.reconcile([
      ...service("app:a", "worker", { lifecycle: requires("app:b") }),
      ...service("app:b", "worker", { lifecycle: requires("app:a") }),
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toEqual([
      { code: "dependency_cycle", entry: "app:a", ids: ["app:a", "app:b"], message: "app:a: dependency cycle app:a → app:b → app:a" },
    ]);
    h.settle();
    expect([h.pid("app:a"), h.pid("app:b")]).toEqual(pids);
    expect(h.sup.tree().children.map((c) => c.id)).toEqual(["app:a", "app:b"]);
  });

  it("a dependency on a missing entry is refused", () => {
    const h = harness();
    const issues = h.sup.validate(service("app:a", "worker", { lifecycle: requires("app:ghost") }));
    expect(issues.map((i) => [i.code, i.message])).toEqual([["missing_dependency", "app:a: depends on app:ghost, which does not exist"]]);
  });
});
