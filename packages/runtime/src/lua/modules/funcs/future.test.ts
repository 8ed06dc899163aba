import { describe, expect, it } from "vitest";
import { funcsWorld, normal, runMain } from "./funcs-world.testing";

describe("funcs.async → Future (future.md)", () => {
  it("complete: the channel delivers a Payload once, then is closed; result() stays cached", () => {
    const { exit } = runMain(`
      local f = funcs.async("app:add", 1, 2)
      local ch = f:response()
      local p, ok = ch:receive()
      local again, ok2 = ch:receive()
      local r, rerr = f:result()
      local e, has = f:error()
      return { p:data(), ok, again == nil, ok2, f:channel() == ch, f:is_complete(), r:data(), rerr == nil, e == nil, has, f:is_canceled() }`);
    expect(exit).toEqual(normal([3, true, true, false, true, true, 3, true, true, false, false]));
  });

  it("pending: is_complete false and result nil, nil; completion is seen without touching the channel", () => {
    const { exit } = runMain(`
      local f = funcs.async("app:slow")
      local before = { f:is_complete(), select("#", f:result()), f:result() == nil }
      time.sleep("2s")
      local after = f:is_complete()
      local r = f:result()
      local p, ok = f:channel():receive()
      return { before, after, r:data(), p:data(), ok }`);
    expect(exit).toEqual(normal([[false, 2, true], true, "slow done", "slow done", true]));
  });

  it("error: the channel delivers the error; result() keeps its kind; error() wraps it as Internal", () => {
    const { exit } = runMain(`
      local f = funcs.async("app:fails")
      local v, ok = f:channel():receive()
      local r, err = f:result()
      local e, has = f:error()
      return { v:kind(), v:retryable(), ok, r == nil, err:kind(), err:retryable(), e:kind(), e:retryable(), e:message(), has, f:is_complete() }`);
    expect(exit).toEqual(normal(["Unavailable", true, true, true, "Unavailable", true, "Internal", false, "async call failed: no luck", true, true]));
  });

  it("a raised error reaches the future with its kind", () => {
    const { exit } = runMain(`local f = funcs.async("app:raises"); local v = f:channel():receive(); return { v:kind(), v:message() }`);
    expect(exit).toEqual(normal(["Conflict", "boom"]));
  });

  it("cancel: marks the future, stops the callee, result() is Canceled and the channel delivers an error", () => {
    const { exit, t } = runMain(`
      local f = funcs.async("app:forever")
      time.sleep("10ms")
      local running = f:is_complete()
      local c = f:cancel()
      local v, ok = f:channel():receive()
      local r, err = f:result()
      return { running, c, f:is_canceled(), v:kind(), ok, r == nil, err:kind(), err:retryable() }`);
    expect(exit).toEqual(normal([false, true, true, "Canceled", true, true, "Canceled", false]));
    expect(t.kernel.processCount).toBe(0);
  });

  it("cancel after completion still reports Canceled, as in Wippy", () => {
    const { exit } = runMain(`local f = funcs.async("app:add", 1, 1); f:channel():receive(); f:cancel(); local r, err = f:result(); return { r == nil, err:kind() }`);
    expect(exit).toEqual(normal([true, "Canceled"]));
  });

  it("timeout: a callee still running when it expires is stopped and the future fails with Timeout", () => {
    const { exit, t } = runMain(`
      local f = funcs.new():with_options({ timeout = 200 }):async("app:forever")
      local start = time.now()
      local v = f:channel():receive()
      local r, err = f:result()
      return { v:kind(), err:kind(), time.now():sub(start):milliseconds() }`);
    expect(exit).toEqual(normal(["Timeout", "Timeout", 200]));
    expect(t.kernel.processCount).toBe(0);
  });

  it("a future that completes before its timeout is not affected by it", () => {
    const { exit } = runMain(`
      local f = funcs.new():with_options({ timeout = "5s" }):async("app:slow")
      time.sleep("10s")
      local r, err = f:result()
      return { r:data(), err == nil }`);
    expect(exit).toEqual(normal(["slow done", true]));
  });

  it("several futures work with channel.select (first to complete)", () => {
    const { exit } = runMain(`
      local slow, fast = funcs.async("app:slow"), funcs.async("app:add", 20, 22)
      local r = channel.select { slow:channel():case_receive(), fast:channel():case_receive() }
      return { r.channel == fast:channel(), r.value:data() }`);
    expect(exit).toEqual(normal([true, 42]));
  });

  it("calls still running when the caller exits are stopped", () => {
    const t = funcsWorld(`funcs.async("app:forever"); funcs.async("app:forever"); return true`);
    const pid = t.spawn("app:main");
    t.settle();
    expect(t.exit(pid)).toEqual(normal(true));
    expect(t.kernel.processCount).toBe(0);
  });
});
