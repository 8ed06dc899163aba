/**
 * The policy matrix (issue 9): context × strict mode × what the policies say; effects combined;
 * actions and resources with wildcards; conditions on every field root; broken scopes.
 */
import { describe, expect, it } from "vitest";
import { decide, denialMessage } from "./evaluate";
import { PolicyIndex } from "./policy-index";
import { actor, check, context, policyEntry, settingsEntry, type PolicyFields } from "./test-support";
import type { SecurityContext } from "./terms";

const ALLOW = policyEntry("app.sec:allow_send", { actions: "process.send", resources: "*" });
const DENY = policyEntry("app.sec:deny_send", { actions: "process.send", resources: "*", effect: "deny" });
const OTHER = policyEntry("app.sec:other", { actions: "funcs.call", resources: "*" });
const STRICT = settingsEntry("app.sec:settings", { strict_mode: true });

const verdict = (v: { allowed: boolean; decision?: string }) => (v.allowed ? "allow" : v.decision);

describe("context × strict mode × policies", () => {
  const contexts: Record<string, (policy: string) => SecurityContext | undefined> = {
    none: () => undefined,
    empty: () => ({}),
    actor_only: () => context(actor("user:1"), undefined),
    scope_only: (p) => context(undefined, [p]),
    actor_and_scope: (p) => context(actor("user:1"), [p]),
  };
  const policies = { allow: ALLOW, deny: DENY, nothing_matches: OTHER };
  // Expected verdict per context, per strict mode, per policy outcome.
  const expected: Record<string, Record<"off" | "on", Record<keyof typeof policies, string>>> = {
    none: { off: { allow: "allow", deny: "allow", nothing_matches: "allow" }, on: { allow: "undefined", deny: "undefined", nothing_matches: "undefined" } },
    empty: { off: { allow: "allow", deny: "allow", nothing_matches: "allow" }, on: { allow: "undefined", deny: "undefined", nothing_matches: "undefined" } },
    actor_only: { off: { allow: "undefined", deny: "undefined", nothing_matches: "undefined" }, on: { allow: "undefined", deny: "undefined", nothing_matches: "undefined" } },
    scope_only: { off: { allow: "allow", deny: "deny", nothing_matches: "undefined" }, on: { allow: "allow", deny: "deny", nothing_matches: "undefined" } },
    actor_and_scope: { off: { allow: "allow", deny: "deny", nothing_matches: "undefined" }, on: { allow: "allow", deny: "deny", nothing_matches: "undefined" } },
  };
  const cases = Object.entries(contexts).flatMap(([ctxName, ctx]) =>
    (["off", "on"] as const).flatMap((strict) =>
      Object.entries(policies).map(([outcome, entry]) => [`${ctxName}_strict_${strict}_${outcome}`, ctx, strict, entry, expected[ctxName]![strict][outcome as keyof typeof policies]] as const),
    ),
  );
  it.each(cases)("%s", (_name, ctx, strict, entry, want) => {
    const entries = strict === "on" ? [ALLOW, DENY, OTHER, STRICT] : [ALLOW, DENY, OTHER];
    expect(verdict(check(entries, ctx(entry.id), "process.send", "{app:p|0x1}"))).toBe(want);
  });

  it("strict_mode: false in settings keeps the permissive default", () => {
    expect(verdict(check([settingsEntry("app:s", { strict_mode: false })], undefined, "process.send", "x"))).toBe("allow");
  });

  it.each([
    ["any settings entry that turns it on wins", [settingsEntry("a:s", { strict_mode: false }), settingsEntry("b:s", { strict_mode: true })]],
    ["an unreadable strict_mode turns it on", [settingsEntry("a:s", { strict_mode: "no" })]],
  ])("strict mode fails safe: %s", (_name, entries) => {
    const index = PolicyIndex.fromEntries(entries);
    expect(index.strictMode).toBe(true);
    expect(verdict(decide(index, undefined, { action: "x", resource: "y" }))).toBe("undefined");
  });
});

describe("effects combined in one scope", () => {
  const allowA = policyEntry("p:allow_a", { actions: "a" });
  const denyA = policyEntry("p:deny_a", { actions: "a", effect: "deny" });
  const allowB = policyEntry("p:allow_b", { actions: "b" });
  const denyB = policyEntry("p:deny_b", { actions: "b", effect: "deny" });
  const all = [allowA, denyA, allowB, denyB];
  it.each([
    ["allow", ["p:allow_a"], "allow"],
    ["deny", ["p:deny_a"], "deny"],
    ["allow_then_deny", ["p:allow_a", "p:deny_a"], "deny"],
    ["deny_then_allow", ["p:deny_a", "p:allow_a"], "deny"],
    ["allow_and_unrelated_deny", ["p:allow_a", "p:deny_b"], "allow"],
    ["unrelated_allow", ["p:allow_b"], "undefined"],
    ["empty_scope", [], "undefined"],
  ])("%s → %s", (_name, policies, want) => {
    expect(verdict(check(all, context(actor("u"), policies), "a", "r"))).toBe(want);
  });
});

describe("actions and resources with wildcards", () => {
  const cases: [string, PolicyFields, string, string, boolean][] = [
    ["exact_action", { actions: "process.send" }, "process.send", "x", true],
    ["exact_action_other", { actions: "process.send" }, "process.spawn", "x", false],
    ["star_everything", { actions: "*", resources: "*" }, "anything.at.all", "any:thing", true],
    ["prefix_star", { actions: "process.*" }, "process.spawn.linked", "x", true],
    ["prefix_star_not_prefix", { actions: "process.*" }, "processes", "x", false],
    ["suffix_star", { actions: "*.get" }, "registry.get", "x", true],
    ["suffix_star_other", { actions: "*.get" }, "registry.apply", "x", false],
    ["list_of_actions", { actions: ["funcs.call", "registry.get"] }, "registry.get", "x", true],
    ["list_of_actions_other", { actions: ["funcs.call", "registry.get"] }, "events.send", "x", false],
    ["namespace_resource", { resources: "app:*" }, "a", "app:worker", true],
    ["namespace_resource_sub", { resources: "app:*" }, "a", "app.sub:worker", false],
    ["dotted_namespaces", { resources: "app.*" }, "a", "app.sub:worker", true],
    ["regex_chars_are_literal", { resources: "a.b(c)" }, "a", "a.b(c)", true],
    ["regex_chars_are_literal_other", { resources: "a.b(c)" }, "a", "aXb(c)", false],
    ["middle_star", { resources: "{app:p|*}" }, "a", "{app:p|0x00002}", true],
    ["resource_list", { resources: ["x", "y*"] }, "a", "yes", true],
  ];
  it.each(cases)("%s", (_name, fields, action, resource, allowed) => {
    const p = policyEntry("p:p", fields);
    expect(check([p], context(actor("u"), ["p:p"]), action, resource).allowed).toBe(allowed);
  });
});

describe("conditions on each field root decide whether a policy applies", () => {
  const who = actor("user:7", { role: "admin", clearance: 2, teams: ["a", "b"], org: { id: "o1" } });
  const cases: [string, unknown, boolean][] = [
    ["actor_id_eq", { field: "actor.id", operator: "eq", value: "user:7" }, true],
    ["actor_id_ne", { field: "actor.id", operator: "eq", value: "user:8" }, false],
    ["actor_meta_eq", { field: "actor.meta.role", operator: "eq", value: "admin" }, true],
    ["actor_meta_nested", { field: "actor.meta.org.id", operator: "eq", value: "o1" }, true],
    ["actor_meta_lt", { field: "actor.meta.clearance", operator: "lt", value: 3 }, true],
    ["actor_meta_gte", { field: "actor.meta.clearance", operator: "gte", value: 3 }, false],
    ["actor_meta_list_in", { field: "actor.meta.teams", operator: "in", value: ["b", "c"] }, true],
    ["action_in", { field: "action", operator: "in", value: ["read", "write"] }, true],
    ["resource_matches", { field: "resource", operator: "matches", value: "^doc:[0-9]+$" }, true],
    ["resource_nmatches", { field: "resource", operator: "nmatches", value: "^doc:" }, false],
    ["meta_eq_value_from_actor", { field: "meta.owner", operator: "eq", value_from: "actor.id" }, true],
    ["meta_exists", { field: "meta.owner", operator: "exists", value: true }, true],
    ["meta_absent_exists", { field: "meta.nothing", operator: "exists" }, false],
    ["meta_absent_nexists", { field: "meta.nothing", operator: "nexists", value: true }, true],
  ];
  it.each(cases)("%s", (_name, condition, applies) => {
    const p = policyEntry("p:p", { actions: "*", conditions: [condition as never] });
    expect(check([p], context(who, ["p:p"]), "read", "doc:42", { owner: "user:7" }).allowed).toBe(applies);
  });

  it("all conditions must hold (AND)", () => {
    const conditions = [
      { field: "actor.meta.role", operator: "eq", value: "admin" },
      { field: "meta.env", operator: "eq", value: "prod" },
    ];
    const p = policyEntry("p:p", { conditions });
    expect(check([p], context(who, ["p:p"]), "a", "r", { env: "prod" }).allowed).toBe(true);
    expect(check([p], context(who, ["p:p"]), "a", "r", { env: "dev" }).allowed).toBe(false);
  });

  it("a deny with a condition applies only when it holds (Wippy's deny_confidential)", () => {
    const allow = policyEntry("p:read", { actions: "read", resources: "document:*" });
    const deny = policyEntry("p:confidential", {
      resources: "document:*",
      effect: "deny",
      conditions: [
        { field: "meta.classification", operator: "eq", value: "confidential" },
        { field: "actor.meta.clearance", operator: "lt", value: 3 },
      ],
    });
    const ctx = context(who, ["p:read", "p:confidential"]);
    expect(verdict(check([allow, deny], ctx, "read", "document:1", { classification: "confidential" }))).toBe("deny");
    expect(verdict(check([allow, deny], ctx, "read", "document:1", { classification: "internal" }))).toBe("allow");
    const cleared = context(actor("u", { clearance: 3 }), ["p:read", "p:confidential"]);
    expect(verdict(check([allow, deny], cleared, "read", "document:1", { classification: "confidential" }))).toBe("allow");
  });
});

describe("groups and broken scopes", () => {
  const member = policyEntry("app.sec:reader", { actions: "registry.get", groups: ["readers"] });
  const other = policyEntry("other.ns:writer", { actions: "registry.apply", groups: ["app.sec:readers"] });
  const invalid = { ...policyEntry("app.sec:bad", { groups: ["broken"] }), data: { policy: { actions: "*", resources: "*", effect: "maybe" }, groups: ["broken"] } };

  it("a group collects the policies that declare it (bare names in the policy's namespace)", () => {
    const ctx = context(actor("u"), [], ["app.sec:readers"]);
    expect(check([member, other], ctx, "registry.get", "x").allowed).toBe(true);
    expect(check([member, other], ctx, "registry.apply", "x").allowed).toBe(true);
    expect(check([member, other], context(actor("u"), [], ["other.ns:readers"]), "registry.get", "x").allowed).toBe(false);
  });

  it.each([
    ["missing_policy", context(actor("u"), ["app.sec:gone"]), /policy app.sec:gone does not exist/],
    ["invalid_policy", context(actor("u"), ["app.sec:bad"]), /policy app.sec:bad is invalid .*effect/],
    ["invalid_group_member", context(actor("u"), [], ["app.sec:broken"]), /policy app.sec:bad \(group app.sec:broken\) is invalid/],
  ])("%s: the scope is broken and every check is refused, naming the policy", (_name, ctx, reason) => {
    const v = check([member, invalid], ctx, "registry.get", "x");
    expect(v.allowed).toBe(false);
    if (!v.allowed) expect(v.reason).toMatch(reason);
  });

  it("the refusal message names the action, the resource and the actor", () => {
    const ctx = context(actor("user:1"), ["app.sec:reader"]);
    const request = { action: "process.send", resource: "{app:p|0x1}" };
    const v = decide(PolicyIndex.fromEntries([member]), ctx, request);
    if (v.allowed) throw new Error("expected a refusal");
    expect(denialMessage(v, request, ctx)).toBe('permission denied: process.send on "{app:p|0x1}" (actor user:1: no policy in scope allows it)');
  });
});
