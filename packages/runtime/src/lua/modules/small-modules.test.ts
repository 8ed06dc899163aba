import { describe, expect, it } from "vitest";
import { Channel } from "../../kernel";
import { luaTest, processEntry, runLua } from "../test-support";
import type { TerminalIo } from "./io";

const normal = (value: unknown) => ({ kind: "normal", value });

describe("uuid", () => {
  it("v4 is a random version-4 UUID; v7 is time-ordered; validate and version", () => {
    const r = runLua(`local uuid = require("uuid")
      return { main = function()
        local a, b = uuid.v4(), uuid.v4()
        local v, err = uuid.version("nope")
        return { a ~= b, uuid.validate(a), uuid.version(a), uuid.version(uuid.v7()), uuid.validate("x"), v == nil, err:kind() }
      end }`);
    expect(r).toEqual(normal([true, true, 4, 7, false, true, "Invalid"]));
  });
});

describe("ctx", () => {
  it("get / all with and without values", () => {
    const t = luaTest({
      "app:c": processEntry(`local ctx = require("ctx")
        return { main = function()
          local v = ctx.get("user")
          local missing, err = ctx.get("nope")
          local empty, err2 = ctx.get("")
          return { v, missing == nil, err:kind(), empty == nil, err2:kind(), ctx.all().user }
        end }`, { modules: ["ctx"] }),
    });
    const pid = t.spawn("app:c", [], { context: { user: "ada" } });
    t.settle();
    expect(t.exit(pid)).toEqual(normal(["ada", true, "NotFound", true, "Invalid", "ada"]));
  });
});

describe("logger", () => {
  it("colon-style levels with fields, :with and :named; pid and entry on every line", () => {
    const t = luaTest({
      "app:l": processEntry(`local logger = require("logger")
        return { main = function()
          logger:info("hello", { a = 1 })
          local child = logger:with({ request = "r1" }):named("auth")
          child:warn("careful")
          local bad, err = logger:named("")
          logger:debug("dbg")
          logger:error("bad")
          return { bad == nil, err:kind() }
        end }`, { modules: ["logger"] }),
    });
    const pid = t.spawn("app:l");
    t.settle();
    expect(t.exit(pid)).toEqual(normal([true, "Invalid"]));
    expect(t.logs).toEqual([
      { level: "info", fields: { a: 1, pid, entry: "app:l", version: 0 }, message: "hello" },
      { level: "warn", fields: { request: "r1", pid, entry: "app:l", version: 0, logger: "auth" }, message: "careful" },
      { level: "debug", fields: { pid, entry: "app:l", version: 0 }, message: "dbg" },
      { level: "error", fields: { pid, entry: "app:l", version: 0 }, message: "bad" },
    ]);
  });
});

describe("io (terminal hosts)", () => {
  it("print, write, readline (nil at end of input), args", () => {
    const out: string[] = [];
    const lines = new Channel<string>(10);
    lines.trySend("first");
    lines.trySend("second");
    lines.close();
    const terminal: TerminalIo = { write: (s) => void out.push(s), lines, args: ["-v", "x"] };
    const r = runLua(
      `return { main = function()
        io.print("a", 1, true)
        io.write("b", 2)
        return { io.readline(), io.readline(), io.readline() == nil, io.args() }
      end }`,
      [],
      { terminal },
    );
    expect(r).toEqual(normal(["first", "second", true, ["-v", "x"]]));
    expect(out).toEqual(["a\t1\ttrue\n", "b2"]);
  });

  it("io is absent on other hosts", () => {
    expect(runLua(`return { main = function() return io == nil end }`)).toEqual(normal(true));
  });
});
