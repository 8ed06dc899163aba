import { describe, expect, it } from "vitest";
import { checkLua } from "./lua-check";

const ANNOTATED = `type Greeting = { text: string, count: number }

local function greet(name: string, times: number?): Greeting
  local n: number = times or 1
  return { text = "hello " .. (name :: string), count = n }
end

return { greet = greet }
`;

describe("checkLua (the runtime's dialect loader)", () => {
  it("accepts valid code with type annotations, declarations and casts", () => {
    expect(checkLua(ANNOTATED, "app:greet")).toEqual([]);
  });

  it("reports a syntax error in annotated code on its own line, with the column of the token", () => {
    const broken = ANNOTATED.replace('local n: number = times or 1', 'local n: number = times or or 1');
    const [d, ...rest] = checkLua(broken, "app:greet");
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: "error", line: 4, message: expect.stringContaining("near 'or'") as string });
    expect(d?.column).toBe("  local n: number = times or ".length + 1);
    expect(d?.message).not.toContain("app:greet");
  });

  it("puts an unexpected end of file on the last line", () => {
    const [d] = checkLua("local function f(a: number)\n  return a\n", "app:f");
    expect(d).toMatchObject({ line: 3, column: 1, message: expect.stringContaining("<eof>") as string });
  });
});
