import { describe, expect, it } from "vitest";
import { luaTest, processEntry } from "../test-support";

const normal = (value: unknown) => ({ kind: "normal", value });

function run(source: string, data: Record<string, unknown>, libraries: Record<string, { source: string; modules?: string[] }> = {}) {
  const entries: Record<string, { kind: string; source: string; data?: Record<string, unknown> }> = { "app:main": processEntry(source, data) };
  for (const [id, lib] of Object.entries(libraries)) entries[id] = { kind: "library.lua", source: lib.source, data: { modules: lib.modules ?? [] } };
  const t = luaTest(entries);
  const pid = t.spawn("app:main");
  t.settle();
  return t.exit(pid);
}

describe("require (LUA_API §2)", () => {
  it("a listed module loads; the same value every time", () => {
    expect(run(`return { main = function() local a = require("json"); return { a == require("json"), a.encode({1}) } end }`, { modules: ["json"] })).toEqual(normal([true, "[1]"]));
  });

  it("a module not listed in modules: fails naming the module and the entry", () => {
    expect(run(`return { main = function() return require("json") end }`, { modules: ["time"] })).toMatchObject({
      kind: "crash",
      error: { message: "app:main:1: module 'json' is not listed in modules: of app:main" },
    });
  });

  it("a listed module the runtime does not have fails", () => {
    expect(run(`return { main = function() return require("http") end }`, { modules: ["http"] })).toMatchObject({
      kind: "crash",
      error: { message: expect.stringMatching(/module 'http' is not available/) },
    });
  });

  it("global modules can be required without listing", () => {
    expect(run(`return { main = function() return require("process") == process end }`, {})).toEqual(normal(true));
  });

  it("imports: a library.lua under an alias, loaded once per process, with its own modules", () => {
    const r = run(
      `local util = require("util")
       return { main = function() return { util.double(21), util.encode({ 1 }), util == require("util"), util.loads() } end }`,
      { imports: { util: "app:util" } },
      {
        "app:util": {
          source: `local json = require("json")
            local loads = (loads_counter or 0) + 1
            loads_counter = loads
            return { double = function(x) return x * 2 end, encode = json.encode, loads = function() return loads end }`,
          modules: ["json"],
        },
      },
    );
    expect(r).toEqual(normal([42, "[1]", true, 1]));
  });

  it("a library cannot require what its own modules: do not list", () => {
    const r = run(`return { main = function() return require("lib") end }`, { imports: { lib: "lib2" }, modules: ["json"] }, { "app:lib2": { source: `return require("json")` } });
    expect(r).toMatchObject({ kind: "crash", error: { message: expect.stringMatching(/module 'json' is not listed in modules: of app:lib2/) } });
  });

  it("an import of a missing library fails clearly", () => {
    expect(run(`return { main = function() return require("gone") end }`, { imports: { gone: "app:gone" } })).toMatchObject({
      kind: "crash",
      error: { message: expect.stringMatching(/library app:gone \(imported by app:main\) not found/) },
    });
  });
});
