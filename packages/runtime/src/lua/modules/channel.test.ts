import { describe, expect, it } from "vitest";
import { luaTest, processEntry, runLua } from "../test-support";

const normal = (value: unknown) => ({ kind: "normal", value });
const run = (body: string) => runLua(`local time = require("time")\nreturn { main = function()\n${body}\nend }`, [], { ms: 60_000 });

describe("channels (LUA_API §4)", () => {
  it.each([
    ["unbuffered", 0],
    ["buffered", 2],
  ])("%s: values arrive in order between coroutines", (_name, size) => {
    const r = run(`
      local ch = channel.new(${size})
      coroutine.spawn(function() for i = 1, 5 do ch:send(i) end; ch:close() end)
      local got = {}
      while true do
        local v, ok = ch:receive()
        if not ok then break end
        got[#got + 1] = v
      end
      return got`);
    expect(r).toEqual(normal([1, 2, 3, 4, 5]));
  });

  it("an unbuffered send waits for the receiver; a buffered one until there is room", () => {
    const r = run(`
      local log = {}
      local unbuffered, buffered = channel.new(), channel.new(1)
      coroutine.spawn(function()
        unbuffered:send("u"); log[#log + 1] = "u sent"
        buffered:send("b1"); log[#log + 1] = "b1 sent"
        buffered:send("b2"); log[#log + 1] = "b2 sent"
      end)
      time.sleep("1s"); log[#log + 1] = "slept"
      log[#log + 1] = unbuffered:receive()
      time.sleep("1s"); log[#log + 1] = "slept"
      log[#log + 1] = buffered:receive()
      time.sleep("1s")
      log[#log + 1] = (buffered:receive())
      return log`);
    expect(r).toEqual(normal(["slept", "u", "u sent", "b1 sent", "slept", "b1", "b2 sent", "b2"]));
  });

  it("closed: receive drains then gives nil, false; send raises; close is idempotent", () => {
    const r = run(`
      local ch = channel.new(2)
      ch:send("a"); ch:send(nil)
      ch:close(); ch:close()
      local a, ok1 = ch:receive()
      local b, ok2 = ch:receive()
      local c, ok3 = ch:receive()
      local sent, err = pcall(ch.send, ch, "x")
      return { a, ok1, b == nil, ok2, c == nil, ok3, sent, tostring(err):match("send on closed channel") ~= nil }`);
    expect(r).toEqual(normal(["a", true, true, true, true, false, false, true]));
  });

  it("a receiver blocked on a channel that gets closed wakes with nil, false", () => {
    const r = run(`
      local ch = channel.new()
      coroutine.spawn(function() time.sleep("1s"); ch:close() end)
      local v, ok = ch:receive()
      return { v == nil, ok }`);
    expect(r).toEqual(normal([true, false]));
  });

  it("tables sent on a channel are the same table (same process)", () => {
    expect(run(`local ch = channel.new(1); local t = {}; ch:send(t); return ch:receive() == t`)).toEqual(normal(true));
  });

  it("channels compare by identity", () => {
    expect(run(`local a, b = channel.new(), channel.new(); return { a == a, a == b, process.inbox() == process.inbox() }`)).toEqual(normal([true, false, true]));
  });
});

describe("channel.select", () => {
  it("without default: waits for the first ready case and says which", () => {
    const r = run(`
      local a, b = channel.new(), channel.new()
      coroutine.spawn(function() time.sleep("2s"); a:send("from a") end)
      coroutine.spawn(function() time.sleep("1s"); b:send("from b") end)
      local r = channel.select { a:case_receive(), b:case_receive() }
      return { r.channel == b, r.value, r.ok }`);
    expect(r).toEqual(normal([true, "from b", true]));
  });

  it("without default: the first ready case in order wins", () => {
    expect(run(`
      local a, b = channel.new(1), channel.new(1)
      a:send(1); b:send(2)
      local r = channel.select { b:case_receive(), a:case_receive() }
      return { r.channel == b, r.value }`)).toEqual(normal([true, 2]));
  });

  it("with default and nothing ready → {default = true, ok = true}", () => {
    expect(run(`local r = channel.select { channel.new():case_receive(), default = true }; return { r.default, r.ok, r.channel == nil }`)).toEqual(normal([true, true, true]));
  });

  it("with default and a ready case → that case", () => {
    expect(run(`local ch = channel.new(1); ch:send(7); local r = channel.select { ch:case_receive(), default = true }; return { r.default == nil, r.value }`)).toEqual(normal([true, 7]));
  });

  it("send cases: completes when the channel takes the value", () => {
    const r = run(`
      local ch = channel.new()
      coroutine.spawn(function() time.sleep("1s"); ch:receive() end)
      local r = channel.select { ch:case_send("v") }
      return { r.channel == ch, r.value, r.ok }`);
    expect(r).toEqual(normal([true, "v", true]));
  });

  it("a closed channel in a receive case is ready with ok = false", () => {
    expect(run(`local ch = channel.new(); ch:close(); local r = channel.select { ch:case_receive() }; return { r.ok, r.value == nil }`)).toEqual(normal([false, true]));
  });

  it("a send case on a closed channel raises", () => {
    const r = run(`local ch = channel.new(); ch:close(); return pcall(channel.select, { ch:case_send(1) })`);
    expect(r).toMatchObject({ kind: "normal", value: false });
  });

  it("a timeout with time.after", () => {
    const r = run(`
      local never = channel.new()
      local timeout = time.after("5s")
      local started = time.now()
      local r = channel.select { never:case_receive(), timeout:case_receive() }
      return { r.channel == timeout, time.now():sub(started):seconds(), r.value:unix() == time.now():unix() }`);
    expect(r).toEqual(normal([true, 5, true]));
  });

  it("a case that is not a case is a clear error", () => {
    const r = run(`return channel.select { "nope" }`);
    expect(r).toMatchObject({ kind: "crash", error: { message: expect.stringMatching(/case 1 is a string, not a channel case/) } });
  });

  it("runtime channels are receive-only", () => {
    const r = run(`return pcall(function() process.inbox():send(1) end)`);
    expect(r).toMatchObject({ kind: "normal", value: false });
  });
});

describe("channels across processes", () => {
  it("a channel cannot be sent to another process", () => {
    const t = luaTest({ "app:main": processEntry(`return { main = function() return process.send(process.pid(), "t", channel.new()) end }`) });
    const pid = t.spawn("app:main");
    t.settle();
    expect(t.exit(pid)).toMatchObject({ kind: "error", error: { kind: "Invalid", message: expect.stringMatching(/cannot copy a channel value/) } });
  });
});
