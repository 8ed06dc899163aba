import { describe, expect, it } from "vitest";
import { HOST } from "../../test-support";
import { funcsWorld, normal, OTHER_HOST, runMain } from "./funcs-world.testing";

const hostOf = (pid: unknown): string => String(pid).slice(1, String(pid).indexOf("|"));

describe("funcs.call (LUA_API §5)", () => {
  it("runs the function with the arguments and returns its value", () => {
    const { exit } = runMain(`return { funcs.call("app:add", 2, 3), funcs.call("app:nothing") == nil }`);
    expect(exit).toEqual(normal([5, true]));
  });

  it("runs it as its own process on the caller's host, in the caller's context", () => {
    const { exit, pid } = runMain(`local r = funcs.call("app:who", "x", { y = 1 }); r.me = process.pid(); return r`, [], 0, { context: { trace: "t-1" } });
    const value = (exit as { value: Record<string, unknown> }).value;
    expect(value).toMatchObject({ id: "app:who", ctx: { trace: "t-1" }, args: ["x", { y: 1 }], me: pid });
    expect(value.pid).not.toBe(pid);
    expect(hostOf(value.pid)).toBe(HOST);
  });

  it("gives the function a full process identity: names, inbox, spawn_monitored, events", () => {
    const { exit } = runMain(`return funcs.call("app:identity")`);
    expect(exit).toEqual(normal({ looked_up: true, note: "to myself", child_exit: 7, from_child: true }));
  });

  it("a process.lua with meta.default_host runs as a function on that host; so does a function.lua that names one", () => {
    const { exit } = runMain(`local r = funcs.call("app:hosted", 4); return { r.x, r.pid, funcs.call("app:fn_elsewhere") }`);
    const [x, hostedPid, elsewherePid] = (exit as { value: unknown[] }).value;
    expect(x).toBe(4);
    expect(hostOf(hostedPid)).toBe(OTHER_HOST);
    expect(hostOf(elsewherePid)).toBe(OTHER_HOST);
  });

  it.each([
    ["a returned error", "app:fails", ["Unavailable", "no luck", true, 1]],
    ["a raised error object", "app:raises", ["Conflict", "boom", false, null]],
  ])("%s comes back as nil, err with kind, retryable and details kept", (_name, id, expected) => {
    const { exit } = runMain(`local v, err = funcs.call("${id}"); local d = err:details(); return { v == nil, err:kind(), err:message(), err:retryable(), d and d.n }`);
    expect(exit).toEqual(normal([true, ...(expected as unknown[]).filter((e) => e !== null)]));
  });

  it("a raised string is an error of kind UNKNOWN carrying the message; the caller goes on", () => {
    const { exit } = runMain(`local v, err = funcs.call("app:raises_text"); return { v == nil, err:kind(), err:message():find("plain failure") ~= nil }`);
    expect(exit).toEqual(normal([true, "", true]));
  });

  it.each([
    ["an empty target", `""`, "Invalid", /function ID required/],
    ["a target without a namespace", `"add"`, "Invalid", /namespace required/],
    ["a target with an empty namespace", `":add"`, "Invalid", /namespace required/],
    ["a target without a name", `"app:"`, "Invalid", /name required/],
    ["an unknown function", `"app:nope"`, "NotFound", /function app:nope not found/],
    ["a library entry", `"app:lib"`, "Invalid", /library\.lua, not a function/],
    ["a registry.entry", `"app:cfg"`, "Invalid", /registry\.entry, not a function/],
    ["a process.lua without default_host", `"app:unhosted"`, "Invalid", /without meta\.default_host/],
    ["an argument that cannot be copied", `"app:add", print`, "Invalid", /cannot copy a function/],
  ])("%s → nil, err (not retryable) and nothing runs", (_name, args, kind, message) => {
    const { exit, t } = runMain(`local v, err = funcs.call(${args}); return { v == nil, err:kind(), err:message(), err:retryable() }`);
    expect(exit).toMatchObject(normal([true, kind, expect.stringMatching(message), false]));
    expect(t.kernel.processCount).toBe(0);
  });

  it("the same errors come from funcs.async before anything starts", () => {
    const { exit } = runMain(`
      local f1, e1 = funcs.async("app:nope")
      local f2, e2 = funcs.async("nope")
      return { f1 == nil, e1:kind(), f2 == nil, e2:kind() }`);
    expect(exit).toEqual(normal([true, "NotFound", true, "Invalid"]));
  });

  it("blocks only the calling coroutine: the rest of the process goes on meanwhile", () => {
    const { exit } = runMain(`
      local done = channel.new(1)
      coroutine.spawn(function() done:send(funcs.call("app:slow")) end)
      local ticks = 0
      while true do
        local r = channel.select { done:case_receive(), default = true }
        if not r.default then return { ticks, r.value } end
        time.sleep("100ms")
        ticks = ticks + 1
      end`);
    const [ticks, value] = (exit as { value: [number, string] }).value;
    expect(value).toBe("slow done");
    expect(ticks).toBeGreaterThanOrEqual(9);
  });

  it("a caller that dies mid-call takes its call with it", () => {
    const t = funcsWorld(`return funcs.call("app:forever")`);
    const pid = t.spawn("app:main");
    t.settle();
    expect(t.kernel.processCount).toBe(2);
    t.kernel.terminate(pid);
    t.settle();
    expect(t.kernel.processCount).toBe(0);
  });
});

describe("code versions (LUA_API §5, §7)", () => {
  const v1 = `local time = require("time")\nreturn { main = function() time.sleep("1s"); return "v1" end }`;
  const v2 = `return { main = function() return "v2" end }`;

  function versioned(main: string) {
    const t = funcsWorld(main);
    t.registry.set("app:versioned", { id: "app:versioned", kind: "function.lua", meta: {}, data: { source: v1, method: "main", modules: ["time"] } });
    const pid = t.spawn("app:main");
    t.settle();
    return { t, pid };
  }

  it("a call in flight finishes on the code it started with; the next call runs the new code", () => {
    const { t, pid } = versioned(`
      local f = funcs.async("app:versioned")
      process.inbox():receive()
      local now = funcs.call("app:versioned")
      local p = f:channel():receive()
      return { p:data(), now }`);
    t.registry.set("app:versioned", { id: "app:versioned", kind: "function.lua", meta: {}, data: { source: v2, method: "main" } });
    t.kernel.send(pid, "go");
    t.settle(5_000);
    expect(t.exit(pid)).toEqual(normal(["v1", "v2"]));
  });

  it("a function deleted from the registry is no longer callable", () => {
    const { t, pid } = versioned(`
      local before = funcs.call("app:versioned")
      process.inbox():receive()
      local v, err = funcs.call("app:versioned")
      return { before, v == nil, err:kind(), err:retryable() }`);
    t.settle(2_000);
    t.registry.delete("app:versioned");
    t.kernel.send(pid, "go");
    t.settle(5_000);
    expect(t.exit(pid)).toEqual(normal(["v1", true, "NotFound", false]));
  });
});
