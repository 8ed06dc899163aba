import { describe, expect, it } from "vitest";
import { luaTest, processEntry } from "../../test-support";

const normal = (value: unknown) => ({ kind: "normal", value });

function world(main: string) {
  const t = luaTest({
    "app:main": processEntry(`local time = require("time")\nreturn { main = function(...)\n${main}\nend }`, { modules: ["time"] }),
    "app:echo": processEntry(`local ctx = require("ctx")
return { main = function(...) return { args = { ... }, ctx = ctx.all(), name_ok = process.registry.lookup("named") == process.pid() } end }`, { modules: ["ctx"] }),
    "app:reader": processEntry(`return { main = function() local m = process.inbox():receive(); return { m:topic(), m:payload():data() } end }`),
    "app:failing": processEntry(`return { main = function() return nil, errors.new({ message = "no luck", kind = errors.UNAVAILABLE, retryable = true }) end }`),
    "app:waiter": processEntry(`return { main = function() process.inbox():receive() end }`),
    "other.ns:remote": processEntry(`return { main = function() return "remote" end }`),
    "app:lib": { kind: "library.lua", source: "return {}" },
  });
  const pid = t.spawn("app:main");
  t.settle(10_000);
  return { exit: t.exit(pid), t, pid };
}

describe("spawn (LUA_API §3)", () => {
  it("spawn passes args; exec waits and returns the child's result", () => {
    const { exit } = world(`return process.exec("app:echo", "app:processes", 1, "two", { 3 })`);
    expect(exit).toEqual(normal({ args: [1, "two", [3]], ctx: [], name_ok: false }));
  });

  it("exec returns nil, err for a child that fails, keeping kind and retryable", () => {
    const { exit } = world(`local v, err = process.exec("app:failing", "app:processes"); return { v == nil, err:kind(), err:message(), err:retryable() }`);
    expect(exit).toEqual(normal([true, "Unavailable", "no luck", true]));
  });

  it("ids without a namespace are the spawner's; others are absolute", () => {
    const { exit } = world(`return { process.exec("echo", "app:processes").name_ok == false, process.exec("other.ns:remote", "app:processes") }`);
    expect(exit).toEqual(normal([true, "remote"]));
  });

  it.each([
    ["an unknown entry", `"app:nope", "app:processes"`, "NotFound", /entry app:nope not found/],
    ["an unknown host", `"app:echo", "app:nowhere"`, "NotFound", /host app:nowhere not found/],
    ["a library entry", `"app:lib", "app:processes"`, "Invalid", /library\.lua/],
    ["a function argument", `"app:echo", "app:processes", print`, "Invalid", /cannot copy a function/],
  ])("%s → nil, err", (_name, args, kind, message) => {
    const { exit, t } = world(`local pid, err = process.spawn(${args}); return { pid == nil, err:kind(), err:message() }`);
    expect(exit).toMatchObject({ kind: "normal", value: [true, kind, expect.stringMatching(message)] });
    expect(t.kernel.processCount).toBe(0);
  });

  it("exec of an unknown entry → nil, NotFound", () => {
    const { exit } = world(`local v, err = process.exec("app:nope", "app:processes"); return { v == nil, err:kind() }`);
    expect(exit).toEqual(normal([true, "NotFound"]));
  });
});

describe("spawn builders", () => {
  it("with_context reaches ctx in the child; with_name registers it before it runs", () => {
    const { exit } = world(`return process.with_context({ request_id = "r-1" }):with_name("named"):exec("app:echo", "app:processes", "x")`);
    expect(exit).toEqual(normal({ args: ["x"], ctx: { request_id: "r-1" }, name_ok: true }));
  });

  it("with_message queues a message for the child before it runs", () => {
    const { exit } = world(`return process.with_context({}):with_message("hello", { n = 1 }):exec("app:reader", "app:processes")`);
    expect(exit).toEqual(normal(["hello", { n: 1 }]));
  });

  it("builders are immutable", () => {
    const { exit } = world(`
      local base = process.with_context({ a = 1 })
      local more = base:with_context({ b = 2 })
      return { process.exec == nil, base:exec("app:echo", "app:processes").ctx, more:exec("app:echo", "app:processes").ctx }`);
    expect(exit).toEqual(normal([false, { a: 1 }, { a: 1, b: 2 }]));
  });

  it("a child inherits its spawner's context", () => {
    const t = luaTest({
      "app:outer": processEntry(`return { main = function() return process.exec("app:inner", "app:processes") end }`),
      "app:inner": processEntry(`local ctx = require("ctx")\nreturn { main = function() return ctx.get("trace") end }`, { modules: ["ctx"] }),
    });
    const pid = t.spawn("app:outer", [], { context: { trace: "t-9" } });
    t.settle();
    expect(t.exit(pid)).toEqual(normal("t-9"));
  });

  it("spawn with a taken name fails with AlreadyExists", () => {
    const { exit } = world(`
      process.registry.register("named")
      local pid, err = process.with_options({}):with_name("named"):spawn("app:echo", "app:processes")
      return { pid == nil, err:kind() }`);
    expect(exit).toEqual(normal([true, "AlreadyExists"]));
  });

  it("builder spawn variants link and monitor", () => {
    const { exit } = world(`
      local pid = process.with_context({}):spawn_monitored("app:failing", "app:processes")
      local e = process.events():receive()
      return { e.kind, e.from == pid, e.result.error:kind() }`);
    expect(exit).toEqual(normal(["pid.exit", true, "Unavailable"]));
  });

  it("bad builder input raises", () => {
    const { exit } = world(`return process.with_context("nope")`);
    expect(exit).toMatchObject({ kind: "crash", error: { message: expect.stringMatching(/with_context expects a table/) } });
  });
});

describe("names (process.registry)", () => {
  it("register / lookup / unregister, names as destinations, released on exit", () => {
    const { exit, pid } = world(`
      local a = process.registry.register("me")
      local again = process.registry.register("me")
      local found = process.registry.lookup("me")
      process.send("me", "t", "via name")
      local got = process.inbox():receive():payload():data()
      local waiter = process.spawn("app:waiter", "app:processes")
      local taken, err = process.registry.register("theirs", waiter)
      local clash, err2 = process.registry.register("theirs")
      process.terminate("theirs")
      time.sleep("1s")
      local gone, err3 = process.registry.lookup("theirs")
      return { a, again, found, got, taken, clash == nil, err2:kind(), err2:details().existing_pid == waiter,
               gone == nil, err3:kind(), process.registry.unregister("me"), process.registry.unregister("me") }`);
    expect(exit).toEqual(normal([true, true, pid, "via name", true, true, "AlreadyExists", true, true, "NotFound", true, false]));
  });

  it("scope constants exist", () => {
    const { exit } = world(`return { process.registry.LOCAL, process.registry.STRONG }`);
    expect(exit).toEqual(normal([0, 3]));
  });
});
