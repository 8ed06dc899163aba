import { describe, expect, it } from "vitest";
import { getPath, setPath } from "./json-path";

describe("json paths", () => {
  it("reads nested values and the whole object for an empty path", () => {
    const data = { host: { workers: 4 } };
    expect(getPath(data, "host.workers")).toBe(4);
    expect(getPath(data, "host.missing")).toBeUndefined();
    expect(getPath(data, "")).toBe(data);
  });

  it("sets without mutating, creating parents", () => {
    const data = { a: 1 };
    const next = setPath(data, "lifecycle.restart.max_delay", "5s");
    expect(next).toEqual({ a: 1, lifecycle: { restart: { max_delay: "5s" } } });
    expect(data).toEqual({ a: 1 });
  });

  it("removes a value and the parents it leaves empty", () => {
    const data = { a: 1, lifecycle: { restart: { max_delay: "5s" } } };
    expect(setPath(data, "lifecycle.restart.max_delay", undefined)).toEqual({ a: 1 });
  });
});
