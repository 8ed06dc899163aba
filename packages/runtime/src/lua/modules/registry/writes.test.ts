import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTargets } from "@wippy/db/testing";
import { RegistryView } from "../../../registry/view";
import { entry, luaWithRegistry, normal, registryWorld, runRegistryLua, untilExit, type RegistryWorld } from "./registry-world.testing";

describe.each(testTargets())("registry writes on $name PostgreSQL (LUA_API §7)", (target) => {
  let world: RegistryWorld;

  beforeAll(async () => {
    world = await registryWorld(target);
    await world.write([
      { op: "create", entry: entry("w:keep", "registry.entry", { v: 1 }) },
      { op: "create", entry: entry("w:old", "registry.entry", { v: 1 }) },
    ]);
  });
  afterAll(async () => world?.close());

  const deps = () => ({ view: world.view, store: world.store });

  it("changes: create / update / delete / ops / apply → a new Version the writer reads back at once", async () => {
    const before = world.view.version;
    const { exit } = await runRegistryLua(
      `
      local changes = registry.snapshot():changes()
      local same = changes:create({ id = "w:new", kind = "registry.entry", meta = { type = "x" }, data = { list = { 1, 2 }, empty = {} } })
      changes:update({ id = { ns = "w", name = "keep" }, kind = "registry.entry", data = { v = 2 } }):delete("w:old")
      local ops = changes:ops()
      local v, err = changes:apply()
      local new, keep, old = registry.get("w:new"), registry.get("w:keep"), registry.get("w:old")
      return { same == changes, ops, err == nil, v:id(), registry.current_version():id(),
               new.meta.type, new.data.list, keep.data.v, old == nil }`,
      deps(),
    );
    expect(exit).toEqual(
      normal([
        true,
        // (An empty Lua table comes back to JS as `[]`.)
        [
          { kind: "entry.create", entry: { id: "w:new", kind: "registry.entry", meta: { type: "x" }, data: { list: [1, 2], empty: [] } } },
          { kind: "entry.update", entry: { id: "w:keep", kind: "registry.entry", meta: [], data: { v: 2 } } },
          { kind: "entry.delete", entry: { id: "w:old" } },
        ],
        true,
        before + 1,
        before + 1,
        "x",
        [1, 2],
        2,
        true,
      ]),
    );
    // Only meta and data themselves are maps for sure; a nested empty table is stored as JSON's `[]`.
    expect((await world.store.get("w:new"))?.data).toEqual({ list: [1, 2], empty: [] });
    const info = await world.store.getVersion(before + 1);
    expect(info).toMatchObject({ author: "agent:app:main", source: "agent" });
  });

  it("an empty changeset → nil, Invalid; nothing is written", async () => {
    const before = world.view.version;
    const { exit } = await runRegistryLua(`local v, err = registry.snapshot():changes():apply(); return { v == nil, err:kind(), err:message() }`, deps());
    expect(exit).toEqual(normal([true, "Invalid", "no changes to apply"]));
    expect(await world.store.currentVersion()).toBe(before);
  });

  it.each([
    ["create of an entry that exists", `c:create({ id = "w:keep", kind = "registry.entry" })`],
    ["update of a missing entry", `c:update({ id = "w:ghost", kind = "registry.entry" })`],
    ["delete of a missing entry", `c:delete("w:ghost")`],
  ])("%s → nil, Conflict, and the whole changeset is refused", async (_name, op) => {
    const before = world.view.version;
    const { exit } = await runRegistryLua(
      `
      local c = registry.snapshot():changes()
      c:create({ id = "w:atomic", kind = "registry.entry" })
      ${op}
      local v, err = c:apply()
      return { v == nil, err:kind(), err:retryable(), registry.get("w:atomic") == nil }`,
      deps(),
    );
    expect(exit).toEqual(normal([true, "Conflict", false, true]));
    expect(await world.store.currentVersion()).toBe(before);
    expect(await world.store.get("w:atomic")).toBeNull();
  });

  it("ops planned on a snapshot that went stale conflict at apply time", async () => {
    const t = luaWithRegistry(
      `
      local c = registry.snapshot():changes()
      c:create({ id = "w:race", kind = "registry.entry", data = { by = "lua" } })
      process.inbox():receive()
      local v, err = c:apply()
      return { v == nil, err:kind(), registry.get("w:race").data.by }`,
      deps(),
    );
    const pid = t.spawn("app:main");
    t.settle();
    await world.write([{ op: "create", entry: entry("w:race", "registry.entry", { by: "someone else" }) }]);
    t.kernel.send(pid, "go");
    expect(await untilExit(t, pid)).toEqual(normal([true, "Conflict", "someone else"]));
  });

  it.each([
    ["an id without a namespace", `c:create({ id = "nons", kind = "k" })`],
    ["a missing kind", `c:create({ id = "w:x" })`],
    ["an id that is neither string nor {ns, name}", `c:delete(42)`],
    ["a value that is not data", `c:update({ id = "w:x", kind = "k", data = { f = print } })`],
    ["data that is not a table", `c:create({ id = "w:x", kind = "k", data = "text" })`],
    ["a non-table entry", `c:create("w:x")`],
  ])("%s → nil, Invalid, and nothing is added", async (_name, op) => {
    const { exit } = await runRegistryLua(`local c = registry.snapshot():changes(); local r, err = ${op}; return { r == nil, err:kind(), #c:ops() }`, deps());
    expect(exit).toEqual(normal([true, "Invalid", 0]));
  });

  it("apply_version rolls back and forward as new versions; the writer sees each at once", async () => {
    const base = world.view.version;
    const { exit } = await runRegistryLua(
      `
      local base = registry.current_version()
      local v = registry.snapshot():changes():create({ id = "w:rolled", kind = "registry.entry", data = { n = 1 } }):apply()
      local back, e1 = registry.apply_version(base)
      local after_back = registry.get("w:rolled")
      local forward, e2 = registry.apply_version(v:id())
      local after_forward = registry.get("w:rolled")
      local same, e3 = registry.apply_version(registry.current_version())
      local bad, e4 = registry.apply_version("x")
      local future, e5 = registry.apply_version(1000000)
      return { back, e1 == nil, after_back == nil, forward, after_forward.data.n, registry.current_version():id() - base:id(),
               same, e3:kind(), bad, e4:kind(), future, e5:kind() }`,
      deps(),
    );
    expect(exit).toEqual(normal([true, true, true, true, 1, 3, false, "Invalid", false, "Invalid", false, "NotFound"]));
    const rollback = await world.store.getVersion(base + 2);
    expect(rollback).toMatchObject({ author: "agent:app:main", source: "agent", message: `rollback to version ${base}` });
  });

  it("past the view wait a committed write still returns its Version, with a warning", async () => {
    const stuck = new RegistryView();
    const t = luaWithRegistry(`return registry.snapshot():changes():create({ id = "w:unseen", kind = "registry.entry" }):apply():id()`, {
      view: stuck,
      store: world.store,
      viewWaitMs: 1_000,
    });
    const pid = t.spawn("app:main");
    const exit = await untilExit(t, pid, 250);
    expect(exit).toEqual(normal(await world.store.currentVersion()));
    expect(t.logs.filter((l) => l.level === "warn").map((l) => l.message)).toEqual([expect.stringMatching(/committed but this node's view has not applied it/)]);
  });
});
