import { describe, expect, it } from "vitest";
import { checkLuaSyntax } from "./check-syntax";
import { runLua } from "./run-lua.testing";
import { stripTypes } from "./strip-types";

/**
 * Cases are written with the annotation between « and »: the input is the text without the
 * markers, the expected output has the marked text turned into spaces (line breaks kept).
 */
function marked(text: string): { input: string; expected: string } {
  const input = text.replace(/[«»]/g, "");
  const expected = text.replace(/«([^»]*)»/g, (_, inner: string) => inner.replace(/[^\r\n]/g, " "));
  return { input, expected };
}

const ANNOTATED: Array<[string, string]> = [
  ["params and return", "function f(a«: number», b«: string?»)«: boolean» return true end"],
  ["local function, array param, tuple return", "local function g(x«: {string}»)«: (number, string?)» return 1 end"],
  ["anonymous function", "local h = function(a«: T», b) return a end"],
  ["method definition", "local M = {}\nfunction M:f(a«: T»)«: R» return self end"],
  ["dotted function name", "local M = {a = {}}\nfunction M.a.f(x«: number») end"],
  ["typed varargs", "local function sum(...«: number»)«: number» return select('#', ...) end"],
  ["named params then varargs", "local function f(a«: any», ...«: any») end"],
  ["generic function", "local function identity«<T>»(x«: T»)«: T» return x end"],
  ["constrained generic", "local function greet«<T: HasName, U>»(obj«: T»)«: string» return obj.name end"],
  ["generic anonymous function", "local id = function«<T>»(x«: T»)«: T» return x end"],
  ["multiple returns", "local function div(a«: number», b«: number»)«: number, number» return a // b, a % b end"],
  ["never return", "local function fail(msg«: string»)«: never» error(msg) end"],
  ["asserts return", "local function check(x«: any»)«: asserts x is string» end"],
  ["local with type", "local x«: number» = 1"],
  ["local without value", "local x«: number?»\nx = 2"],
  ["several locals", 'local a«: number», b«: string» = 1, "x"'],
  ["map type", "local t«: {[string]: number}» = {}"],
  ["record with optional field", "local c«: {host: string, port: number, timeout?: number,}» = {}"],
  ["function type", "local f«: (a: number, b: string) -> boolean» = nil"],
  ["function type with tuple return", "local f«: (number) -> (string, error?)» = nil"],
  ["fun type", "local f«: fun(x: number): string» = nil"],
  ["nested generics close with >>", "local p«: Box<Map<string, number>>» = nil"],
  ["generic close glued to =", "local b«: Box<T>»= nil"],
  ["union with literals", 'local s«: "pending" | "done" | 42 | true» = "done"'],
  ["dotted optional name", "local n«: pkg.sub.Type?» = nil"],
  ["validators", 'local x«: number @min(0) @max(100)» = 50\nlocal e«: string @pattern("^.+@.+$")» = "a@b"'],
  ["validated array and union", "local s«: {number @min(0)}» = {}\nlocal id«: number @min(1) | string @min_len(1)» = 1"],
  ["array suffix and index access", "local a«: string[]», k«: User[\"name\"]» = {}, nil"],
  ["typeof and keyof", "local k«: typeof(x.y)», n«: keyof(User)» = nil, nil"],
  ["conditional type", "local c«: T extends string ? number : boolean» = 1"],
  ["cast ::", "local v = x« :: number»\nlocal w = (y« :: {string}»)[1]"],
  ["cast :: with union", "local v = f(x)« :: string | nil», 2"],
  ["cast as", "local v = x« as User»\nlocal w = g()« as {string}»"],
  ["non-nil assertion", "local name = (user«!»).name\nlocal n = t.x«!» + 1"],
  ["type declaration", '«type Status = "pending" | "active" | "done"»\nlocal s = 1'],
  ["export type with generics", "«export type Box<T> = {value: T}»\nreturn 1"],
  ["intersection type", "«type Person = Named & Aged»"],
  ["interface declaration", "«interface Reader: Closer\n  function read(n: number): string?\nend»\nlocal r = 1"],
  ["type declaration after a statement on one line", 'local a = 1 «type X = number» local b = 2'],
  ["type declaration inside a block", "do «type L = {string}» end"],
];

describe("stripTypes: annotations become spaces", () => {
  it.each(ANNOTATED)("%s", (_name, text) => {
    const { input, expected } = marked(text);
    const { code } = stripTypes(input);
    expect(code).toBe(expected);
    expect(code.length).toBe(input.length);
    expect(checkLuaSyntax(input, "app:case")).toEqual({ ok: true });
  });
});

describe("stripTypes: multi-line type declarations", () => {
  const source = [
    "type Result<T, E> =",
    "    {ok: true, value: T}",
    "    | {ok: false, error: E}",
    "",
    "type Config = {",
    "    host: string,   -- the host: never typed",
    "    port: number,",
    "    handler: (req: Request) -> (Response, error?),",
    "}",
    "local function port(c: Config): number return c.port end",
    "return port({port = 8080})",
  ].join("\n");

  it("keeps every line and every surviving character in place", () => {
    const { code } = stripTypes(source);
    expect(code.split("\n")).toHaveLength(source.split("\n").length);
    expect(code.length).toBe(source.length);
    for (let k = 0; k < source.length; k++) {
      if (code[k] !== " ") expect(code[k]).toBe(source[k]);
    }
    expect(code.split("\n").slice(0, 5).join("").trim()).toBe("");
    expect(code).toContain("-- the host: never typed");
    expect(code.split("\n")[9]).toBe("local function port(c        )         return c.port end");
  });

  it("runs the code after the declarations", () => {
    expect(runLua(source)).toEqual({ ok: true, value: 8080 });
  });
});

describe("stripTypes: plain Lua is left alone", () => {
  const UNTOUCHED: Array<[string, string]> = [
    ["strings with colons", `local s = "a: number" .. 'b :: T' .. "type X = 1" .. "x as Y"`],
    ["escaped quotes", `local s = "say \\"x: number\\"" .. 'it\\'s :: T'`],
    ["long strings", "local s = [==[\nlocal x: number = 1 ]] :: T\n]==] .. [[a: b]]"],
    ["comments", "-- local x: number\nlocal y = 1 --[[ function f(a: T): R ]] --[==[ :: T ]==]"],
    ["method calls", 'local u = s:upper() .. obj:method(x):other{1} .. obj:m"str"\nobj:call(a, b)'],
    ["method definition without types", "function M:f(a, b) return self end"],
    ["goto labels", "for i = 1, 3 do\n  if i == 2 then goto continue end\n  ::continue::\nend\n:: done ::"],
    ["type as a function and a field", 'if type(x) == "table" then t.type = x.type end\nlocal r = {type = 1}'],
    ["type as a local name", "local type = 1\ntype = type + 1"],
    ["as and export as names", "local as, export = 1, {}\nexport.as = as\nprint(as)\nexport:as(1)"],
    ["callable casts", 'local n = integer("12") + number(x) .. string(1) .. tostring(boolean("true"))'],
    ["comparisons and bit operators", "local b = a < c and a >= d or (x | y) & ~z >> 1"],
    ["varargs and concat", "local function f(...) return ... end\nlocal s = 'a' .. 'b'"],
    ["semicolons and numbers", "local a = 0x1p4; local b = 3e-2; local c = .5"],
  ];

  it.each(UNTOUCHED)("%s", (_name, source) => {
    expect(stripTypes(source).code).toBe(source);
  });
});

describe("checkLuaSyntax", () => {
  it("accepts a typed module", () => {
    const source = "local function main(input: string?): (string, error?)\n  return input or 'x', nil\nend\nreturn { main = main }";
    expect(checkLuaSyntax(source, "app:hello")).toEqual({ ok: true });
  });

  it("reports the original line after a multi-line type declaration", () => {
    const source = ["type User = {", "  name: string,", "  age: number", "}", "local x = = 1"].join("\n");
    expect(checkLuaSyntax(source, "app:hello")).toEqual({
      ok: false,
      line: 5,
      message: "app:hello:5: unexpected symbol near '='",
    });
  });

  it("reports a bad statement after annotated functions with Lua's wording", () => {
    const source = [
      "local function add(a: number, b: number): number",
      "  return a + b",
      "end",
      "local y: number = (1 + )",
    ].join("\n");
    expect(checkLuaSyntax(source, "app:hello")).toEqual({
      ok: false,
      line: 4,
      message: "app:hello:4: unexpected symbol near ')'",
    });
  });

  it("leaves an unreadable annotation to the compiler, at its line", () => {
    const result = checkLuaSyntax("local a = 1\nlocal x: = 5\n", "app:hello");
    expect(result).toEqual({ ok: false, line: 2, message: "app:hello:2: unexpected symbol near ':'" });
  });

  it("reports unfinished code at the last line with the full entry id", () => {
    const id = "app.very.long.namespace.for.testing.chunk.names:handler_with_a_long_name";
    const result = checkLuaSyntax("local function f(x: number)\n  return x\n", id);
    expect(result).toEqual({ ok: false, line: 3, message: `${id}:3: 'end' expected (to close 'function' at line 1) near <eof>` });
  });

  it("counts CRLF line breaks like Lua", () => {
    const source = "type P = {\r\n  x: number,\r\n}\r\nlocal p: P = {x = 1}\r\nlocal = 2\r\n";
    expect(stripTypes(source).code.match(/\r\n/g)).toHaveLength(5);
    expect(checkLuaSyntax(source, "app:crlf")).toEqual({ ok: false, line: 5, message: "app:crlf:5: <name> expected near '='" });
  });

  it("does not mistake `!=` for a non-nil assertion", () => {
    expect(checkLuaSyntax("local a, b = 1, 2\na != b", "app:x")).toMatchObject({ ok: false, line: 2 });
  });
});

describe("stripped code runs in fengari", () => {
  it("an annotated add returns 3", () => {
    const source = "local function add(a: number, b: number): number\n  return a + b\nend\nreturn add(1, 2)";
    expect(runLua(source)).toEqual({ ok: true, value: 3 });
  });

  it("casts, generics, methods and labels behave as plain Lua", () => {
    const source = [
      "type Counter = {n: integer}",
      "local C = {}",
      "function C:inc(by: integer?): Counter self.n = self.n + (by or 1) return self end",
      "local function first<T>(xs: {T}): T? return xs[1] end",
      "local c: Counter = setmetatable({n = 0}, {__index = C}) :: Counter",
      "for i = 1, 3 do",
      "  if i == 2 then goto skip end",
      "  c:inc(first({i}) as integer)",
      "  ::skip::",
      "end",
      "return c.n",
    ].join("\n");
    expect(runLua(source)).toEqual({ ok: true, value: 4 });
  });
});
