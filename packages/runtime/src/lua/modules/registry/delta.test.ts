import { describe, expect, it } from "vitest";
import { RegistryView } from "../../../registry/view";
import type { RegistryStorePort } from "./access";
import { normal, runRegistryLua } from "./registry-world.testing";

/** A store whose every call fails as a database that went away does. */
const unreachable = (): Promise<never> => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:5432"));
const DOWN: RegistryStorePort = { snapshotAt: unreachable, listVersions: unreachable, getVersion: unreachable, apply: unreachable, applyVersion: unreachable, diff: unreachable };

const deps = () => ({ view: new RegistryView(), store: DOWN });

describe("registry.build_delta (registry.md)", () => {
  it("gives the operations that turn `from` into `to`: creates and updates, then deletes with the old entry", async () => {
    const { exit } = await runRegistryLua(
      `
      local from = { { id = "d:a", kind = "k", meta = {}, data = { n = 1 } }, { id = "d:b", kind = "k", data = { n = 1 } }, { id = "d:same", kind = "k" } }
      local to = { { id = "d:b", kind = "k", data = { n = 2 } }, { id = "d:c", kind = "k", meta = { m = true } }, { id = "d:same", kind = "k" }, { id = "broken" }, "junk" }
      local ops, err = registry.build_delta(from, to)
      local out = {}
      for i, op in ipairs(ops) do out[i] = op.kind .. " " .. op.entry.id .. " " .. tostring(op.entry.data and op.entry.data.n) end
      return { out, err == nil }`,
      deps(),
    );
    expect(exit).toEqual(normal([["entry.update d:b 2", "entry.create d:c nil", "entry.delete d:a 1"], true]));
  });

  it("identical states give no operations; a non-table argument raises", async () => {
    const { exit } = await runRegistryLua(
      `local same = registry.build_delta({ { id = "d:a", kind = "k" } }, { { id = "d:a", kind = "k", meta = {}, data = {} } })
       local ok = pcall(registry.build_delta, "x", {})
       return { #same, ok }`,
      deps(),
    );
    expect(exit).toEqual(normal([0, false]));
  });
});

describe("registry with the database away", () => {
  it.each([
    ["versions()", `registry.versions()`],
    ["snapshot_at(an older version)", `registry.snapshot_at(0 + 1)`],
    ["history():get_version(n)", `registry.history():get_version(1)`],
    ["changes:apply()", `registry.snapshot():changes():create({ id = "x:y", kind = "k" }):apply()`],
  ])("%s → nil, Internal; reads from the view still work", async (_name, call) => {
    const { exit } = await runRegistryLua(`local v, err = ${call}; return { v == nil, err:kind(), err:message():find("registry not available") ~= nil, registry.current_version():id() }`, deps());
    expect(exit).toEqual(normal([true, "Internal", true, 0]));
  });

  it("apply_version → false, Internal", async () => {
    const { exit } = await runRegistryLua(`local ok, err = registry.apply_version(1); return { ok, err:kind() }`, deps());
    expect(exit).toEqual(normal([false, "Internal"]));
  });
});
