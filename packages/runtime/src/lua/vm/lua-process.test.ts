import { describe, expect, it } from "vitest";
import { defineModule } from "../modules/define-module";
import { luaTest, processEntry, runLua } from "../test-support";

const normal = (value: unknown) => ({ kind: "normal", value });

describe("entry code and results (LUA_API §2, §3)", () => {
  it("method picks the function from the returned table; args become parameters", () => {
    const t = luaTest({ "app:m": processEntry(`return { main = function() return "main" end, other = function(a, b) return a .. b end }`, { method: "other" }) });
    const pid = t.spawn("app:m", ["x", "y"]);
    t.settle();
    expect(t.exit(pid)).toEqual(normal("xy"));
  });

  it("a source that returns a bare function is the method", () => {
    expect(runLua(`return function(a) return a * 2 end`, [21])).toEqual(normal(42));
  });

  it.each([
    ["return 1", normal(1)],
    ["return nil", normal(undefined)],
    ["return", normal(undefined)],
    ["return {1, 2, {a = 'b'}}", normal([1, 2, { a: "b" }])],
  ])("`%s` ends with {value}", (body, exit) => {
    expect(runLua(`return { main = function() ${body} end }`)).toEqual(exit);
  });

  it("`return nil, err` is an error exit with that error object", () => {
    const r = runLua(`return { main = function() return nil, errors.new({ message = "nope", kind = errors.NOT_FOUND }) end }`);
    expect(r).toMatchObject({ kind: "error", error: { kind: "NotFound", message: "nope" } });
  });

  it("`return nil, \"text\"` is an error exit with an UNKNOWN error", () => {
    expect(runLua(`return { main = function() return nil, "bad thing" end }`)).toMatchObject({ kind: "error", error: { kind: "", message: "bad thing" } });
  });

  it("a raised error object keeps its kind", () => {
    const r = runLua(`return { main = function() error(errors.new({ message = "later", kind = errors.UNAVAILABLE, retryable = true })) end }`);
    expect(r).toMatchObject({ kind: "crash", error: { kind: "Unavailable", message: "later", retryable: true, entry: "app:main", line: 1 } });
  });

  it("a crash carries entry id, line and a Lua traceback, and is logged once", () => {
    const t = luaTest({ "app:c": processEntry(`local function inner()
  local t = nil
  return t.field
end
return { main = function() return inner() end }`) });
    const pid = t.spawn("app:c");
    t.settle();
    const exit = t.exit(pid);
    expect(exit).toMatchObject({ kind: "crash", error: { entry: "app:c", line: 3 } });
    const error = (exit as unknown as { error: { message: string; stack: string } }).error;
    expect(error.message).toMatch(/^app:c:3: attempt to index a nil value/);
    expect(error.stack).toMatch(/stack traceback:/);
    expect(error.stack).toMatch(/app:c:3: in/);
    const crashes = t.logs.filter((l) => l.level === "error");
    expect(crashes).toHaveLength(1);
    expect(crashes[0]?.fields).toMatchObject({ pid, entry: "app:c", err: { line: 3 } });
  });

  it.each([
    ["return function() end", /bad return value: cannot copy a function value/],
    ["local t = {}; t.self = t; return t", /bad return value: value contains a cycle/],
    ["return { f = print }", /bad return value: cannot copy a function value \(at \.f\)/],
    ["return process.inbox()", /bad return value: cannot copy a channel value/],
  ])("a bad return value (`%s`) is a crash", (body, message) => {
    const r = runLua(`return { main = function() ${body} end }`);
    expect(r).toMatchObject({ kind: "crash", error: { kind: "Invalid", message: expect.stringMatching(message) } });
  });

  it.each([
    ["return 42", /the source must return a function or a table of functions, got number/],
    ["return { other = function() end }", /method 'main' is not a function/],
  ])("a source that cannot start (`%s`) crashes with a clear error", (source, message) => {
    const r = runLua(source);
    expect(r).toMatchObject({ kind: "crash", error: { message: expect.stringMatching(message) } });
  });

  it("a JS exception inside a module ends only that process, as an Internal error", () => {
    const broken = defineModule({
      name: "broken",
      functions: {
        boom: () => {
          throw new TypeError("module bug");
        },
      },
    });
    const t = luaTest(
      {
        "app:bad": processEntry(`return { main = function() require("broken").boom() end }`, { modules: ["broken"] }),
        "app:caught": processEntry(`return { main = function() local ok, err = pcall(require("broken").boom); return err:kind() end }`, { modules: ["broken"] }),
        "app:good": processEntry(`return { main = function() return "fine" end }`),
      },
      { modules: [broken] },
    );
    const bad = t.spawn("app:bad");
    const caught = t.spawn("app:caught");
    const good = t.spawn("app:good");
    t.settle();
    expect(t.exit(bad)).toMatchObject({ kind: "crash", error: { kind: "Internal", message: "internal error: module bug" } });
    expect(t.exit(caught)).toEqual(normal("Internal"));
    expect(t.exit(good)).toEqual(normal("fine"));
  });

  it("print writes a log line for the process", () => {
    const t = luaTest({ "app:p": processEntry(`return { main = function() print("hello", 42, nil, true) end }`) });
    const pid = t.spawn("app:p");
    t.settle();
    expect(t.logs).toContainEqual({ level: "info", fields: { pid, entry: "app:p", version: 0 }, message: "hello\t42\tnil\ttrue" });
  });

  it("a syntax error is refused at spawn with the entry id and line", () => {
    const t = luaTest({ "app:s": processEntry(`return { main = function()\n  local x = = 1\nend }`) });
    const result = t.runtime.spawn("app:s", "app:processes");
    expect(result).toMatchObject({ ok: false, error: { kind: "Invalid", message: expect.stringMatching(/^app:s:2: unexpected symbol near '='/) } });
  });

  it("module-level state is per process", () => {
    const t = luaTest({ "app:counter": processEntry(`local n = 0
return { main = function() n = n + 1; counter_global = (counter_global or 0) + 1; return { n, counter_global } end }`) });
    const a = t.spawn("app:counter");
    const b = t.spawn("app:counter");
    t.settle();
    expect(t.exit(a)).toEqual(normal([1, 1]));
    expect(t.exit(b)).toEqual(normal([1, 1]));
  });
});

describe("blocking inside protected calls and deep recursion", () => {
  it("a blocking call inside pcall waits and returns through pcall", () => {
    const r = runLua(
      `local time = require("time")
      return { main = function()
        local ok, v = pcall(function() time.sleep("1s"); return "slept" end)
        local ok2, err = pcall(function() local ch = channel.new(); ch:close(); ch:send(1) end)
        return { ok, v, ok2, tostring(err):match("send on closed channel") ~= nil }
      end }`,
      [],
      { ms: 5_000 },
    );
    expect(r).toEqual(normal([true, "slept", false, true]));
  });

  it("a raise after waiting (send on a channel closed meanwhile) is catchable", () => {
    const r = runLua(
      `local time = require("time")
      return { main = function()
        local ch = channel.new()
        coroutine.spawn(function() time.sleep("1s"); ch:close() end)
        local ok, err = pcall(ch.send, ch, "x")
        return { ok, tostring(err):match("send on closed channel") ~= nil }
      end }`,
      [],
      { ms: 5_000 },
    );
    expect(r).toEqual(normal([false, true]));
  });

  it("xpcall with a traceback handler", () => {
    const r = runLua(`return { main = function()
      local ok, trace = xpcall(function() error("deep") end, function(e) return "handled: " .. e end)
      return { ok, trace }
    end }`);
    expect(r).toEqual(normal([false, "handled: app:main:2: deep"]));
  });

  it("endless recursion is a stack overflow crash of that process only", () => {
    const t = luaTest({
      "app:deep": processEntry(`local function f(n) return 1 + f(n + 1) end
return { main = function() return f(1) end }`),
      "app:ok": processEntry(`return { main = function() return "ok" end }`),
    });
    const deep = t.spawn("app:deep");
    const ok = t.spawn("app:ok");
    t.settle();
    expect(t.exit(deep)).toMatchObject({ kind: "crash", error: { message: expect.stringMatching(/stack overflow/) } });
    expect(t.exit(ok)).toEqual(normal("ok"));
  });
});
