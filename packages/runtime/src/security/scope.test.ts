/**
 * Scopes as values, and narrowing: a child's scope must be within its parent's.
 */
import { describe, expect, it } from "vitest";
import { PolicyIndex } from "./policy-index";
import { makeScope, narrowScope, scopeContains, scopeWith, scopeWithout } from "./scope";
import { policyEntry } from "./test-support";

const index = PolicyIndex.fromEntries([
  policyEntry("s:a", { groups: ["g"] }),
  policyEntry("s:b", { groups: ["g"] }),
  policyEntry("s:c", { groups: ["h"] }),
  policyEntry("s:d"),
]);

describe("scope values", () => {
  it("are sorted, de-duplicated and frozen; with/without return new scopes", () => {
    const s = makeScope(["s:b", "s:a", "s:b"]);
    expect(s).toEqual({ policies: ["s:a", "s:b"], groups: [] });
    expect(Object.isFrozen(s) && Object.isFrozen(s.policies)).toBe(true);
    expect(scopeWith(s, "s:d").policies).toEqual(["s:a", "s:b", "s:d"]);
    expect(scopeWithout(index, s, "s:a").policies).toEqual(["s:b"]);
    expect(s.policies).toEqual(["s:a", "s:b"]);
  });

  it("contains sees policies that come through a group", () => {
    const s = makeScope(["s:d"], ["s:g"]);
    expect(["s:a", "s:b", "s:c", "s:d"].map((id) => scopeContains(index, s, id))).toEqual([true, true, false, true]);
  });

  it("without of a policy a group brings replaces the groups by their other members", () => {
    expect(scopeWithout(index, makeScope(["s:d"], ["s:g"]), "s:a")).toEqual({ policies: ["s:b", "s:d"], groups: [] });
  });
});

describe("narrowing (child within parent)", () => {
  const parent = makeScope(["s:c", "s:d"], ["s:g"]);
  it.each([
    ["same_scope", makeScope(["s:c", "s:d"], ["s:g"]), { ok: true, scope: makeScope(["s:c", "s:d"], ["s:g"]) }],
    ["subset_of_policies", makeScope(["s:d"]), { ok: true, scope: makeScope(["s:d"]) }],
    ["policy_through_parent_group", makeScope(["s:a"]), { ok: true, scope: makeScope(["s:a"]) }],
    ["empty", makeScope([]), { ok: true, scope: makeScope([]) }],
    ["group_not_held_but_within_is_materialized", makeScope([], ["s:h"]), { ok: true, scope: makeScope(["s:c"]) }],
    ["foreign_policy", makeScope(["s:x"]), { ok: false, reason: "policy s:x is not in the caller's scope" }],
  ])("%s", (_name, child, want) => {
    expect(narrowScope(index, parent, child)).toEqual(want);
  });

  it("a group with members the parent lacks is refused, naming them", () => {
    expect(narrowScope(index, makeScope(["s:a"]), makeScope([], ["s:g"]))).toEqual({ ok: false, reason: "group s:g has policies the caller's scope does not (s:b)" });
  });
});
