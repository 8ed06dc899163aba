/**
 * The `security` module (Wippy's lua/security/security.md): context accessors, `can`, the
 * constructors and their permissions, policies, scopes and named scopes.
 */
import { describe, expect, it } from "vitest";
import { actor } from "../../../security/test-support";
import { normal, runSecured, securedContext, setPolicy, securityWorld } from "./security-world.testing";

const READ_DOCS = { "app.sec:read_docs": { actions: "read", resources: "doc:*", groups: ["readers"] } };
const DENY_SECRET = { "app.sec:deny_secret": { actions: "*", resources: "doc:secret", effect: "deny" as const, groups: ["readers"] } };
const POLICIES = { ...READ_DOCS, ...DENY_SECRET };

describe("context accessors", () => {
  it("actor() and scope() are nil for a process started without a context", () => {
    const { exit } = runSecured(`return { security.actor() == nil, security.scope() == nil }`);
    expect(exit).toEqual(normal([true, true]));
  });

  it("actor() and scope() return the process's context; the same object each time", () => {
    const { exit } = runSecured(
      `local a, s = security.actor(), security.scope()
       local ids = {}
       for _, p in ipairs(s:policies()) do ids[#ids + 1] = p:id() end
       return { a:id(), a:meta().role, tostring(a), a == security.actor(), s == security.scope(), table.concat(ids, ","), s:contains("app.sec:read_docs") }`,
      { policies: POLICIES, context: securedContext(actor("user:1", { role: "admin" }), ["app.sec:read_docs"]) },
    );
    expect(exit).toEqual(normal(["user:1", "admin", "actor user:1", true, true, "app.sec:read_docs", true]));
  });
});

describe("security.can", () => {
  const ctx = securedContext(actor("user:1"), [], ["app.sec:readers"]);
  it.each([
    ["allowed by a group policy", `security.can("read", "doc:1")`, true],
    ["denied by a deny policy", `security.can("read", "doc:secret")`, false],
    ["nothing applies", `security.can("write", "doc:1")`, false],
  ])("%s", (_name, expr, want) => {
    expect(runSecured(`return ${expr}`, { policies: POLICIES, context: ctx }).exit).toEqual(normal(want));
  });

  it("passes meta to conditions", () => {
    const policies = { "app.sec:own": { actions: "write", resources: "doc:*", conditions: [{ field: "meta.owner", operator: "eq", value_from: "actor.id" }] } };
    const { exit } = runSecured(`return { security.can("write", "doc:1", { owner = "user:1" }), security.can("write", "doc:1", { owner = "user:2" }) }`, {
      policies,
      context: securedContext(actor("user:1"), ["app.sec:own"]),
    });
    expect(exit).toEqual(normal([true, false]));
  });

  it("without a context: true in permissive mode, false in strict mode", () => {
    expect(runSecured(`return security.can("anything", "at:all")`).exit).toEqual(normal(true));
    expect(runSecured(`return security.can("anything", "at:all")`, { strict: true }).exit).toEqual(normal(false));
  });
});

describe("constructors, policies and scopes", () => {
  it("new_actor, policy, new_scope, with, without, evaluate: Wippy's results", () => {
    const { exit } = runSecured(
      `local a = security.new_actor("user:9", { team = "x" })
       local p = security.policy("app.sec:read_docs")
       local d = security.policy("app.sec:deny_secret")
       local s = security.new_scope({ p })
       local s2 = s:with(d)
       local s3 = s2:without("app.sec:read_docs")
       return { a:id(), a:meta().team, p:id(), p:evaluate(a, "read", "doc:1"), p:evaluate(a, "write", "doc:1"),
                s:evaluate(a, "read", "doc:secret"), s2:evaluate(a, "read", "doc:secret"), s2:evaluate(a, "read", "doc:1"),
                s3:evaluate(a, "read", "doc:1"), s:contains("app.sec:deny_secret"), s2:contains("app.sec:deny_secret"), #s3:policies() }`,
      { policies: POLICIES },
    );
    expect(exit).toEqual(normal(["user:9", "x", "app.sec:read_docs", "allow", "undefined", "allow", "deny", "allow", "undefined", false, true, 1]));
  });

  it("named_scope: a group's policies, live; a bare name is in the caller's namespace", () => {
    const { t, pid } = (() => {
      const w = securityWorld(
        `local s = security.named_scope("app.sec:readers")
         local before = s:evaluate(nil, "write", "doc:1")
         process.inbox():receive()
         return { before, s:evaluate(nil, "write", "doc:1"), #s:policies() }`,
        { policies: POLICIES },
      );
      const pid = w.t.spawn("app:main");
      w.t.settle();
      return { t: w.t, pid };
    })();
    setPolicy(t.registry, "app.sec:write_docs", { actions: "write", resources: "doc:*", groups: ["readers"] });
    t.kernel.send(pid, "go");
    t.settle();
    expect(t.exit(pid)).toEqual(normal(["undefined", "allow", 3]));
  });

  it.each([
    ["policy of an unknown id", `security.policy("app.sec:nope")`, "NotFound", /policy app.sec:nope not found/],
    ["policy of another kind", `security.policy("app:idle")`, "Invalid", /app:idle is a process.lua, not a security.policy/],
    ["named_scope of an unknown group", `security.named_scope("app.sec:nobody")`, "NotFound", /no security.policy declares it/],
  ])("%s → nil, err", (_name, call, kind, message) => {
    const { exit } = runSecured(`local v, err = ${call}; return { v == nil, err:kind(), err:message() }`, { policies: POLICIES });
    expect(exit).toEqual(normal([true, kind, expect.stringMatching(message)]));
  });

  it.each([
    ["new_actor without an id", `security.new_actor("")`, /id must not be empty/],
    ["new_scope of a table that is not a policy", `security.new_scope({ { id = "app.sec:read_docs" } })`, /policy expected, got table/],
    ["with of a string", `security.new_scope():with("app.sec:read_docs")`, /policy expected, got string/],
  ])("%s raises", (_name, call, message) => {
    const { exit } = runSecured(`local ok, err = pcall(function() return ${call} end); return { ok, tostring(err) }`, { policies: POLICIES });
    expect(exit).toEqual(normal([false, expect.stringMatching(message)]));
  });
});

describe("the module's own permissions (Wippy's Security Actions)", () => {
  const only = (policies: string[]) => securedContext(actor("user:1"), policies);
  const GRANTS = {
    "app.sec:actor_create": { actions: "security.actor.create", resources: "user:*" },
    "app.sec:scope_custom": { actions: "security.scope.create", resources: "custom" },
    "app.sec:scope_with": { actions: "security.scope.create", resources: "with" },
    "app.sec:policy_get": { actions: "security.policy.get", resources: "app.sec:read_docs" },
    "app.sec:group_get": { actions: "security.policy_group.get", resources: "app.sec:readers" },
  };
  const policies = { ...POLICIES, ...GRANTS };

  it.each([
    ["new_actor", `security.new_actor("user:2")`, [], ["app.sec:actor_create"], "security.actor.create", "user:2"],
    ["new_scope", `security.new_scope()`, [], ["app.sec:scope_custom"], "security.scope.create", "custom"],
    ["scope:with", `security.new_scope():with(security.policy("app.sec:read_docs"))`, ["app.sec:scope_custom", "app.sec:policy_get"], ["app.sec:scope_with"], "security.scope.create", "with"],
  ])("%s raises PermissionDenied without its grant, works with it", (_name, call, base, grant, action, resource) => {
    const denied = runSecured(`local ok, err = pcall(function() return ${call} end); return { ok, err:kind(), err:message() }`, { policies, context: only(base) });
    expect(denied.exit).toEqual(normal([false, "PermissionDenied", expect.stringContaining(`${action} on "${resource}"`)]));
    expect(runSecured(`return (${call}) ~= nil`, { policies, context: only([...base, ...grant]) }).exit).toEqual(normal(true));
  });

  it.each([
    ["policy", `security.policy("app.sec:deny_secret")`, "security.policy.get", "app.sec:deny_secret"],
    ["named_scope", `security.named_scope("app.sec:other")`, "security.policy_group.get", "app.sec:other"],
  ])("%s returns nil, PermissionDenied naming the action and resource", (_name, call, action, resource) => {
    const { exit } = runSecured(`local v, err = ${call}; return { v == nil, err:kind(), err:retryable(), err:message() }`, { policies, context: only(Object.keys(GRANTS)) });
    expect(exit).toEqual(normal([true, "PermissionDenied", false, `permission denied: ${action} on "${resource}" (actor user:1: no policy in scope allows it)`]));
  });
});
