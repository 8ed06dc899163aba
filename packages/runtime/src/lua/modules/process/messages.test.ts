import { describe, expect, it } from "vitest";
import { LuaRuntime } from "../../runtime";
import { luaTest, processEntry } from "../../test-support";

const normal = (value: unknown) => ({ kind: "normal", value });

function run(main: string, others: Record<string, string> = {}, ms = 10_000) {
  const entries: Record<string, ReturnType<typeof processEntry>> = { "app:main": processEntry(`local time = require("time")\nreturn { main = function(...)\n${main}\nend }`, { modules: ["time"] }) };
  for (const [id, body] of Object.entries(others)) entries[id] = processEntry(`local time = require("time")\nreturn { main = function(...)\n${body}\nend }`, { modules: ["time"] });
  const t = luaTest(entries);
  const pid = t.spawn("app:main");
  t.settle(ms);
  return { exit: t.exit(pid), t, pid };
}

describe("identity", () => {
  it("pid() is {host|id} and stable; id() is the entry id", () => {
    const { exit, pid } = run(`return { process.pid(), process.pid() == process.pid(), process.id() }`);
    expect(exit).toEqual(normal([pid, true, "app:main"]));
    expect(pid).toMatch(/^\{app:processes\|0x[0-9a-f]+\}$/);
  });
});

describe("send and receive (LUA_API §3)", () => {
  it("Message objects: topic, from, payload():data()", () => {
    const { exit, pid } = run(`
      process.send(process.pid(), "greet", { name = "ada", tags = { "x", "y" } })
      local msg = process.inbox():receive()
      return { msg:topic(), msg:from(), msg:payload():data() }`);
    expect(exit).toEqual(normal(["greet", pid, { name: "ada", tags: ["x", "y"] }]));
  });

  it("no payload → data() is nil; several → a table of Payloads", () => {
    const { exit } = run(`
      process.send(process.pid(), "none")
      process.send(process.pid(), "many", 1, "two", { 3 })
      local none = process.inbox():receive()
      local many = process.inbox():receive():payload()
      return { none:payload():data() == nil, #many, many[1]:data(), many[2]:data(), many[3]:data() }`);
    expect(exit).toEqual(normal([true, 3, 1, "two", [3]]));
  });

  it("messages from the system come from \"\"", () => {
    const t = luaTest({ "app:main": processEntry(`return { main = function() local m = process.inbox():receive(); return { m:from(), m:payload():data() } end }`) });
    const pid = t.spawn("app:main");
    t.settle();
    t.kernel.send(pid, "hello", ["world"]);
    t.settle();
    expect(t.exit(pid)).toEqual(normal(["", "world"]));
  });

  it("messages are deep copies: the sender's table is not shared", () => {
    const { exit } = run(`
      local t = { n = 1 }
      process.send(process.pid(), "t", t)
      t.n = 2
      local got = process.inbox():receive():payload():data()
      got.n = 3
      return { t.n, got.n }`);
    expect(exit).toEqual(normal([2, 3]));
  });

  it("messages from one sender arrive in order", () => {
    const { exit } = run(
      `
      local child = process.spawn("app:sender", "app:processes", process.pid())
      local got = {}
      for i = 1, 50 do got[i] = process.inbox():receive():payload():data() end
      for i = 1, 50 do if got[i] ~= i then return false end end
      return true`,
      { "app:sender": `local to = ...; for i = 1, 50 do process.send(to, "n", i) end` },
    );
    expect(exit).toEqual(normal(true));
  });

  it.each([
    ["a topic starting with @", "", `process.pid(), "@inbox", 1`, "Invalid", /reserved/],
    ["an unknown name", "", `"nobody", "t", 1`, "NotFound", /not found/],
    ["a function payload", "", `process.pid(), "t", function() end`, "Invalid", /cannot copy a function value/],
    ["a cyclic payload", "local t = {}; t.t = t", `process.pid(), "t", t`, "Invalid", /cycle/],
    ["a coroutine payload", "", `process.pid(), "t", { co = coroutine.create(print) }`, "Invalid", /cannot copy a thread value \(at \.co\)/],
  ])("%s → nil, err and nothing is sent", (_name, setup, args, kind, message) => {
    const { exit } = run(`
      ${setup}
      local ok, err = process.send(${args})
      local r = channel.select { process.inbox():case_receive(), default = true }
      return { ok == nil, err:kind(), err:message(), r.default == true }`);
    expect(exit).toMatchObject({ kind: "normal", value: [true, kind, expect.stringMatching(message), true] });
  });

  it("a dead pid gives an error whose text contains \"not found\"", () => {
    const { exit } = run(`
      local pid = process.spawn("app:quick", "app:processes")
      time.sleep("1s")
      local ok, err = process.send(pid, "t", 1)
      return { ok == nil, err:kind(), tostring(err):find("not found") ~= nil }`, { "app:quick": `return 1` });
    expect(exit).toEqual(normal([true, "NotFound", true]));
  });

  it("an oversized message is Invalid", () => {
    const t = luaTest({ "app:main": processEntry(`return { main = function() local ok, err = process.send(process.pid(), "big", string.rep("x", 1024 * 1024)); return err and err:kind() end }`) });
    const small = new LuaRuntime({ kernel: t.kernel, resolveEntry: (id) => t.registry.get(id), copyLimits: { maxDepth: 10, maxBytes: 1000 } });
    const pid = small.spawn("app:main", "app:processes");
    t.settle();
    expect(t.exit(pid.ok ? pid.value : "")).toEqual(normal("Invalid"));
  });
});

describe("listen / unlisten", () => {
  it("raw payload data by default; Message objects with {message = true}; the same channel each time", () => {
    const { exit } = run(`
      local raw = process.listen("raw")
      local msgs = process.listen("msgs", { message = true })
      process.send(process.pid(), "raw", { a = 1 })
      process.send(process.pid(), "msgs", "m")
      process.send(process.pid(), "other", "o")
      local m = msgs:receive()
      return { raw:receive().a, m:topic(), m:payload():data(), process.listen("raw") == raw, process.inbox():receive():topic() }`);
    expect(exit).toEqual(normal([1, "msgs", "m", true, "other"]));
  });

  it("after unlisten, messages of the topic go to the inbox", () => {
    const { exit } = run(`
      local ch = process.listen("t")
      local removed = process.unlisten(ch)
      local again = process.unlisten(ch)
      process.send(process.pid(), "t", 1)
      local v, ok = ch:receive()
      return { removed, again, ok, process.inbox():receive():topic() }`);
    expect(exit).toEqual(normal([true, false, false, "t"]));
  });

  it("listening on an @ topic is Invalid", () => {
    const { exit } = run(`local ch, err = process.listen("@events"); return { ch == nil, err:kind() }`);
    expect(exit).toEqual(normal([true, "Invalid"]));
  });
});
