import { describe, expect, it } from "vitest";
import { applyChange, type TreeChange } from "./changes";
import type { TreeModel } from "./model";
import { entryOf, pipeline, supervisor } from "./tree-fixtures";

function applied(model: TreeModel, change: TreeChange): TreeModel {
  const outcome = applyChange(model, change);
  if (!outcome.ok) throw new Error(`refused: ${outcome.error}`);
  return outcome.model;
}

function refusal(model: TreeModel, change: TreeChange): string {
  const outcome = applyChange(model, change);
  if (outcome.ok) throw new Error("expected a refusal");
  return outcome.error;
}

describe("applyChange", () => {
  it("adds a supervisor under a supervisor, last among its children, with the runtime's defaults", () => {
    const model = applied(pipeline(), { type: "addSupervisor", id: "pipeline:more", parent: "pipeline:workers" });
    expect(entryOf(model, "pipeline:more")).toEqual({
      id: "pipeline:more",
      kind: "process.supervisor",
      meta: { order: 3, supervisor: "pipeline:workers" },
      data: { strategy: "one_for_one", intensity: 1, period: "5s", lifecycle: { auto_start: true } },
    });
  });

  it("adds a service under the root without meta.supervisor, with its process and host", () => {
    const model = applied(pipeline(), { type: "addService", id: "canvas:svc", parent: "wippy:root", process: "pipeline:worker", host: "pipeline:processes" });
    expect(entryOf(model, "canvas:svc")).toEqual({
      id: "canvas:svc",
      kind: "process.service",
      meta: { order: 1 },
      data: { lifecycle: { auto_start: true }, process: "pipeline:worker", host: "pipeline:processes" },
    });
  });

  it("refuses an invalid id, a taken id (tree or catalog) and a parent that is not a supervisor", () => {
    expect(refusal(pipeline(), { type: "addService", id: "no-namespace", parent: "wippy:root" })).toContain("is not an entry id");
    expect(refusal(pipeline(), { type: "addService", id: "pipeline:flaky", parent: "wippy:root" })).toBe("pipeline:flaky already exists");
    expect(refusal(pipeline(), { type: "addSupervisor", id: "pipeline:worker", parent: "wippy:root" })).toBe("pipeline:worker already exists");
    expect(refusal(pipeline(), { type: "addService", id: "pipeline:x", parent: "pipeline:flaky" })).toContain("pipeline:flaky is not a supervisor");
    expect(refusal(pipeline(), { type: "addService", id: "wippy:root", parent: "wippy:root" })).toBe("wippy:root already exists");
  });

  it("re-parents a child last under its new supervisor and keeps every other meta field", () => {
    const base = pipeline([supervisor("pipeline:workers", { supervisor: "pipeline:root", order: 1, title: "Workers" })]);
    const model = applied(base, { type: "setParent", id: "pipeline:workers", parent: "wippy:root" });
    expect(entryOf(model, "pipeline:workers").meta).toEqual({ order: 1, title: "Workers" });
    const moved = applied(model, { type: "setParent", id: "pipeline:producer", parent: "pipeline:workers" });
    expect(entryOf(moved, "pipeline:producer").meta).toEqual({ supervisor: "pipeline:workers", order: 3 });
    expect(entryOf(moved, "pipeline:producer").data).toEqual(entryOf(base, "pipeline:producer").data);
  });

  it("refuses placing a node under itself, under a service, or where it already is", () => {
    expect(refusal(pipeline(), { type: "setParent", id: "pipeline:workers", parent: "pipeline:workers" })).toContain("cannot supervise itself");
    expect(refusal(pipeline(), { type: "setParent", id: "pipeline:producer", parent: "pipeline:flaky" })).toContain("is not a supervisor");
    expect(refusal(pipeline(), { type: "setParent", id: "pipeline:flaky", parent: "pipeline:workers" })).toContain("already under");
    expect(refusal(pipeline(), { type: "setParent", id: "pipeline:nobody", parent: "wippy:root" })).toContain("not on the canvas");
  });

  it("lets a cycle be drawn (validation reports it)", () => {
    const model = applied(pipeline(), { type: "setParent", id: "pipeline:root", parent: "pipeline:workers" });
    expect(entryOf(model, "pipeline:root").meta).toMatchObject({ supervisor: "pipeline:workers" });
  });

  it("sets and removes one field by path, leaving the rest of the entry alone", () => {
    const model = applied(pipeline(), { type: "setField", id: "pipeline:greeter", path: "data.lifecycle.restart.max_attempts", value: 3 });
    expect(entryOf(model, "pipeline:greeter").data).toEqual({ process: "pipeline:worker", host: "pipeline:processes", custom_field: { kept: true }, lifecycle: { restart: { max_attempts: 3 } } });
    const removed = applied(model, { type: "setField", id: "pipeline:greeter", path: "data.lifecycle.restart.max_attempts", value: undefined });
    expect(entryOf(removed, "pipeline:greeter").data).toEqual({ process: "pipeline:worker", host: "pipeline:processes", custom_field: { kept: true } });
    const ordered = applied(pipeline(), { type: "setField", id: "pipeline:flaky", path: "meta.order", value: 9 });
    expect(entryOf(ordered, "pipeline:flaky").meta).toEqual({ supervisor: "pipeline:workers", order: 9 });
  });

  it("refuses field paths outside data./meta., meta.supervisor, and a value it already has", () => {
    expect(refusal(pipeline(), { type: "setField", id: "pipeline:flaky", path: "kind", value: "x" })).toContain("starts with data. or meta.");
    expect(refusal(pipeline(), { type: "setField", id: "pipeline:flaky", path: "data.", value: 1 })).toContain("starts with data. or meta.");
    expect(refusal(pipeline(), { type: "setField", id: "pipeline:flaky", path: "meta.supervisor", value: "wippy:root" })).toContain("connecting");
    expect(refusal(pipeline(), { type: "setField", id: "pipeline:root", path: "data.strategy", value: "rest_for_one" })).toContain("already that");
  });

  it("deletes a service", () => {
    const model = applied(pipeline(), { type: "delete", id: "pipeline:producer" });
    expect(model.entries.has("pipeline:producer")).toBe(false);
    expect(model.entries.size).toBe(4);
  });

  it("deletes a supervisor and moves its children up to its parent, keeping their order", () => {
    const model = applied(pipeline(), { type: "delete", id: "pipeline:workers" });
    expect(entryOf(model, "pipeline:flaky").meta).toEqual({ supervisor: "pipeline:root", order: 1 });
    expect(entryOf(model, "pipeline:greeter").meta).toEqual({ supervisor: "pipeline:root", order: 2 });
    const top = applied(pipeline(), { type: "delete", id: "pipeline:root" });
    expect(entryOf(top, "pipeline:workers").meta).toEqual({ order: 1 });
    expect(entryOf(top, "pipeline:producer").meta).toEqual({ order: 2 });
  });

  it("breaks a two-supervisor cycle by deleting one member: the other goes to the root", () => {
    const cyclic = pipeline([supervisor("pipeline:a", { supervisor: "pipeline:b" }), supervisor("pipeline:b", { supervisor: "pipeline:a" })]);
    const model = applied(cyclic, { type: "delete", id: "pipeline:a" });
    expect(entryOf(model, "pipeline:b").meta).toEqual({});
  });

  it("never mutates the model it was given", () => {
    const before = pipeline();
    const snapshot = JSON.stringify([...before.entries]);
    applied(before, { type: "setField", id: "pipeline:root", path: "data.intensity", value: 7 });
    applied(before, { type: "delete", id: "pipeline:workers" });
    applied(before, { type: "addSupervisor", id: "pipeline:n", parent: "pipeline:root" });
    expect(JSON.stringify([...before.entries])).toBe(snapshot);
  });
});
