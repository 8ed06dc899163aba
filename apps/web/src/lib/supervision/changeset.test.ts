import { describe, expect, it } from "vitest";
import { applyChange, type TreeChange } from "./changes";
import { countChanges, diffTrees, toChangeset } from "./changeset";
import type { TreeModel } from "./model";
import { entryOf, pipeline } from "./tree-fixtures";

function after(model: TreeModel, ...changes: TreeChange[]): TreeModel {
  return changes.reduce((m, change) => {
    const outcome = applyChange(m, change);
    if (!outcome.ok) throw new Error(outcome.error);
    return outcome.model;
  }, model);
}

describe("model → registry changeset", () => {
  it("is empty when nothing changed, and when edits cancel out", () => {
    const base = pipeline();
    expect(toChangeset(base, base)).toEqual([]);
    const back = after(base, { type: "setField", id: "pipeline:root", path: "data.intensity", value: 9 }, { type: "setField", id: "pipeline:root", path: "data.intensity", value: 3 });
    expect(toChangeset(base, back)).toEqual([]);
  });

  it("creates, updates and deletes whole entries, creates first, each in id order", () => {
    const base = pipeline();
    const drawn = after(
      base,
      { type: "addSupervisor", id: "canvas:sup", parent: "wippy:root" },
      { type: "addService", id: "canvas:one", parent: "canvas:sup", process: "pipeline:worker", host: "pipeline:processes" },
      { type: "setParent", id: "pipeline:producer", parent: "canvas:sup" },
      { type: "delete", id: "pipeline:flaky" },
    );
    const ops = toChangeset(base, drawn);
    expect(ops.map((op) => [op.op, op.op === "delete" ? op.id : op.entry.id])).toEqual([
      ["create", "canvas:one"],
      ["create", "canvas:sup"],
      ["update", "pipeline:producer"],
      ["delete", "pipeline:flaky"],
    ]);
    expect(ops[1]).toEqual({ op: "create", entry: entryOf(drawn, "canvas:sup") });
    expect(countChanges(diffTrees(base, drawn))).toEqual({ create: 2, update: 1, delete: 1 });
  });

  it("sends the fields the canvas does not edit back exactly as they were read", () => {
    const base = pipeline();
    const drawn = after(base, { type: "setParent", id: "pipeline:greeter", parent: "pipeline:root" });
    const [op] = toChangeset(base, drawn);
    expect(op).toEqual({
      op: "update",
      entry: { id: "pipeline:greeter", kind: "process.service", meta: { supervisor: "pipeline:root", order: 3 }, data: { process: "pipeline:worker", host: "pipeline:processes", custom_field: { kept: true } } },
    });
  });

  it("turns deleting a supervisor into its delete plus an update of each moved child", () => {
    const base = pipeline();
    const changes = diffTrees(base, after(base, { type: "delete", id: "pipeline:workers" }));
    expect(changes.map((c) => [c.op, c.id])).toEqual([
      ["update", "pipeline:flaky"],
      ["update", "pipeline:greeter"],
      ["delete", "pipeline:workers"],
    ]);
    expect(changes[0]?.before?.meta).toEqual({ supervisor: "pipeline:workers", order: 1 });
    expect(changes[0]?.after?.meta).toEqual({ supervisor: "pipeline:root", order: 1 });
  });
});
