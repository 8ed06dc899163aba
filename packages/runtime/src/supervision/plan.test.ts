/**
 * Planning and validation: start order (dependencies, then meta.order, then id) and every way
 * a set of entries is refused before it runs.
 */
import { describe, expect, it } from "vitest";
import type { Entry } from "@wippy/shared";
import { planSupervision, type Plan } from "./plan";
import { processEntry, ROOT, service, supervisor } from "./test-support";

function planOrThrow(entries: Entry[]): Plan {
  const planned = planSupervision(entries);
  if (!planned.ok) throw new Error(planned.error.map((i) => i.message).join("; "));
  return planned.value;
}

const childIds = (plan: Plan, id: string): string[] => (plan.children.get(id) ?? []).map((c) => c.id);

function issuesOf(entries: Entry[]): [string, string][] {
  const planned = planSupervision(entries);
  return planned.ok ? [] : planned.error.map((i) => [i.code, i.message]);
}

describe("start order", () => {
  it("meta.order, then id; services without a supervisor hang under the root", () => {
    const plan = planOrThrow([
      supervisor("app:s", "one_for_one"),
      ...service("app:c", "worker", { parent: "app:s", order: 1 }),
      ...service("app:a", "worker", { parent: "app:s", order: 2 }),
      ...service("app:b", "worker", { parent: "app:s", order: 1 }),
      ...service("app:free", "worker"),
    ]);
    expect(childIds(plan, "app:s")).toEqual(["app:b", "app:c", "app:a"]);
    expect(childIds(plan, ROOT)).toEqual(["app:free", "app:s"]);
  });

  it("dependencies come first, even against meta.order", () => {
    const plan = planOrThrow([
      ...service("app:first", "worker", { order: 1, lifecycle: { requires: ["app:last"] } }),
      ...service("app:last", "worker", { order: 9 }),
      ...service("app:mid", "worker", { order: 5 }),
    ]);
    expect(childIds(plan, ROOT)).toEqual(["app:mid", "app:last", "app:first"]);
  });

  it("a dependency between subtrees orders the subtrees that contain them", () => {
    const plan = planOrThrow([
      supervisor("app:front", "one_for_one", { order: 1 }),
      supervisor("app:back", "one_for_one", { order: 2 }),
      supervisor("app:deep", "one_for_one", { parent: "app:back" }),
      ...service("app:web", "worker", { parent: "app:front", lifecycle: { requires: ["app:db"] } }),
      ...service("app:db", "worker", { parent: "app:deep" }),
    ]);
    expect(childIds(plan, ROOT)).toEqual(["app:back", "app:front"]);
  });

  it("reads lifecycle defaults: supervised children restart at once, root services after 1s", () => {
    const plan = planOrThrow([supervisor("app:s", "one_for_all"), ...service("app:in", "worker", { parent: "app:s" }), ...service("app:out", "worker")]);
    expect(plan.specs.get("app:in")?.lifecycle.restart.initialDelayMs).toBe(0);
    expect(plan.specs.get("app:out")?.lifecycle.restart.initialDelayMs).toBe(1_000);
    expect(plan.specs.get("app:s")).toMatchObject({ strategy: "one_for_all", intensity: 1, periodMs: 5_000 });
    expect(plan.specs.get("app:s")?.lifecycle.stopTimeoutMs).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("refused sets", () => {
  it("a service pointing at a missing process entry, or at an entry of another kind", () => {
    const [, svc] = service("app:svc", "worker");
    const wrongKind: Entry = { ...processEntry("app:fn", "worker"), kind: "function.lua" };
    expect(issuesOf([svc as Entry, wrongKind, { ...(svc as Entry), id: "app:svc2", data: { ...(svc as Entry).data, process: "app:fn" } }])).toEqual([
      ["missing_process", "app:svc: process app:svc_code does not exist"],
      ["missing_process", "app:svc2: process app:fn is a function.lua, not a process.lua"],
    ]);
  });

  it("a child whose supervisor is missing or is not a supervisor", () => {
    expect(issuesOf([...service("app:a", "worker", { parent: "app:gone" }), ...service("app:b", "worker", { parent: "app:a" })])).toEqual([
      ["missing_supervisor", "app:a: supervisor app:gone does not exist"],
      ["missing_supervisor", "app:b: meta.supervisor app:a is a process.service, not a process.supervisor"],
    ]);
  });

  it("a supervisor cycle", () => {
    const issues = planSupervision([supervisor("app:x", "one_for_one", { parent: "app:y" }), supervisor("app:y", "one_for_one", { parent: "app:x" })]);
    expect(issues.ok).toBe(false);
    if (issues.ok) return;
    expect(issues.error).toEqual([
      { code: "supervisor_cycle", entry: "app:x", ids: ["app:x", "app:y"], message: "app:x: supervisor cycle (supervisors placed under each other): app:x → app:y → app:x" },
    ]);
  });

  it("dependency cycles, a self-dependency, and a supervisor needing its own descendant", () => {
    expect(
      issuesOf([
        ...service("app:a", "worker", { lifecycle: { requires: ["app:b"] } }),
        ...service("app:b", "worker", { lifecycle: { depends_on: ["app:c"] } }),
        ...service("app:c", "worker", { lifecycle: { requires: ["app:a"] } }),
      ]),
    ).toEqual([["dependency_cycle", "app:a: dependency cycle app:a → app:b → app:c → app:a"]]);
    expect(issuesOf(service("app:me", "worker", { lifecycle: { requires: ["app:me"] } }))).toEqual([["dependency_cycle", "app:me: depends on itself"]]);
    expect(issuesOf([supervisor("app:s", "one_for_one", { lifecycle: { requires: ["app:kid"] } }), ...service("app:kid", "worker", { parent: "app:s" })])).toEqual([
      ["dependency_cycle", "app:kid: dependency cycle app:kid → app:s → app:kid"],
    ]);
  });

  it("invalid data, named by field", () => {
    expect(issuesOf([supervisor("app:s", "one_for_some")])).toEqual([
      ["invalid_entry", "app:s: strategy: must be one of one_for_one, one_for_all, rest_for_one"],
    ]);
    expect(issuesOf(service("app:svc", "worker", { lifecycle: { restart: { jitter: 2 } } }))).toEqual([
      ["invalid_entry", "app:svc: lifecycle.restart.jitter: must be between 0 and 1"],
    ]);
  });
});
