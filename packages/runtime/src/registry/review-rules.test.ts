import { describe, expect, it } from "vitest";
import type { Entry } from "@wippy/shared";
import { namespaceMatches, ReviewRules } from "./review-rules";
import { validateEntry } from "./validate-entry";

const rules = (id: string, data: Entry["data"]): Entry => ({ id, kind: "registry.review_rules", meta: {}, data });

const RULES = ReviewRules.fromEntries([
  rules("app:review", { rules: [{ namespaces: ["agents.tools", "agents.tools.*"] }, { namespaces: ["app.core"], editors: true, approvals: 2 }] }),
  rules("ops:review", { rules: [{ namespaces: ["app.core"], approvals: 3 }] }),
  { id: "app:other", kind: "registry.entry", meta: {}, data: { rules: [{ namespaces: ["*"] }] } },
]);

describe("review rules", () => {
  it.each([
    ["agents.tools", "agents.tools", true],
    ["agents.tools.*", "agents.tools.x", true],
    ["agents.tools.*", "agents.tools", false],
    ["agents.tools.*", "agents.toolsmith", false],
    ["agents", "agents.tools", false],
    ["*", "anything.at.all", true],
  ])("%s covers %s: %s", (pattern, ns, expected) => {
    expect(namespaceMatches(pattern, ns)).toBe(expected);
  });

  it("agents: every rule covering a namespace applies; the most approvals win", () => {
    expect(RULES.requirement(["agents.tools:double"], "agent")).toEqual({ required: true, approvals: 1, rules: ["app:review"], covered: ["agents.tools:double"] });
    expect(RULES.requirement(["app.core:x", "agents.tools.sub:y"], "agent")).toEqual({ required: true, approvals: 3, rules: ["app:review", "ops:review"], covered: ["app.core:x", "agents.tools.sub:y"] });
    expect(RULES.requirement(["app.other:x"], "agent")).toEqual({ required: false, approvals: 1, rules: [], covered: [] });
  });

  it("people: only rules with editors: true apply", () => {
    expect(RULES.requirement(["agents.tools:double"], "person").required).toBe(false);
    expect(RULES.requirement(["app.core:x"], "person")).toEqual({ required: true, approvals: 2, rules: ["app:review"], covered: ["app.core:x"] });
  });

  it("an invalid rules entry covers every namespace for agents (fail closed) and is reported; people are not blocked", () => {
    const broken = ReviewRules.fromEntries([rules("app:broken", { rules: [{ namespaces: "agents" }] })]);
    expect(broken.problems).toEqual([expect.stringContaining("app:broken: rules.0.namespaces: must be a list of namespaces")]);
    expect(broken.requirement(["x:y"], "agent")).toMatchObject({ required: true, rules: ["app:broken"] });
    expect(broken.requirement(["x:y"], "person").required).toBe(false);
  });

  it("is a known kind: writers and the loader check its fields", () => {
    expect(validateEntry(rules("app:r", { rules: [{ namespaces: ["a.b.*"], approvals: 11 }] })).errors).toEqual([
      expect.objectContaining({ path: ["data", "rules", 0, "approvals"], message: expect.stringContaining("at most 10") }),
    ]);
    expect(validateEntry(rules("app:r", { rules: [{ namespaces: ["a b"] }] })).errors[0]?.message).toContain("must be a namespace");
    expect(validateEntry(rules("app:r", { rules: [{ namespaces: ["a.b"], editors: true, approvals: 2 }] })).errors).toEqual([]);
  });
});
