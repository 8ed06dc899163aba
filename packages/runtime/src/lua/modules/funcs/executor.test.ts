import { describe, expect, it } from "vitest";
import { normal, runMain } from "./funcs-world.testing";

describe("funcs.new() → Executor (funcs.md)", () => {
  it("with_context merges over its own values and the caller's; executors are immutable", () => {
    const { exit } = runMain(
      `
      local base = funcs.new():with_context({ a = 1, trace = "mine" })
      local more = base:with_context({ b = 2 })
      return { base:call("app:who").ctx, more:call("app:who").ctx, funcs.new():call("app:who").ctx }`,
      [],
      0,
      { context: { trace: "caller", c: 3 } },
    );
    expect(exit).toEqual(
      normal([
        { a: 1, trace: "mine", c: 3 },
        { a: 1, b: 2, trace: "mine", c: 3 },
        { trace: "caller", c: 3 },
      ]),
    );
  });

  it("async uses the executor's context too", () => {
    const { exit } = runMain(`local f = funcs.new():with_context({ k = "v" }):async("app:who"); return f:channel():receive():data().ctx`);
    expect(exit).toEqual(normal({ k: "v" }));
  });

  it("with_options{timeout} cancels a call past its timeout with a Timeout error", () => {
    const { exit, t } = runMain(`
      local start = time.now()
      local v, err = funcs.new():with_options({ timeout = 150 }):call("app:forever")
      return { v == nil, err:kind(), err:retryable(), time.now():sub(start):milliseconds() }`);
    expect(exit).toEqual(normal([true, "Timeout", true, 150]));
    expect(t.kernel.processCount).toBe(0);
  });

  it("a call that finishes in time is unaffected; a later with_options replaces the timeout", () => {
    const { exit } = runMain(`
      local strict = funcs.new():with_options({ timeout = "500ms" })
      local v1, e1 = strict:call("app:slow")
      local v2 = strict:with_options({ priority = 1 }):call("app:slow")
      local v3 = funcs.new():with_options({ timeout = 5000 }):call("app:slow")
      return { v1 == nil, e1:kind(), v2, v3 }`);
    expect(exit).toEqual(normal([true, "Timeout", "slow done", "slow done"]));
  });

  it.each([["0"], ["-5"], [`"soon"`], ["true"]])("with_options{timeout = %s} → nil, Invalid", (timeout) => {
    const { exit } = runMain(`local e, err = funcs.new():with_options({ timeout = ${timeout} }); return { e == nil, err:kind() }`);
    expect(exit).toEqual(normal([true, "Invalid"]));
  });

  it("with_actor / with_scope take security objects and return new executors; nil or a table raises", () => {
    const { exit } = runMain(`
      local security = require("security")
      local base = funcs.new()
      local e = base:with_actor(security.new_actor("user:1")):with_scope(security.new_scope())
      local ok, msg = pcall(function() return base:with_actor(nil) end)
      local ok2, msg2 = pcall(function() return base:with_actor({ id = "user:1" }) end)
      return { e ~= base, e:call("app:add", 1, 1), ok, tostring(msg):find("actor cannot be nil") ~= nil, ok2, tostring(msg2):find("actor expected, got table") ~= nil }`);
    expect(exit).toEqual(normal([true, 2, false, true, false, true]));
  });

  it("with_context of a non-table raises; of values that cannot be copied → nil, Invalid", () => {
    const { exit } = runMain(`
      local ok = pcall(function() return funcs.new():with_context("x") end)
      local e, err = funcs.new():with_context({ f = print })
      return { ok, e == nil, err:kind() }`);
    expect(exit).toEqual(normal([false, true, "Invalid"]));
  });

  it("executor calls report bad targets like funcs.call", () => {
    const { exit } = runMain(`local v, err = funcs.new():call("app:nope"); local f, err2 = funcs.new():async(""); return { err:kind(), err2:kind() }`);
    expect(exit).toEqual(normal(["NotFound", "Invalid"]));
  });
});
