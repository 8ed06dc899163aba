import { describe, expect, it } from "vitest";
import { ErrorValue } from "@wippy/runtime/lua";
import { toJsonValue } from "./json-value";

describe("toJsonValue (a Lua function's result as JSON)", () => {
  it("keeps plain data as it is", () => {
    expect(toJsonValue({ a: [1, "two", true, null], b: { c: 1.5 } })).toEqual({ a: [1, "two", true, null], b: { c: 1.5 } });
  });

  it("maps what JSON cannot hold instead of dropping it", () => {
    expect(toJsonValue(undefined)).toBeNull();
    expect(toJsonValue([1, undefined, 3])).toEqual([1, null, 3]);
    expect(toJsonValue(Infinity)).toBe("Infinity");
    expect(toJsonValue(Number.NaN)).toBe("NaN");
    expect(toJsonValue(new Uint8Array([0x68, 0x69, 0xff]))).toBe("hi\uFFFD");
    expect(toJsonValue({ err: new ErrorValue("NotFound", "no such thing", { stack: "…" }) })).toEqual({ err: { kind: "NotFound", message: "no such thing" } });
  });
});
