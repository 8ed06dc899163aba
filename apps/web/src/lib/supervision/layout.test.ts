import { describe, expect, it } from "vitest";
import { applyChange } from "./changes";
import { layoutTree, NODE_SIZE, shapeOf, type Box } from "./layout";
import { pipeline, service, supervisor } from "./tree-fixtures";

const boxOf = (boxes: ReadonlyMap<string, Box>, id: string): Box => {
  const box = boxes.get(id);
  if (!box) throw new Error(`no box for ${id}`);
  return box;
};

describe("tree layout", () => {
  it("orders nodes breadth-first from the root, siblings in start order, then the detached", () => {
    const shape = shapeOf(pipeline([service("pipeline:lost", { supervisor: "pipeline:gone" })]));
    expect(shape.nodes.map((n) => n.id)).toEqual(["wippy:root", "pipeline:root", "pipeline:workers", "pipeline:producer", "pipeline:flaky", "pipeline:greeter", "pipeline:lost"]);
    expect(shape.nodes.map((n) => n.kind)).toEqual(["root", "supervisor", "supervisor", "service", "service", "service", "service"]);
  });

  it("draws an edge from the root or a supervisor only, and shows a cycle's edges", () => {
    const shape = shapeOf(
      pipeline([
        service("pipeline:lost", { supervisor: "pipeline:gone" }),
        service("pipeline:odd", { supervisor: "pipeline:flaky" }),
        supervisor("pipeline:a", { supervisor: "pipeline:b" }),
        supervisor("pipeline:b", { supervisor: "pipeline:a" }),
      ]),
    );
    const edges = shape.edges.map((e) => `${e.source}>${e.target}`);
    expect(edges).toContain("wippy:root>pipeline:root");
    expect(edges).toContain("pipeline:a>pipeline:b");
    expect(edges).toContain("pipeline:b>pipeline:a");
    expect(edges.some((e) => e.endsWith(">pipeline:lost") || e.endsWith(">pipeline:odd"))).toBe(false);
    expect(shape.edges.find((e) => e.target === "pipeline:flaky")?.id).toBe("edge:pipeline:flaky");
  });

  it("keeps its key through field edits and changes it when the structure changes", () => {
    const base = pipeline();
    const edited = applyChange(base, { type: "setField", id: "pipeline:root", path: "data.intensity", value: 9 });
    const moved = applyChange(base, { type: "setParent", id: "pipeline:producer", parent: "pipeline:workers" });
    if (!edited.ok || !moved.ok) throw new Error("change refused");
    expect(shapeOf(edited.model).key).toBe(shapeOf(base).key);
    expect(shapeOf(moved.model).key).not.toBe(shapeOf(base).key);
  });

  it("lays supervisors out above their children and siblings left to right in start order", async () => {
    const layout = await layoutTree(shapeOf(pipeline()));
    const box = (id: string) => boxOf(layout.boxes, id);
    expect(box("wippy:root").y).toBeLessThan(box("pipeline:root").y);
    expect(box("pipeline:root").y).toBeLessThan(box("pipeline:workers").y);
    expect(box("pipeline:workers").y).toBeLessThan(box("pipeline:flaky").y);
    expect(box("pipeline:workers").x).toBeLessThan(box("pipeline:producer").x);
    expect(box("pipeline:flaky").x).toBeLessThan(box("pipeline:greeter").x);
    expect(box("pipeline:flaky")).toMatchObject(NODE_SIZE.service);
    expect(layout.edges).toHaveLength(5);
  });

  it("knows each node's depth: under the root 1, a detached node or a cycle from 1", async () => {
    const model = pipeline([
      service("pipeline:lost", { supervisor: "pipeline:gone" }),
      supervisor("pipeline:a", { supervisor: "pipeline:b" }),
      supervisor("pipeline:b", { supervisor: "pipeline:a" }),
      service("pipeline:under_a", { supervisor: "pipeline:a" }),
    ]);
    const shape = shapeOf(model);
    const depth = Object.fromEntries(shape.nodes.map((n) => [n.id, n.depth]));
    expect(depth).toMatchObject({ "wippy:root": 0, "pipeline:root": 1, "pipeline:workers": 2, "pipeline:flaky": 3, "pipeline:lost": 1, "pipeline:b": 1, "pipeline:a": 2, "pipeline:under_a": 3 });
    const layout = await layoutTree(shape);
    expect(layout.boxes.size).toBe(shape.nodes.length);
    const box = (id: string) => boxOf(layout.boxes, id);
    expect(box("pipeline:b").y).toBeLessThan(box("pipeline:a").y);
    expect(box("pipeline:a").y).toBeLessThan(box("pipeline:under_a").y);
  });
});
