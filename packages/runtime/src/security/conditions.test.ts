/**
 * Condition operators: each operator × a value that satisfies it, one that does not, and an
 * absent field; plus the conditions the schema must refuse.
 */
import { describe, expect, it } from "vitest";
import { compileCondition, fieldValue, type Facts } from "./conditions";
import type { ConditionOperator } from "./terms";

const facts: Facts = {
  actor: { id: "user:1", meta: { n: 5, s: "beta", list: ["x", "y"], flag: false, nil: null } },
  action: "registry.get",
  resource: "app:secret_key",
  meta: { owner: "user:1", size: 10 },
};

function holds(field: string, operator: ConditionOperator, value: unknown, valueFrom?: string): boolean {
  const c = compileCondition({ field, operator, value: value as never, valueFrom });
  if (!c.ok) throw new Error(c.problem);
  return c.test(facts);
}

describe("operators: satisfied × not satisfied × absent field", () => {
  const table: [ConditionOperator, unknown, unknown, boolean][] = [
    // operator, value that holds on actor.meta.n/s/list, value that does not, result on an absent field
    ["eq", 5, 6, false],
    ["ne", 6, 5, true],
    ["lt", 6, 5, false],
    ["gt", 4, 5, false],
    ["lte", 5, 4, false],
    ["gte", 5, 6, false],
    ["in", [1, 5], [1, 2], false],
    ["nin", [1, 2], [5], true],
  ];
  it.each(table)("%s on a number", (op, yes, no, absent) => {
    expect(holds("actor.meta.n", op, yes)).toBe(true);
    expect(holds("actor.meta.n", op, no)).toBe(false);
    expect(holds("actor.meta.missing", op, yes)).toBe(absent);
  });

  it.each([
    ["contains", "et", "zz", false],
    ["ncontains", "zz", "et", true],
    ["matches", "^b.t", "^a", false],
    ["nmatches", "^a", "^b", true],
    ["lt", "gamma", "alpha", false],
  ] as [ConditionOperator, unknown, unknown, boolean][])("%s on a string", (op, yes, no, absent) => {
    expect(holds("actor.meta.s", op, yes)).toBe(true);
    expect(holds("actor.meta.s", op, no)).toBe(false);
    expect(holds("meta.missing", op, yes)).toBe(absent);
  });

  it.each([
    ["contains", "y", "z"],
    ["in", ["y", "q"], ["q"]],
  ] as [ConditionOperator, unknown, unknown][])("%s on a list field: any item", (op, yes, no) => {
    expect(holds("actor.meta.list", op, yes)).toBe(true);
    expect(holds("actor.meta.list", op, no)).toBe(false);
  });

  it.each([
    ["exists", true, "actor.meta.flag", true],
    ["exists", undefined, "actor.meta.flag", true],
    ["exists", false, "actor.meta.flag", false],
    ["exists", true, "actor.meta.nil", false],
    ["exists", true, "meta.missing", false],
    ["nexists", true, "meta.missing", true],
    ["nexists", true, "actor.meta.flag", false],
  ] as [ConditionOperator, unknown, string, boolean][])("%s %s on %s → %s", (op, value, field, want) => {
    expect(holds(field, op, value)).toBe(want);
  });

  it("mixed types never order: a number is not less than a string", () => {
    expect(holds("actor.meta.n", "lt", "9")).toBe(false);
    expect(holds("actor.meta.n", "gt", "1")).toBe(false);
  });

  it("eq compares plain data deeply", () => {
    expect(holds("actor.meta.list", "eq", ["x", "y"])).toBe(true);
    expect(holds("actor.meta.list", "eq", ["y", "x"])).toBe(false);
  });

  it("value_from reads the other side from a field", () => {
    expect(holds("meta.owner", "eq", undefined, "actor.id")).toBe(true);
    expect(holds("meta.size", "gt", undefined, "actor.meta.n")).toBe(true);
    expect(holds("meta.owner", "eq", undefined, "actor.meta.s")).toBe(false);
  });

  it("fields: action and resource, and nothing without an actor", () => {
    expect(fieldValue(facts, "action")).toBe("registry.get");
    expect(fieldValue(facts, "resource")).toBe("app:secret_key");
    expect(fieldValue({ ...facts, actor: undefined }, "actor.id")).toBeUndefined();
    expect(fieldValue({ ...facts, actor: undefined }, "actor.meta.n")).toBeUndefined();
  });
});

describe("conditions that cannot compile", () => {
  it.each([
    ["unknown root", { field: "actr.id", operator: "eq", value: 1 }, /not a field/],
    ["actor alone", { field: "actor", operator: "exists" }, /not a field/],
    ["action with a path", { field: "action.x", operator: "eq", value: 1 }, /not a field/],
    ["bad value_from", { field: "meta.a", operator: "eq", valueFrom: "user.id" }, /not a field/],
    ["no value", { field: "meta.a", operator: "eq" }, /needs a value or value_from/],
    ["in without a list", { field: "meta.a", operator: "in", value: "x" }, /needs a list/],
    ["bad regex", { field: "resource", operator: "matches", value: "([" }, /not a valid regular expression/],
    ["regex not a string", { field: "resource", operator: "matches", value: 3 }, /must be a regular expression/],
    ["matches with value_from", { field: "resource", operator: "matches", valueFrom: "meta.x" }, /literal regular expression/],
    ["exists with a string", { field: "meta.a", operator: "exists", value: "yes" }, /true or false/],
  ])("%s", (_name, spec, problem) => {
    const c = compileCondition(spec as never);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.problem).toMatch(problem);
  });
});
