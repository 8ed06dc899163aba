import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTargets } from "@wippy/db/testing";
import { entry, luaWithRegistry, normal, registryWorld, runRegistryLua, untilExit, type RegistryWorld } from "./registry-world.testing";

describe.each(testTargets())("registry reads on $name PostgreSQL (LUA_API §7)", (target) => {
  let world: RegistryWorld;
  let seeded: number;

  beforeAll(async () => {
    world = await registryWorld(target);
    seeded = await world.write([
      { op: "create", entry: entry("app.reg:cfg", "registry.entry", { n: 1, list: [1, 2], nested: { deep: true } }, { type: "config" }) },
      { op: "create", entry: entry("app.reg:check", "function.lua", { source: "return {}" }, { type: "test", suite: "alpha" }) },
      { op: "create", entry: entry("app.reg.sub:other", "registry.entry", {}, { type: "config", tags: ["a", "b"] }) },
      { op: "create", entry: entry("lib:util", "library.lua", { source: "return {}" }) },
    ]);
  });
  afterAll(async () => world?.close());

  const deps = () => ({ view: world.view, store: world.store });

  it("get → the entry as a fresh table; a missing one → nil, NotFound (not retryable)", async () => {
    const { exit } = await runRegistryLua(
      `
      local e = registry.get("app.reg:cfg")
      e.data.n = 99
      e.meta.type = "changed"
      local again = registry.get("app.reg:cfg")
      local missing, err = registry.get("app.reg:nope")
      return { e.id, e.kind, again.data.n, again.meta.type, again.data.list, again.data.nested.deep, missing == nil, err:kind(), err:retryable() }`,
      deps(),
    );
    expect(exit).toEqual(normal(["app.reg:cfg", "registry.entry", 1, "config", [1, 2], true, true, "NotFound", false]));
    expect(world.view.get("app.reg:cfg")?.data.n).toBe(1);
  });

  it.each([
    [{ ".kind": "registry.entry" }, ["app.reg.sub:other", "app.reg:cfg"]],
    [{ "meta.type": "test" }, ["app.reg:check"]],
    [{ ".ns": "app.reg" }, ["app.reg:cfg", "app.reg:check"]],
    [{ "^.name": "c" }, ["app.reg:cfg", "app.reg:check"]],
    [{ "$.id": "util" }, ["lib:util"]],
    [{ "~.ns": "^app\\.reg" }, ["app.reg.sub:other", "app.reg:cfg", "app.reg:check"]],
    [{ "*meta.tags": "b" }, ["app.reg.sub:other"]],
    [{ ".kind": "registry.entry", "meta.type": "config", ".ns": "app.reg" }, ["app.reg:cfg"]],
  ])("find %j", async (filter, ids) => {
    const lua = `local f = ${toLua(filter)}; local es, err = registry.find(f); local ids = {}; for i, e in ipairs(es) do ids[i] = e.id end; return { ids, err == nil }`;
    const { exit } = await runRegistryLua(lua, deps());
    expect(exit).toEqual(normal([ids, true]));
  });

  it("find ignores unknown keys, with a warning in the log", async () => {
    const { exit, t } = await runRegistryLua(`local es = registry.find({ kind = "library.lua", [".kind"] = "library.lua" }); return #es`, deps());
    expect(exit).toEqual(normal(1));
    const warnings = t.logs.filter((l) => l.level === "warn");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(/unknown filter key "kind"/);
    expect(warnings[0]?.fields).toMatchObject({ entry: "app:main" });
  });

  it("parse_id splits at the first colon", async () => {
    const { exit } = await runRegistryLua(`return { registry.parse_id("app.lib:assert"), registry.parse_id("a:b:c"), registry.parse_id("plain") }`, deps());
    expect(exit).toEqual(normal([{ ns: "app.lib", name: "assert" }, { ns: "a", name: "b:c" }, { ns: "", name: "plain" }]));
  });

  it("snapshot(): entries, get, find, namespace, version", async () => {
    const { exit } = await runRegistryLua(
      `
      local snap = registry.snapshot()
      local all, err = snap:entries()
      local ids = {}
      for i, e in ipairs(all) do ids[i] = e.id end
      local got = snap:get("lib:util")
      local none, nerr = snap:get("lib:none")
      local ns = snap:namespace("app.reg")
      return { ids, err == nil, got.kind, none == nil, nerr:kind(), #snap:find({ ["meta.type"] = "config" }), #ns, snap:version():id(), registry.current_version():id() }`,
      deps(),
    );
    const version = world.view.version;
    expect(exit).toEqual(normal([["app.reg.sub:other", "app.reg:cfg", "app.reg:check", "lib:util"], true, "library.lua", true, "NotFound", 2, 2, version, version]));
    expect(version).toBeGreaterThanOrEqual(seeded);
  });

  it("a snapshot keeps its version while the registry moves on; get follows the registry", async () => {
    const t = luaWithRegistry(
      `
      local snap = registry.snapshot()
      process.inbox():receive()
      local old = snap:get("app.reg:cfg")
      local now = registry.get("app.reg:cfg")
      return { old.data.n, now.data.n, snap:version():id() < registry.current_version():id() }`,
      deps(),
    );
    const pid = t.spawn("app:main");
    t.settle();
    await world.write([{ op: "update", entry: entry("app.reg:cfg", "registry.entry", { n: 2, list: [1, 2], nested: { deep: true } }, { type: "config" }) }]);
    t.kernel.send(pid, "go");
    expect(await untilExit(t, pid)).toEqual(normal([1, 2, true]));
    await world.write([{ op: "update", entry: entry("app.reg:cfg", "registry.entry", { n: 1, list: [1, 2], nested: { deep: true } }, { type: "config" }) }]);
  });

  it("snapshot_at an older version reads it from the store; bad versions → nil, err", async () => {
    const before = world.view.version;
    await world.write([{ op: "create", entry: entry("app.later:x") }]);
    const { exit } = await runRegistryLua(
      `
      local v = ...
      local old, err = registry.snapshot_at(v)
      local byObject = registry.snapshot_at(registry.current_version():previous())
      local _, e1 = registry.snapshot_at(-1)
      local _, e2 = registry.snapshot_at(1.5)
      local _, e3 = registry.snapshot_at(1000000)
      local _, e4 = registry.snapshot_at("3")
      local missing = old:get("app.later:x")
      return { err == nil, old:version():id(), missing == nil, #byObject:namespace("app.later"), #registry.snapshot():namespace("app.later"),
               e1:kind(), e2:kind(), e3:kind(), e4:kind() }`,
      deps(),
      [before],
    );
    expect(exit).toEqual(normal([true, before, true, 0, 1, "Invalid", "Invalid", "NotFound", "Invalid"]));
  });

  it("versions(), history() and Version navigation", async () => {
    const { exit } = await runRegistryLua(
      `
      local list, err = registry.versions()
      local hist = registry.history()
      local hlist = hist:versions()
      local cur = registry.current_version()
      local got = hist:get_version(cur:id())
      local _, missing = hist:get_version(1000000)
      local first = list[1]
      local snap = hist:snapshot_at(first)
      return { err == nil, #list, #hlist, list[#list]:id() == cur:id(), got:id() == cur:id(), missing:kind(),
               first:id(), first:previous() == nil, first:next():id(), cur:next() == nil, cur:previous():id() == cur:id() - 1,
               cur:string() == tostring(cur:id()), snap:version():id() }`,
      deps(),
    );
    const head = world.view.version;
    expect(exit).toEqual(normal([true, head, head, true, true, "NotFound", 1, true, 2, true, true, true, 1]));
  });
});

/** A filter as a Lua table constructor. */
function toLua(filter: Record<string, string>): string {
  return `{ ${Object.entries(filter)
    .map(([k, v]) => `[${JSON.stringify(k)}] = ${JSON.stringify(v)}`)
    .join(", ")} }`;
}
