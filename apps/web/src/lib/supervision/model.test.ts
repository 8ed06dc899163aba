import { describe, expect, it } from "vitest";
import { buildModel, indexTree, isSupervisor, isTaken, nextOrderUnder, nodeKindOf, orderOf, parentOf } from "./model";
import { CATALOG, entryOf, pipeline, service, supervisor } from "./tree-fixtures";

describe("tree model", () => {
  it("keeps services and supervisors whole and puts every other entry in the catalog", () => {
    const model = buildModel([supervisor("a:s"), { id: "a:h", kind: "process.host", meta: {}, data: { host: { workers: 2 } } }], [{ id: "a:p", kind: "process.lua" }]);
    expect([...model.entries.keys()]).toEqual(["a:s"]);
    expect(Object.fromEntries(model.catalog)).toEqual({ "a:p": "process.lua", "a:h": "process.host" });
  });

  it("reads placement: meta.supervisor or the root, meta.order or 0", () => {
    const model = pipeline();
    expect(parentOf(entryOf(model, "pipeline:root"))).toBe("wippy:root");
    expect(parentOf(entryOf(model, "pipeline:flaky"))).toBe("pipeline:workers");
    expect(orderOf(entryOf(model, "pipeline:root"))).toBe(0);
    expect(orderOf(entryOf(model, "pipeline:producer"))).toBe(2);
  });

  it("tells kinds apart, the root included", () => {
    const model = pipeline();
    expect(nodeKindOf(model, "wippy:root")).toBe("root");
    expect(nodeKindOf(model, "pipeline:workers")).toBe("supervisor");
    expect(nodeKindOf(model, "pipeline:flaky")).toBe("service");
    expect(nodeKindOf(model, "pipeline:processes")).toBeNull();
    expect(isSupervisor(model, "wippy:root")).toBe(true);
    expect(isSupervisor(model, "pipeline:flaky")).toBe(false);
    expect(isTaken(model, "pipeline:worker")).toBe(true);
    expect(isTaken(model, "pipeline:new")).toBe(false);
  });

  it("indexes children in start order (order, then id) and reaches the whole pipeline", () => {
    const model = pipeline([service("pipeline:aaa", { supervisor: "pipeline:workers", order: 2 })]);
    const index = indexTree(model);
    expect(index.children.get("wippy:root")).toEqual(["pipeline:root"]);
    expect(index.children.get("pipeline:root")).toEqual(["pipeline:workers", "pipeline:producer"]);
    expect(index.children.get("pipeline:workers")).toEqual(["pipeline:flaky", "pipeline:aaa", "pipeline:greeter"]);
    expect(index.detached).toEqual([]);
  });

  it("lists as detached what the root does not reach: a missing supervisor, a service as parent, a cycle", () => {
    const model = pipeline([
      service("pipeline:lost", { supervisor: "pipeline:gone" }),
      service("pipeline:under_service", { supervisor: "pipeline:flaky" }),
      supervisor("pipeline:a", { supervisor: "pipeline:b" }),
      supervisor("pipeline:b", { supervisor: "pipeline:a" }),
    ]);
    expect(indexTree(model).detached).toEqual(["pipeline:a", "pipeline:b", "pipeline:lost", "pipeline:under_service"]);
  });

  it("appends after the last sibling", () => {
    const model = pipeline();
    expect(nextOrderUnder(model, "pipeline:workers")).toBe(3);
    expect(nextOrderUnder(model, "pipeline:workers", "pipeline:greeter")).toBe(2);
    expect(nextOrderUnder(buildModel([], CATALOG), "wippy:root")).toBe(1);
  });
});
