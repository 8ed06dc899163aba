/**
 * Sandbox escapes by a hostile actor (issue 9). `hostile` may send events on `app.public`
 * and use the security module, nothing else; every attempt below tries to do something else —
 * send on `app.secret`, widen its scope, reach the VM — and must be refused. Each test checks
 * the refusal *and* that the forbidden effect did not happen.
 */
import { describe, expect, it } from "vitest";
import { actor } from "../../../security/test-support";
import { HOST } from "../../test-support";
import { normal, securedContext, securityWorld } from "./security-world.testing";

const POLICIES = {
  "app.sec:public": { actions: "events.send", resources: "app.public" },
  "app.sec:tools": { actions: ["security.*", "process.security", "funcs.security"], resources: "*" },
  "app.sec:spawn": { actions: ["process.spawn", "process.host"], resources: ["app:returns", HOST] },
  "app.sec:admin": { actions: "*", resources: "*" },
};
const HOSTILE = securedContext(actor("hostile", { role: "guest" }), ["app.sec:public", "app.sec:tools", "app.sec:spawn"]);

/** The last line every attempt ends with: is `app.secret` still refused? */
const STILL_REFUSED = `local ok, err = events.send("app.secret", "leak", "/x"); return { ok == true, err and err:kind() }`;

function attempt(lua: string, extra: Record<string, { kind: string; source: string; data?: Record<string, unknown> }> = {}) {
  const { t, bus } = securityWorld(lua, { policies: POLICIES, extra });
  const leaks: unknown[] = [];
  const sub = bus.subscribe("app.secret");
  if (!sub.ok) throw new Error(sub.error.message);
  const pid = t.spawn("app:main", [], { security: HOSTILE });
  t.settle(2_000);
  for (let e = sub.value.channel.tryReceive(); e?.ok === true; e = sub.value.channel.tryReceive()) leaks.push(e.value);
  return { exit: t.exit(pid), leaks, t };
}

const REFUSED = normal([false, "PermissionDenied"]);

describe("hostile actor: the VM", () => {
  it("string metatable: replacing or poisoning it changes nothing for the checks or for others", () => {
    const { exit, leaks, t } = attempt(`
      local mt = getmetatable("")
      pcall(function() mt.__index = { find = function() return true end } end)
      pcall(function() mt.__index.format = function() return "pwned" end end)
      pcall(setmetatable, "", {})
      ${STILL_REFUSED}`, { "app:strings": { kind: "process.lua", source: `return { main = function() return { ("abc"):find("b"), string.format("%d", 7) } end }` } });
    expect(exit).toEqual(REFUSED);
    expect(leaks).toEqual([]);
    const other = t.spawn("app:strings");
    t.settle();
    expect(t.exit(other)).toEqual(normal([2, "7"]));
  });

  it("_ENV: a fake security module, a replaced events, a rewritten _ENV do not change what the runtime checks", () => {
    const { exit, leaks } = attempt(`
      security.can = function() return true end
      _ENV.security = { can = function() return true end, actor = function() return "admin" end }
      local protected = not pcall(setmetatable, _ENV, { __index = function() return function() return true end end })
      rawset(_ENV, "process", { send = function() return true end })
      local ev, check = events, protected
      _ENV = setmetatable({}, { __index = _G })
      local ok, err = ev.send("app.secret", "leak", "/x")
      return { ok == true, err and err:kind(), check }`);
    expect(exit).toEqual(normal([false, "PermissionDenied", true]));
    expect(leaks).toEqual([]);
  });

  it.each([["debug"], ["load"], ["loadstring"], ["dofile"], ["loadfile"], ["package"], ["collectgarbage"]])("%s is absent", (name) => {
    const { exit } = attempt(`return { ${name} == nil, rawget(_G, "${name}") == nil }`);
    expect(exit).toEqual(normal([true, true]));
  });

  it("string.dump is absent and a chunk cannot be built from text", () => {
    const { exit } = attempt(`local ok = pcall(function() return load("return 1") end); return { string.dump == nil, ok }`);
    expect(exit).toEqual(normal([true, false]));
  });

  it.each([["registry"], ["sql"], ["debug"], ["fengari"], ["os"]])("require(%j) of a module the entry does not declare raises, naming it", (name) => {
    const { exit } = attempt(`local ok, err = pcall(require, "${name}"); return { ok, tostring(err):find("${name}", 1, true) ~= nil }`);
    expect(exit).toEqual(normal([false, true]));
  });

  it("the metatables of security objects are hidden, and objects cannot be forged from tables", () => {
    const { exit } = attempt(`
      local a = security.actor()
      local forged = { id = function() return "admin" end, meta = function() return {} end }
      local ok1 = pcall(function() return process.with_context({}):with_actor(forged) end)
      local ok2 = pcall(function() return funcs.new():with_scope({ policies = { "app.sec:admin" } }) end)
      local ok3 = pcall(function() a.id = function() return "admin" end end)
      return { getmetatable(a), getmetatable(security.scope()), ok1, ok2, ok3, a:id() }`);
    expect(exit).toEqual(normal([false, false, false, false, false, "hostile"]));
  });

  it("coroutines, pcall and coroutine.spawn run with the same context", () => {
    const { exit, leaks } = attempt(`
      local r1 = { pcall(events.send, "app.secret", "k", "/p") }
      local r2 = { coroutine.wrap(function() return events.send("app.secret", "k", "/p") end)() }
      local done = channel.new(1)
      coroutine.spawn(function() done:send({ events.send("app.secret", "k", "/p") }) end)
      local r3 = done:receive()
      return { r1[1] == true and r1[2] == nil, r2[1] == nil, r3[1] == nil, r1[3]:kind(), r2[2]:kind(), r3[2]:kind() }`);
    expect(exit).toEqual(normal([true, true, true, "PermissionDenied", "PermissionDenied", "PermissionDenied"]));
    expect(leaks).toEqual([]);
  });
});

describe("hostile actor: widening its rights", () => {
  it("spawning with a broader scope is refused and starts nothing", () => {
    const { exit, t } = attempt(`
      local admin = security.new_scope({ security.policy("app.sec:admin") })
      local pid, err = process.with_context({}):with_scope(admin):spawn("app:returns", "${HOST}")
      return { pid == nil, err:kind(), err:message() }`);
    expect(exit).toEqual(normal([true, "PermissionDenied", 'permission denied: process.security on "security" (a scope can only be narrowed: policy app.sec:admin is not in the caller\'s scope)']));
    expect(t.kernel.processCount).toBe(0);
  });

  it("a function call with a broader scope is refused", () => {
    const { exit } = attempt(`
      local e, err = funcs.new():with_scope(security.new_scope({ security.policy("app.sec:admin") }))
      return { e == nil, err:kind() }`);
    expect(exit).toEqual(normal([true, "PermissionDenied"]));
  });

  it("an admin actor of its own making gains nothing: rights come from the scope", () => {
    const { exit, leaks } = attempt(`
      local admin = security.new_actor("root", { role = "admin" })
      local child = process.with_context({}):with_actor(admin):spawn("app:returns", "${HOST}")
      local ok, err = process.with_context({}):with_actor(admin):exec("app:whoami_proc", "${HOST}")
      return { child ~= nil, ok == nil, err:kind() }`);
    expect(exit).toEqual(normal([true, true, "PermissionDenied"]));
    expect(leaks).toEqual([]);
  });

  it("a child spawned plainly, or a function called, keeps the parent's scope", () => {
    const leaker = { kind: "function.lua", source: `local events = require("events")\nreturn { main = function() local ok, err = events.send("app.secret", "k", "/p"); return ok or err:kind() end }`, data: { modules: ["events"] } };
    const grant = { "app.sec:call_leaker": { actions: ["funcs.call"], resources: "app:leaker" } };
    const { t, bus } = securityWorld(`return funcs.call("app:leaker")`, { policies: { ...POLICIES, ...grant }, extra: { "app:leaker": leaker } });
    const sub = bus.subscribe("app.secret");
    const pid = t.spawn("app:main", [], { security: securedContext(actor("hostile"), ["app.sec:public", "app.sec:call_leaker"]) });
    t.settle(1_000);
    expect(t.exit(pid)).toEqual(normal("PermissionDenied"));
    expect(sub.ok && sub.value.channel.tryReceive()).toBe(null);
  });

  it("upgrading into another entry's code needs process.spawn on it", () => {
    const { exit } = attempt(`local ok, err = process.upgrade("app:leaker_proc"); return { ok == nil, err:kind(), err:message() }`, {
      "app:leaker_proc": { kind: "process.lua", source: `return { main = function() return "escaped" end }`, data: { modules: ["events", "registry"] } },
    });
    expect(exit).toEqual(normal([true, "PermissionDenied", 'permission denied: process.spawn on "app:leaker_proc" (actor hostile: no policy in scope allows it)']));
  });

  it("a broken scope refuses everything rather than dropping the unusable policy", () => {
    const { t } = securityWorld(`local ok, err = events.send("app.public", "k", "/p"); return { ok == true, err and err:message() }`, { policies: POLICIES });
    t.registry.set("app.sec:deny_public", { id: "app.sec:deny_public", kind: "security.policy", meta: {}, data: { policy: { actions: "events.send", resources: "app.public", effect: "dney" } } });
    const pid = t.spawn("app:main", [], { security: securedContext(actor("hostile"), ["app.sec:public", "app.sec:deny_public"]) });
    t.settle(1_000);
    expect(t.exit(pid)).toEqual(normal([false, expect.stringContaining("the scope is broken: policy app.sec:deny_public is invalid")]));
  });
});
