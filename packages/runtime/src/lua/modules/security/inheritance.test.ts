/**
 * Where a security context goes (issue 9): function calls inherit the caller's; spawned
 * processes start without one when the spawner has none, and keep the spawner's otherwise;
 * `:with_actor` / `:with_scope` need `process.security` / `funcs.security` and can only narrow
 * a scope; policies change live.
 */
import { describe, expect, it } from "vitest";
import { actor } from "../../../security/test-support";
import { HOST } from "../../test-support";
import { normal, runSecured, securedContext, setPolicy, securityWorld } from "./security-world.testing";

const RUN = { "app.sec:run": { actions: ["process.spawn", "process.exec", "process.host", "funcs.call"], resources: "*" } };
const HANDOFF = { "app.sec:handoff": { actions: ["process.security", "funcs.security", "security.*"], resources: "*" } };
const EXTRA = { "app.sec:extra": { actions: "events.send", resources: "*" } };
const POLICIES = { ...RUN, ...HANDOFF, ...EXTRA };
const user = (policies: string[]) => securedContext(actor("user:1", { role: "r" }), policies);

describe("inheritance", () => {
  it("without a context: children and callees have none", () => {
    const { exit } = runSecured(`return { process.exec("app:whoami_proc", "${HOST}"), funcs.call("app:whoami_fn") }`);
    expect(exit).toEqual(normal([{ actor: "none", scope: "none" }, { actor: "none", scope: "none" }]));
  });

  it("function calls and spawned processes run with the caller's actor and scope", () => {
    const { exit } = runSecured(`return { funcs.call("app:whoami_fn"), process.exec("app:whoami_proc", "${HOST}"), funcs.new():call("app:whoami_fn") }`, {
      policies: POLICIES,
      context: user(["app.sec:run"]),
    });
    const me = { actor: "user:1", scope: "app.sec:run" };
    expect(exit).toEqual(normal([me, me, me]));
  });

  it("what the child may do is what the parent may: a callee without events.send is refused too", () => {
    const { exit } = runSecured(`return process.exec("app:spawns", "${HOST}")`, { policies: POLICIES, context: user(["app.sec:run"]) });
    expect(exit).toEqual(normal(true));
    const narrow = { "app.sec:exec_only": { actions: ["process.exec", "process.host"], resources: "*" } };
    const refused = runSecured(`return process.exec("app:spawns", "${HOST}")`, { policies: narrow, context: user(["app.sec:exec_only"]) });
    expect(refused.exit).toEqual(normal("PermissionDenied"));
  });
});

describe("handing on another actor or scope", () => {
  const spawnWith = (builder: string) => `local r, err = ${builder}:exec("app:whoami_proc", "${HOST}")
    if err then return { err:kind(), err:message() } end
    return r`;

  it.each([
    ["narrower scope", `process.with_context({}):with_scope(security.new_scope({ security.policy("app.sec:run") }))`, { actor: "user:1", scope: "app.sec:run" }],
    ["another actor, same scope", `process.with_context({}):with_actor(security.new_actor("user:2"))`, { actor: "user:2", scope: "app.sec:extra,app.sec:handoff,app.sec:run" }],
  ])("spawn with a %s", (_name, builder, want) => {
    const { exit } = runSecured(spawnWith(builder), { policies: POLICIES, context: user(["app.sec:run", "app.sec:handoff", "app.sec:extra"]) });
    expect(exit).toEqual(normal(want));
  });

  it("a wider scope is refused, naming the policy the spawner lacks", () => {
    const { t } = securityWorld(spawnWith(`process.with_context({}):with_scope(security.new_scope({ security.policy("app.sec:run"), security.policy("app.sec:extra") }))`), { policies: POLICIES });
    const pid = t.spawn("app:main", [], { security: user(["app.sec:run", "app.sec:handoff"]) });
    t.settle(1_000);
    expect(t.exit(pid)).toEqual(
      normal(["PermissionDenied", 'permission denied: process.security on "security" (a scope can only be narrowed: policy app.sec:extra is not in the caller\'s scope)']),
    );
    expect(t.kernel.processCount).toBe(0);
  });

  it("without process.security, even a narrower scope or the same actor is refused", () => {
    const { exit } = runSecured(spawnWith(`process.with_context({}):with_actor(security.actor())`), { policies: POLICIES, context: user(["app.sec:run"]) });
    expect(exit).toEqual(normal(["PermissionDenied", 'permission denied: process.security on "security" (actor user:1: no policy in scope allows it)']));
  });

  it("a spawner with no context may give a child any actor and scope (permissive mode)", () => {
    const { exit } = runSecured(
      spawnWith(`process.with_context({}):with_actor(security.new_actor("svc:x")):with_scope(security.new_scope({ security.policy("app.sec:extra") }))`),
      { policies: POLICIES },
    );
    expect(exit).toEqual(normal({ actor: "svc:x", scope: "app.sec:extra" }));
  });

  it("executor:with_scope: nil, PermissionDenied when wider; the callee gets a narrower one", () => {
    const { exit } = runSecured(
      `local wide, err = funcs.new():with_scope(security.new_scope({ security.policy("app.sec:extra") }))
       local narrow = funcs.new():with_scope(security.new_scope({ security.policy("app.sec:run") }))
       return { wide == nil, err:kind(), narrow:call("app:whoami_fn") }`,
      { policies: POLICIES, context: user(["app.sec:run", "app.sec:handoff"]) },
    );
    expect(exit).toEqual(normal([true, "PermissionDenied", { actor: "user:1", scope: "app.sec:run" }]));
  });

  it("executor:with_actor needs funcs.security", () => {
    const { exit } = runSecured(`local e, err = funcs.new():with_actor(security.actor()); return { e == nil, err:message() }`, { policies: POLICIES, context: user(["app.sec:run"]) });
    expect(exit).toEqual(normal([true, 'permission denied: funcs.security on "security" (actor user:1: no policy in scope allows it)']));
  });

  it("a group the spawner does not hold is handed on as its current members only", () => {
    const policies = { ...POLICIES, "app.sec:g1": { actions: "x", resources: "*", groups: ["g"] } };
    const { t } = securityWorld(
      `local builder = process.with_context({}):with_scope(security.named_scope("app.sec:g"))
       local first = builder:exec("app:whoami_proc", "${HOST}")
       process.inbox():receive()
       local later, err = builder:exec("app:whoami_proc", "${HOST}")
       return { first.scope, later == nil and err:message() }`,
      { policies },
    );
    const pid = t.spawn("app:main", [], { security: user(["app.sec:run", "app.sec:handoff", "app.sec:g1"]) });
    t.settle(1_000);
    // The group grows by a policy the spawner does not have: the same builder is now refused.
    setPolicy(t.registry, "app.sec:g2", { actions: "y", resources: "*", groups: ["g"] });
    t.kernel.send(pid, "go");
    t.settle(1_000);
    expect(t.exit(pid)).toEqual(
      normal(["app.sec:g1", 'permission denied: process.security on "security" (a scope can only be narrowed: group app.sec:g has policies the caller\'s scope does not (app.sec:g2))']),
    );
  });
});

describe("live policies", () => {
  it("an edited, then deleted policy takes effect at the next check", () => {
    const { t } = securityWorld(
      `local results = {}
       for i = 1, 3 do
         local ok, err = events.send("app", "k", "/p")
         results[i] = ok and "ok" or err:message()
         process.inbox():receive()
       end
       return results`,
      { policies: { "app.sec:send": { actions: "events.send", resources: "app" } } },
    );
    const pid = t.spawn("app:main", [], { security: user(["app.sec:send"]) });
    t.settle();
    setPolicy(t.registry, "app.sec:send", { actions: "events.send", resources: "other" });
    t.kernel.send(pid, "next");
    t.settle();
    t.registry.delete("app.sec:send");
    t.kernel.send(pid, "next");
    t.settle();
    t.kernel.send(pid, "next");
    t.settle();
    expect(t.exit(pid)).toEqual(
      normal([
        "ok",
        'permission denied: events.send on "app" (actor user:1: no policy in scope allows it)',
        'permission denied: events.send on "app" (actor user:1: the scope is broken: policy app.sec:send does not exist)',
      ]),
    );
  });

  it("strict mode turned on live refuses a process without a context", () => {
    const { t } = securityWorld(`local a = security.can("x", "y"); process.inbox():receive(); return { a, security.can("x", "y") }`);
    const pid = t.spawn("app:main");
    t.settle();
    t.registry.set("app:settings", { id: "app:settings", kind: "security.settings", meta: {}, data: { strict_mode: true } });
    t.kernel.send(pid, "go");
    t.settle();
    expect(t.exit(pid)).toEqual(normal([true, false]));
  });
});
