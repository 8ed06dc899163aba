import { describe, expect, it } from "vitest";
import { compilePattern } from "./pattern";
import type { EventPattern } from "./pattern";

function pattern(source: string): EventPattern {
  const compiled = compilePattern(source);
  if (!compiled.ok) throw new Error(compiled.error.message);
  return compiled.value;
}

// [pattern, value, matches]
const MATRIX: [string, string, boolean][] = [
  // exact
  ["registry", "registry", true],
  ["registry", "registry.entry", false],
  ["entry.create", "entry.create", true],
  ["entry.create", "entry.update", false],
  ["entry.create", "entry", false],
  // * is exactly one segment
  ["*", "orders", true],
  ["*", "orders.eu", false],
  ["orders.*", "orders.eu", true],
  ["orders.*", "orders", false],
  ["orders.*", "orders.eu.west", false],
  ["*.created", "order.created", true],
  ["*.created", "created", false],
  ["a.*.c", "a.b.c", true],
  ["a.*.c", "a.c", false],
  ["a.*.c", "a.b.b.c", false],
  // ** at the end
  ["registry.**", "registry", true],
  ["registry.**", "registry.create", true],
  ["registry.**", "registry.entry.create", true],
  ["registry.**", "registryx", false],
  ["registry.**", "other.registry", false],
  // ** at the start
  ["**.create", "create", true],
  ["**.create", "entry.create", true],
  ["**.create", "a.b.entry.create", true],
  ["**.create", "entry.create.x", false],
  // ** in the middle
  ["a.**.z", "a.z", true],
  ["a.**.z", "a.b.z", true],
  ["a.**.z", "a.b.c.z", true],
  ["a.**.z", "a.b.c", false],
  ["a.**.z", "b.a.z", false],
  ["a.**.b.**.c", "a.x.b.y.y.c", true],
  ["a.**.b.**.c", "a.b.c", true],
  ["a.**.b.**.c", "a.c.b", false],
  ["a.**.x.y", "a.x.x.y", true],
  ["**", "anything.at.all", true],
  ["**.**", "x", true],
  ["*.**", "x", true],
  ["*.**", "x.y.z", true],
  ["**.*", "x", true],
  // alternatives
  ["entry.(create|update)", "entry.create", true],
  ["entry.(create|update)", "entry.update", true],
  ["entry.(create|update)", "entry.delete", false],
  ["entry.(create|update)", "entry.create.x", false],
  ["(orders|users).*", "users.eu", true],
  ["(orders|users).*", "billing.eu", false],
  ["(entry|registry).(create|commit)", "registry.commit", true],
  ["v(1|2).api", "v2.api", true],
  ["v(1|2).api", "v3.api", false],
  ["v(1|2).api", "xv1.api", false],
  ["(a|b)x(c|d)", "bxc", true],
];

describe("compilePattern", () => {
  it.each(MATRIX)("%s ~ %s → %s", (source, value, expected) => {
    const p = pattern(source);
    expect(p.matches(value)).toBe(expected);
    expect(p.matchesSegments(value.split("."))).toBe(expected);
  });

  it("marks patterns without wildcards as exact", () => {
    expect(pattern("registry").exact).toBe("registry");
    expect(pattern("entry.create").exact).toBe("entry.create");
    expect(pattern("entry.*").exact).toBeUndefined();
    expect(pattern("entry.(a|b)").exact).toBeUndefined();
  });

  it.each([
    ["", "empty"],
    ["a..b", "empty segment"],
    [".a", "empty segment"],
    ["a.", "empty segment"],
    ["test*", "whole segment"],
    ["a.***", "whole segment"],
    ["(a|)", "empty alternative"],
    ["(a|b", "unbalanced"],
    ["a|b", "unbalanced"],
    ["x(a|b))", "unbalanced"],
    ["(a.b|c)", "unbalanced"],
  ])("refuses %j (%s) with Invalid", (source, why) => {
    const compiled = compilePattern(source);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) {
      expect(compiled.error.kind).toBe("Invalid");
      expect(compiled.error.message).toContain(why);
    }
  });
});
