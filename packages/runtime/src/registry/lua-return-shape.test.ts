import { describe, expect, it } from "vitest";
import { detectReturnShape } from "./lua-return-shape";

describe("detectReturnShape", () => {
  it.each([
    ["return { main = main }", ["main"]],
    ["return {}", []],
    ["return { a = 1, b = function() end; c = {x = 1}, }", ["a", "b", "c"]],
    ['return {\n  -- the entry point\n  main = main,\n  ["other"] = other,\n}', ["main", "other"]],
    ['return { run = run, msg = "a, b = c", long = [[ x = { ]], eq = a == b }', ["run", "msg", "long", "eq"]],
    ["return { main, other }", null],
    ["return { [1] = main }", null],
  ])("reads the table constructor %j", (source, keys) => {
    expect(detectReturnShape(source)).toEqual({ kind: "table", keys });
  });

  it("sees a bare function", () => {
    expect(detectReturnShape("return function(x) return x end")).toEqual({ kind: "function" });
    expect(detectReturnShape("local function main() end\nreturn main\n")).toEqual({ kind: "function" });
    expect(detectReturnShape("local main = function() end\nreturn main -- done\n")).toEqual({ kind: "function" });
    expect(detectReturnShape("function main(a: number): number end\nreturn main;")).toEqual({ kind: "function" });
  });

  it("sees a table returned by name, without guessing its keys", () => {
    expect(detectReturnShape("local M = {}\nfunction M.run() end\nreturn M\n")).toEqual({ kind: "table", keys: null });
    expect(detectReturnShape("local M: Api = setmetatable({}, mt)\nreturn M")).toEqual({ kind: "table", keys: null });
  });

  it("only counts the final top-level return", () => {
    expect(detectReturnShape("local function f()\n  return { a = 1 }\nend\nreturn f\n")).toEqual({ kind: "function" });
    expect(detectReturnShape("return { a = 1 }\n-- trailing\n")).toEqual({ kind: "table", keys: ["a"] });
  });

  it("says unknown when it cannot tell", () => {
    expect(detectReturnShape("print('no return')")).toEqual({ kind: "unknown" });
    expect(detectReturnShape("return require('x')")).toEqual({ kind: "unknown" });
    expect(detectReturnShape("return mystery")).toEqual({ kind: "unknown" });
  });
});
