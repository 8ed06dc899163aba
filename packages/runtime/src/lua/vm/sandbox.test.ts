import { describe, expect, it } from "vitest";
import { luaTest, processEntry, runLua } from "../test-support";

const normal = (value: unknown) => ({ kind: "normal", value });

/** Runs `mutation` in one process, then `check` (an expression) in another on the same host. */
function afterOtherProcess(mutation: string, check: string) {
  const t = luaTest({
    "app:a": processEntry(`return { main = function() ${mutation}; return "done" end }`, { modules: ["time"] }),
    "app:b": processEntry(`return { main = function() return ${check} end }`, { modules: ["time"] }),
  });
  const a = t.spawn("app:a");
  t.settle();
  expect(t.exit(a)).toEqual(normal("done"));
  const b = t.spawn("app:b");
  t.settle();
  return t.exit(b);
}

describe("sandbox globals (LUA_API §2)", () => {
  it.each(["load", "loadstring", "loadfile", "dofile", "collectgarbage", "io", "debug", "package", "fengari"])("%s is absent", (name) => {
    expect(runLua(`return { main = function() return ${name} == nil end }`)).toEqual(normal(true));
  });

  it.each(["execute", "exit", "remove", "rename", "tmpname", "getenv"])("os.%s is absent", (name) => {
    expect(runLua(`return { main = function() return os.${name} == nil end }`)).toEqual(normal(true));
  });

  it("string.dump is absent", () => {
    expect(runLua(`return { main = function() return string.dump == nil end }`)).toEqual(normal(true));
  });

  it.each([
    ["pairs", "function"],
    ["ipairs", "function"],
    ["pcall", "function"],
    ["error", "function"],
    ["tostring", "function"],
    ["unpack", "function"],
    ["print", "function"],
    ["require", "function"],
    ["process", "table"],
    ["channel", "table"],
    ["errors", "table"],
    ["coroutine", "table"],
    ["string", "table"],
    ["table", "table"],
    ["math", "table"],
    ["os", "table"],
    ["integer", "function"],
  ])("%s is a %s", (name, type) => {
    expect(runLua(`return { main = function() return type(${name}) end }`)).toEqual(normal(type));
  });

  it("os keeps time, clock and date; os.time() reads the kernel clock", () => {
    const r = runLua(`return { main = function() return { type(os.time), type(os.clock), type(os.date), os.time() } end }`);
    expect(r).toEqual(normal(["function", "function", "function", 1_700_000_000]));
  });

  it("_G is the process's own environment", () => {
    expect(runLua(`return { main = function() x = 5; return _G.x + rawget(_G, "x") end }`)).toEqual(normal(10));
  });

  it("callable casts convert or raise", () => {
    expect(runLua(`return { main = function() return { integer("12"), number("1.5"), string(3), boolean("true") } end }`)).toEqual(normal([12, 1.5, "3", true]));
    const r = runLua(`return { main = function() return integer("x") end }`);
    expect(r.kind).toBe("crash");
  });

  it("type annotations are stripped and lines are kept", () => {
    const r = runLua(`local function add(a: number, b: number): number
  return a + b
end
return { main = function(): number
  local x: number = add(1, 2)
  error("boom at " .. x)
end }`);
    expect(r).toMatchObject({ kind: "crash", error: { message: "app:main:6: boom at 3", line: 6 } });
  });
});

describe("library isolation: no process changes what another sees", () => {
  it.each([
    ["string.x = 1", "string.x == nil"],
    ["table.insert = nil", "type(table.insert) == 'function'"],
    ["string.upper = function() return 'hacked' end", "('a'):upper() == 'A'"],
    ["getmetatable('').__index.upper = function() return 'hacked' end", "('a'):upper() == 'A' and string.upper('a') == 'A'"],
    ["getmetatable('').__index = nil", "('a'):upper() == 'A'"],
    ["rawset(string, 'lower', nil); rawset(math, 'pi', 3)", "string.lower('A') == 'a' and math.pi > 3.14"],
    ["math.floor = tostring; os.time = nil; coroutine.create = nil", "math.floor(1.5) == 1 and type(os.time) == 'function' and type(coroutine.create) == 'function'"],
    ["process.send = nil; channel.new = nil; errors.new = nil", "type(process.send) == 'function' and type(channel.new) == 'function' and type(errors.new) == 'function'"],
    ["print = nil; pairs = nil", "type(print) == 'function' and type(pairs) == 'function'"],
    ["for k in pairs(string) do string[k] = nil end", "string.format('%d', 1) == '1'"],
    ["local t = require('time'); t.sleep = nil; t.SECOND = 0", "type(require('time').sleep) == 'function' and require('time').SECOND > 0"],
  ])("`%s` is invisible to another process", (mutation, check) => {
    expect(afterOtherProcess(mutation, check)).toEqual(normal(true));
  });

  it("a process sees its own changes, including through string methods", () => {
    const r = runLua(`return { main = function()
      function string.shout(s) return s:upper() .. "!" end
      table.insert = nil
      local removed = table.insert == nil
      getmetatable("").__index.whisper = function(s) return s:lower() end
      return { ("hi"):shout(), removed, ("HI"):whisper() }
    end }`);
    expect(r).toEqual(normal(["HI!", true, "hi"]));
  });

  it("pairs lists a library", () => {
    const r = runLua(`return { main = function()
      local n = 0
      for k, v in pairs(string) do if type(v) == "function" then n = n + 1 end end
      local keys = {}
      for k in pairs(process.event) do keys[#keys + 1] = k end
      table.sort(keys)
      return { n > 10, keys }
    end }`);
    expect(r).toEqual(normal([true, ["CANCEL", "EXIT", "LINK_DOWN", "OUTDATED"]]));
  });

  it.each([
    ["process.event.EXIT = 'x'"],
    ["rawset(process.event, 'EXIT', 'x')"],
    ["process.registry.lookup = nil"],
    ["table.insert(process.event, 1)"],
    ["setmetatable(string, nil)"],
    ["setmetatable(_G, nil)"],
  ])("`%s` raises and changes nothing", (mutation) => {
    const t = luaTest({
      "app:a": processEntry(`return { main = function() ${mutation} end }`),
      "app:b": processEntry(`return { main = function() return process.event.EXIT .. tostring(type(process.registry.lookup)) end }`),
    });
    const a = t.spawn("app:a");
    t.settle();
    expect(t.exit(a)?.kind).toBe("crash");
    const b = t.spawn("app:b");
    t.settle();
    expect(t.exit(b)).toEqual(normal("pid.exitfunction"));
  });

  it("getmetatable of a library or an object is hidden", () => {
    expect(runLua(`return { main = function() return { getmetatable(string), getmetatable(process.inbox()), getmetatable(_G) } end }`)).toEqual(normal([false, false, false]));
  });

  it("math.randomseed cannot reach other processes' random numbers", () => {
    expect(runLua(`return { main = function() math.randomseed(42); return math.random(1, 10) >= 1 end }`)).toEqual(normal(true));
  });
});
