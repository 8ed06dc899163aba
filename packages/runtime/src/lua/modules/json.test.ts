import { describe, expect, it } from "vitest";
import { runLua } from "../test-support";

const normal = (value: unknown) => ({ kind: "normal", value });
const run = (body: string) => runLua(`local json = require("json")\nreturn { main = function()\n${body}\nend }`);

describe("json.encode (LUA_API §6)", () => {
  it.each([
    ["nil", "null"],
    ['"hi"', '"hi"'],
    ["42", "42"],
    ["1.5", "1.5"],
    ["true", "true"],
    ["{}", "[]"],
    ["{1, 2, 3}", "[1,2,3]"],
    ['{b = 1, a = "x"}', '{"a":"x","b":1}'],
    ['{list = {}, nested = {deep = {true}}}', '{"list":[],"nested":{"deep":[true]}}'],
    ["0/0", "null"],
    ["math.huge", "null"],
    ['"quote \\" and \\n"', '"quote \\" and \\n"'],
    ["3000000000", "3000000000"],
  ])("%s → %s", (lua, json) => {
    expect(run(`return json.encode(${lua})`)).toEqual(normal(json));
  });

  it.each([
    ["mixed keys", '{1, 2, x = 3}', /mixed key types/],
    ["a sparse array", "{1, nil, 3}", /sparse array/],
    ["a recursive table", "(function() local t = {} t.t = t return t end)()", /recursive/],
    ["a function", "{ f = print }", /cannot encode a function/],
    ["nesting deeper than 128", "(function() local t = {} local c = t for i = 1, 200 do c.x = {} c = c.x end return t end)()", /nesting exceeds 128/],
  ])("%s → nil, err (Internal)", (_name, lua, message) => {
    expect(run(`local s, err = json.encode(${lua}); return { s == nil, err:kind(), err:message() }`)).toMatchObject({
      kind: "normal",
      value: [true, "Internal", expect.stringMatching(message)],
    });
  });

  it("nesting of exactly 128 levels encodes", () => {
    expect(run(`local t = {} local c = t for i = 1, 127 do c.x = {} c = c.x end return #json.encode(t) > 0`)).toEqual(normal(true));
  });
});

describe("json.decode", () => {
  it("decodes objects, arrays (null → holes), numbers", () => {
    expect(run(`
      local v = json.decode('{"name":"Bob","items":[10,null,30],"big":12345678901,"f":1.5,"ok":true,"none":null}')
      return { v.name, v.items[1], v.items[2] == nil, v.items[3], v.big, math.type(v.big), math.type(v.items[1]), v.f, v.ok, v.none == nil }`)).toEqual(
      normal(["Bob", 10, true, 30, 12345678901, "float", "integer", 1.5, true, true]),
    );
  });

  it.each([
    ['"not json"', "Internal"],
    ['""', "Invalid"],
    ["42", "Invalid"],
    ["nil", "Invalid"],
  ])("json.decode(%s) → nil, %s", (input, kind) => {
    expect(run(`local v, err = json.decode(${input}); return { v == nil, err:kind() }`)).toEqual(normal([true, kind]));
  });

  it("round-trips", () => {
    expect(run(`local s = '{"a":[1,2,{"b":"c"}],"d":"e"}'; return json.encode(json.decode(s)) == s`)).toEqual(normal(true));
  });
});
