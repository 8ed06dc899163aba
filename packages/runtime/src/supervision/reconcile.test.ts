/**
 * Hot-apply: `reconcile(entries)` applies the difference to the running tree — added, deleted,
 * changed (by `on_change`), unchanged — and refuses a set that cannot run.
 */
import { describe, expect, it, vi } from "vitest";
import type { Entry, JsonObject } from "@wippy/shared";
import { ok, wippyError, fail, type Pid } from "../kernel";
import { harness, processEntry, service, supervisor } from "./test-support";

const base = (): Entry[] => [
  supervisor("app:s", "one_for_one", { intensity: 5 }),
  ...service("app:a", "worker", { parent: "app:s", order: 1 }),
  ...service("app:b", "worker", { parent: "app:s", order: 2 }),
  ...service("app:top", "worker"),
];

/** `entries` with `id`'s data (or meta) merged with `patch`. */
function edit(entries: Entry[], id: string, patch: { data?: JsonObject; meta?: JsonObject }): Entry[] {
  return entries.map((e) => (e.id === id ? { ...e, data: { ...e.data, ...patch.data }, meta: { ...e.meta, ...patch.meta } } : e));
}

function pidsOf(h: ReturnType<typeof harness>, ids: string[]): Record<string, Pid | null> {
  return Object.fromEntries(ids.map((id) => [id, h.node(id).pid]));
}

describe("reconcile", () => {
  it("no change: every pid stays, nothing is published", () => {
    const h = harness();
    h.apply(base());
    const before = pidsOf(h, ["app:s", "app:a", "app:b", "app:top"]);
    const published = h.events.length;
    const report = h.sup.reconcile(base());
    h.settle();
    expect(report).toEqual({ ok: true, value: { added: [], removed: [], changed: [] } });
    expect(pidsOf(h, ["app:s", "app:a", "app:b", "app:top"])).toEqual(before);
    expect(h.events).toHaveLength(published);
  });

  it("added entries start if auto_start; the others are only planned", () => {
    const h = harness();
    h.apply(base());
    const before = pidsOf(h, ["app:a", "app:b"]);
    const next = [...base(), ...service("app:c", "worker", { parent: "app:s", order: 3 }), ...service("app:lazy", "worker", { lifecycle: { auto_start: false } })];
    const report = h.sup.reconcile(next);
    h.settle();
    expect(report.ok && report.value.added).toEqual(["app:c", "app:lazy"]);
    expect(h.node("app:c").state).toBe("running");
    expect(h.node("app:lazy").state).toBe("stopped");
    expect(pidsOf(h, ["app:a", "app:b"])).toEqual(before);
  });

  it("deleted entries are stopped and leave the tree; their siblings keep their pids", () => {
    const h = harness();
    h.apply(base());
    const a = h.pid("app:a");
    const b = h.pid("app:b");
    h.sup.reconcile(base().filter((e) => e.id !== "app:b"));
    h.settle();
    expect(h.kernel.info(b).ok).toBe(false);
    expect(h.seen("cancel")).toEqual(["app:b"]);
    expect(() => h.node("app:b")).toThrow(/not in the tree/);
    expect(h.pid("app:a")).toBe(a);
    expect(h.eventsOf("app:b").at(-1)).toBe("service.stop");
  });

  it("changed with on_change restart (the default): stopped, then started with the new config", () => {
    const h = harness();
    h.apply(base());
    const before = pidsOf(h, ["app:a", "app:b", "app:top"]);
    const report = h.sup.reconcile(edit(base(), "app:b", { data: { input: ["v2"] } }));
    h.settle();
    expect(report.ok && report.value.changed).toEqual(["app:b"]);
    expect(h.pid("app:b")).not.toBe(before["app:b"]);
    expect(h.seen("cancel")).toEqual(["app:b"]);
    expect(h.node("app:b").restarts).toBe(0); // a change is not a failure
    expect(pidsOf(h, ["app:a", "app:top"])).toEqual({ "app:a": before["app:a"], "app:top": before["app:top"] });
  });

  it("a change of the code a service runs (its process entry) restarts it", () => {
    const h = harness();
    h.apply(base());
    const b = h.pid("app:b");
    h.apply(base().map((e) => (e.id === "app:b_code" ? { ...processEntry("app:b_code", "worker"), data: { ...e.data, source: "-- v2" } } : e)));
    expect(h.pid("app:b")).not.toBe(b);
  });

  it("on_change none: the process is left alone; the new config is kept for later runs", () => {
    const h = harness();
    h.apply(edit(base(), "app:b", { data: { lifecycle: { auto_start: true, on_change: "none" } } }));
    const b = h.pid("app:b");
    h.apply(edit(base(), "app:b", { data: { lifecycle: { auto_start: true, on_change: "none", restart_type: "temporary" } } }));
    expect(h.pid("app:b")).toBe(b);
    expect(h.node("app:b").restartType).toBe("temporary");
  });

  it("on_change upgrade: calls upgrade(pid, entry) and keeps the pid; a refused upgrade restarts", () => {
    const upgrade = vi.fn((_pid: Pid, entry: Entry) => (entry.data["input"] === undefined ? fail(wippyError("Invalid", "not upgradable")) : ok(true as const)));
    const h = harness({ upgrade });
    const upgradable = (data: JsonObject) => edit(base(), "app:b", { data: { lifecycle: { auto_start: true, on_change: "upgrade" }, ...data } });
    h.apply(upgradable({ input: ["v1"] }));
    expect(upgrade).not.toHaveBeenCalled();
    const b = h.pid("app:b");
    h.apply(upgradable({ input: ["v2"] }));
    expect(upgrade).toHaveBeenCalledTimes(1);
    expect(upgrade.mock.calls[0]?.[0]).toBe(b);
    expect(upgrade.mock.calls[0]?.[1].data["input"]).toEqual(["v2"]);
    expect(h.pid("app:b")).toBe(b);

    h.apply(upgradable({})); // no input: this upgrade hook refuses
    expect(upgrade).toHaveBeenCalledTimes(2);
    expect(h.pid("app:b")).not.toBe(b);
  });

  it("a supervisor's strategy change applies in place: no child restarts now, the new strategy on the next failure", () => {
    const h = harness();
    h.apply(base());
    const before = pidsOf(h, ["app:s", "app:a", "app:b"]);
    h.apply(edit(base(), "app:s", { data: { strategy: "one_for_all" } }));
    expect(pidsOf(h, ["app:s", "app:a", "app:b"])).toEqual(before);
    expect(h.node("app:s")).toMatchObject({ strategy: "one_for_all" });
    h.exit("app:b", "error");
    h.settle();
    expect(h.pid("app:a")).not.toBe(before["app:a"]);
  });

  it("a supervisor changed between its spawn and its first turn starts with the new config", () => {
    const h = harness();
    expect(h.sup.reconcile(base()).ok).toBe(true);
    h.kernel.runSlice(1); // the root's first turn spawns app:s, which has not run yet
    expect(h.sup.reconcile(edit(base(), "app:s", { data: { strategy: "one_for_all" } })).ok).toBe(true);
    h.settle();
    const a = h.pid("app:a");
    h.exit("app:b", "error");
    h.settle();
    expect(h.pid("app:a")).not.toBe(a);
  });

  it("on_change: restart written on a supervisor restarts its subtree", () => {
    const h = harness();
    const explicit = (strategy: string) => edit(base(), "app:s", { data: { strategy, lifecycle: { auto_start: true, on_change: "restart" } } });
    h.apply(explicit("one_for_one"));
    const before = pidsOf(h, ["app:s", "app:a", "app:top"]);
    h.apply(explicit("rest_for_one"));
    expect(h.pid("app:s")).not.toBe(before["app:s"]);
    expect(h.pid("app:a")).not.toBe(before["app:a"]);
    expect(h.pid("app:top")).toBe(before["app:top"]);
  });

  it("reordering children moves them in the tree without a restart", () => {
    const h = harness();
    h.apply(base());
    const before = pidsOf(h, ["app:a", "app:b"]);
    h.apply(edit(base(), "app:a", { meta: { order: 3 } }));
    const s = h.node("app:s");
    expect(s.kind === "supervisor" && s.children.map((c) => c.id)).toEqual(["app:b", "app:a"]);
    expect(pidsOf(h, ["app:a", "app:b"])).toEqual(before);
  });

  it("a child moved to another supervisor stops under the old one and starts under the new", () => {
    const h = harness();
    h.apply(base());
    const a = h.pid("app:a");
    h.apply([...edit(base(), "app:a", { meta: { supervisor: "app:t" } }), supervisor("app:t", "one_for_one")]);
    const t = h.node("app:t");
    expect(t.kind === "supervisor" && t.children.map((c) => c.id)).toEqual(["app:a"]);
    expect(h.node("app:a").state).toBe("running");
    expect(h.pid("app:a")).not.toBe(a);
    expect(h.kernel.info(a).ok).toBe(false);
  });

  it("a refused set changes nothing and names the entries", () => {
    const h = harness();
    h.apply(base());
    const before = pidsOf(h, ["app:s", "app:a", "app:b", "app:top"]);
    const broken = [...base().filter((e) => e.id !== "app:s" && e.id !== "app:top_code"), ...service("app:new", "worker")];
    const result = h.sup.reconcile(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((i) => i.message).sort()).toEqual([
      "app:a: supervisor app:s does not exist",
      "app:b: supervisor app:s does not exist",
      "app:top: process app:top_code does not exist",
    ]);
    h.settle();
    expect(pidsOf(h, ["app:s", "app:a", "app:b", "app:top"])).toEqual(before);
    expect(h.sup.tree().children.map((c) => c.id)).not.toContain("app:new");
  });
});
