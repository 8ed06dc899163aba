import { describe, expect, it } from "vitest";
import type { Entry } from "@wippy/shared";
import { effectiveState } from "./last-good";

const host: Entry = { id: "app:h", kind: "process.host", meta: {}, data: { host: { workers: 1 } } };
const proc = (source: string, id = "app:p"): Entry => ({ id, kind: "process.lua", meta: {}, data: { source, method: "main" } });
const svc = (id: string, process = "app:p", deps: string[] = []): Entry => ({
  id,
  kind: "process.service",
  meta: {},
  data: { process, host: "app:h", lifecycle: { auto_start: true, depends_on: deps } },
});
const GOOD = "return { main = function() return 1 end }";
const state = (...entries: Entry[]) => new Map(entries.map((e) => [e.id, e]));

describe("effectiveState (the last good configuration)", () => {
  it("passes a good state through", () => {
    const r = effectiveState([host, proc(GOOD), svc("app:s")], new Map());
    expect(r.problems).toEqual([]);
    expect([...r.entries.keys()].sort()).toEqual(["app:h", "app:p", "app:s"]);
  });

  it("holds Lua that does not compile at its last good revision", () => {
    const before = state(host, proc(GOOD), svc("app:s"));
    const r = effectiveState([host, proc("return { main = function( }"), svc("app:s")], before);
    expect(r.held).toEqual(["app:p"]);
    expect(r.entries.get("app:p")).toBe(before.get("app:p"));
    expect(r.problems[0]?.message).toMatch(/app:p: Lua does not compile/);
  });

  it("leaves out a new entry that cannot run (nothing to fall back to)", () => {
    const before = state(host, proc(GOOD));
    const r = effectiveState([host, proc(GOOD), svc("app:orphan", "app:missing")], before);
    expect(r.held).toEqual(["app:orphan"]);
    expect(r.entries.has("app:orphan")).toBe(false);
  });

  it("reverts every member of a dependency cycle", () => {
    const before = state(host, proc(GOOD), svc("app:a"), svc("app:b"));
    const r = effectiveState([host, proc(GOOD), svc("app:a", "app:p", ["app:b"]), svc("app:b", "app:p", ["app:a"])], before);
    expect(r.held).toEqual(["app:a", "app:b"]);
    expect(r.entries.get("app:a")).toBe(before.get("app:a"));
    expect(r.entries.get("app:b")).toBe(before.get("app:b"));
    expect(r.problems.some((p) => /cycle/.test(p.message))).toBe(true);
  });

  it("keeps unrelated changes of the same version", () => {
    const cfg: Entry = { id: "app:cfg", kind: "registry.entry", meta: {}, data: { n: 2 } };
    const before = state(host, proc(GOOD), svc("app:s"), { ...cfg, data: { n: 1 } });
    const r = effectiveState([host, proc("syntax error here"), svc("app:s"), cfg], before);
    expect(r.entries.get("app:cfg")).toBe(cfg);
    expect(r.held).toEqual(["app:p"]);
  });
});
