import { describe, expect, it } from "vitest";
import { runLua, type LuaOutcome } from "./run-lua.testing";

// Not `return <expr>`: a tail call drops the caller's frame, and with it the line to report.
const run = (expression: string): LuaOutcome =>
  runLua(`local v = ${expression}\nreturn v`, { casts: true, chunkName: "app:casts" });
const ok = (value: string | number | boolean): LuaOutcome => ({ ok: true, value });

describe("callable casts", () => {
  it.each<[string, LuaOutcome]>([
    ['integer("12")', ok(12)],
    ['math.type(integer("12"))', ok("integer")],
    ['integer(" 0x10 ")', ok(16)],
    ["integer(3.0)", ok(3)],
    ["math.type(integer(3.0))", ok("integer")],
    ["integer(7)", ok(7)],
    ['number("1.5")', ok(1.5)],
    ["number(2)", ok(2)],
    ["string(12)", ok("12")],
    ["string(true)", ok("true")],
    ['string("x")', ok("x")],
    ['string(setmetatable({}, {__tostring = function() return "obj" end}))', ok("obj")],
    ['boolean("true")', ok(true)],
    ['boolean("0")', ok(false)],
    ["boolean(1)", ok(true)],
    ["boolean(false)", ok(false)],
  ])("%s", (expression, expected) => {
    expect(run(expression)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['integer("x")', 'cannot cast string "x" to integer'],
    ["integer(3.5)", "cannot cast float 3.5 to integer"],
    ["integer(nil)", "cannot cast nil to integer"],
    ["number({})", "cannot cast table to number"],
    ["string(nil)", "cannot cast nil to string"],
    ['boolean("yes")', 'cannot cast string "yes" to boolean'],
    ["boolean(2)", "cannot cast integer 2 to boolean"],
  ])("%s raises at the caller's line", (expression, message) => {
    expect(run(expression)).toEqual({ ok: false, error: `app:casts:1: ${message}` });
  });

  it("raises an Invalid error object when the sandbox has `errors`", () => {
    const source = [
      "errors = { new = function(spec) return setmetatable(spec, {__tostring = function(e) return e.kind .. ': ' .. e.message end}) end }",
      'local ok, err = pcall(integer, "x")',
      "return tostring(err)",
    ].join("\n");
    expect(runLua(source, { casts: true })).toEqual(ok('Invalid: cannot cast string "x" to integer'));
  });

  it("keeps the string library usable", () => {
    expect(run('string.upper("a") .. ("b"):rep(2) .. string(1)')).toEqual(ok("Abb1"));
  });
});
