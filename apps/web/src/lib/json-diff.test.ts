import { describe, expect, it } from "vitest";
import { diffJson } from "./json-diff";

describe("diffJson", () => {
  it("finds nothing between equal values", () => {
    expect(diffJson({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toEqual([]);
  });

  it("reports one row per changed leaf, with its path", () => {
    const before = { lifecycle: { restart: { max_delay: "5s", initial_delay: "1s" } }, kept: true };
    const after = { lifecycle: { restart: { max_delay: "10s", initial_delay: "1s" } }, kept: true, added: 1 };
    expect(diffJson(before, after)).toEqual([
      { path: "added", op: "added", after: 1 },
      { path: "lifecycle.restart.max_delay", op: "changed", before: "5s", after: "10s" },
    ]);
  });

  it("compares lists of scalars as one value and lists of objects item by item", () => {
    expect(diffJson({ modules: ["time"] }, { modules: ["time", "json"] })).toEqual([{ path: "modules", op: "changed", before: ["time"], after: ["time", "json"] }]);
    expect(diffJson({ input: [{ a: 1 }] }, { input: [{ a: 2 }, { b: 1 }] })).toEqual([
      { path: "input[0].a", op: "changed", before: 1, after: 2 },
      { path: "input[1]", op: "added", after: { b: 1 } },
    ]);
  });

  it("reports removed fields", () => {
    expect(diffJson({ a: 1, b: 2 }, { a: 1 })).toEqual([{ path: "b", op: "removed", before: 2 }]);
  });
});
