import { describe, expect, it } from "vitest";
import { runLua } from "../test-support";

const normal = (value: unknown) => ({ kind: "normal", value });
const echo = (value: unknown) => runLua(`return { main = function(v) return v end }`, [value]);
const returns = (lua: string) => runLua(`return { main = function() return ${lua} end }`);

describe("values between processes: Lua → JS plain data", () => {
  it.each([
    ["{}", []],
    ["{1, 2, 3}", [1, 2, 3]],
    ["{1, nil, 3}", [1, null, 3]],
    ["{a = 1, b = {c = true}}", { a: 1, b: { c: true } }],
    ["{1, 2, x = 3}", { "1": 1, "2": 2, x: 3 }],
    ["{[10] = 'a'}", { "10": "a" }],
    ["{[1.5] = 'f'}", { "1.5": "f" }],
    ["1.5", 1.5],
    ["2^31", 2147483648],
    ["'\\xff\\xfe'", new Uint8Array([0xff, 0xfe])],
    ["'héllo'", "héllo"],
  ])("%s", (lua, js) => {
    expect(returns(lua)).toEqual(normal(js));
  });

  it.each([
    ["{[true] = 1}", /cannot copy a table with a boolean key/],
    ["{ {{ coroutine.create(print) }} }", /cannot copy a thread value \(at \[1\]\[1\]\[1\]\)/],
  ])("%s cannot be copied", (lua, message) => {
    expect(returns(lua)).toMatchObject({ kind: "crash", error: { kind: "Invalid", message: expect.stringMatching(message) } });
  });

  it("shared (non-cyclic) subtables are copied twice", () => {
    expect(returns(`(function() local s = {1} return { a = s, b = s } end)()`)).toEqual(normal({ a: [1], b: [1] }));
  });

  it("nesting deeper than 128 levels is Invalid", () => {
    expect(returns(`(function() local t = {} local c = t for i = 1, 200 do c[1] = {} c = c[1] end return t end)()`)).toMatchObject({
      kind: "crash",
      error: { message: expect.stringMatching(/nested more than 128 levels/) },
    });
  });
});

describe("values between processes: JS → Lua", () => {
  it.each([
    [[1, null, 3], [1, null, 3]],
    [{ a: [1, { b: "c" }] }, { a: [1, { b: "c" }] }],
    [{ skip: null, keep: 1 }, { keep: 1 }],
    [3_000_000_000, 3_000_000_000],
    [-2147483648, -2147483648],
    [0.5, 0.5],
    ["text", "text"],
    [true, true],
  ])("%j round-trips as %j", (input, output) => {
    expect(echo(input)).toEqual(normal(output));
  });

  it("integers that fit 32 bits are Lua integers; larger ones floats", () => {
    expect(runLua(`return { main = function(a, b) return { math.type(a), math.type(b) } end }`, [7, 2 ** 40])).toEqual(normal(["integer", "float"]));
  });
});
