/**
 * Registry permissions (issue 9, Wippy's registry.md): `registry.get` refuses single reads and
 * filters lists; `registry.apply` is checked per changed entry and `registry.apply_version`
 * per entry a rollback would change — one refusal, nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTargets } from "@wippy/db/testing";
import { PolicyIndex } from "../../../security";
import { actor, policyEntry } from "../../../security/test-support";
import { securedContext } from "../security/security-world.testing";
import { entry, luaWithRegistry, normal, registryWorld, untilExit, type RegistryWorld } from "./registry-world.testing";

const POLICIES = PolicyIndex.fromEntries([
  policyEntry("sec:read_pub", { actions: "registry.get", resources: "pub:*" }),
  policyEntry("sec:write_pub", { actions: "registry.apply", resources: "pub:*" }),
  policyEntry("sec:no_delete", { actions: "registry.apply", resources: "*", effect: "deny", conditions: [{ field: "meta.op", operator: "eq", value: "delete" }] }),
  policyEntry("sec:rollback_pub", { actions: "registry.apply_version", resources: "pub:*" }),
]);
const USER = securedContext(actor("user:1"), ["sec:read_pub", "sec:write_pub", "sec:no_delete", "sec:rollback_pub"]);

describe.each(testTargets())("registry permissions on $name PostgreSQL", (target) => {
  let world: RegistryWorld;

  beforeAll(async () => {
    world = await registryWorld(target);
    await world.write([
      { op: "create", entry: entry("pub:a", "registry.entry", { v: 1 }) },
      { op: "create", entry: entry("pub:b", "registry.entry", { v: 1 }) },
      { op: "create", entry: entry("priv:secret", "registry.entry", { v: 1 }) },
    ]);
  });
  afterAll(async () => world?.close());

  async function run(main: string, args: unknown[] = []) {
    const t = luaWithRegistry(main, { view: world.view, store: world.store }, { policies: () => POLICIES });
    const pid = t.spawn("app:main", args, { security: USER });
    return untilExit(t, pid);
  }

  it("reads: get is refused outside the grant; lists leave those entries out", async () => {
    const exit = await run(`
      local a = registry.get("pub:a")
      local s, err = registry.get("priv:secret")
      local ids = function(list) local out = {} for _, e in ipairs(list) do out[#out + 1] = e.id end return table.concat(out, ",") end
      local snap = registry.snapshot()
      local sg, serr = snap:get("priv:secret")
      return { a.data.v, s == nil, err:kind(), err:message(), ids(registry.find({ [".kind"] = "registry.entry" })),
               ids(snap:entries()), ids(snap:namespace("priv")), sg == nil, serr:kind() }`);
    expect(exit).toEqual(
      normal([1, true, "PermissionDenied", 'permission denied: registry.get on "priv:secret" (actor user:1: no policy in scope allows it)', "pub:a,pub:b", "pub:a,pub:b", "", true, "PermissionDenied"]),
    );
  });

  it("changes:apply is checked per entry: one refused entry and nothing is written", async () => {
    const before = world.view.version;
    const exit = await run(`
      local changes = registry.snapshot():changes()
      changes:update({ id = "pub:a", kind = "registry.entry", data = { v = 2 } })
      changes:update({ id = "priv:secret", kind = "registry.entry", data = { v = 2 } })
      local v, err = changes:apply()
      local del, derr = registry.snapshot():changes():delete("pub:b"):apply()
      local ok, oerr = registry.snapshot():changes():update({ id = "pub:b", kind = "registry.entry", data = { v = 3 } }):apply()
      return { v == nil, err:message(), del == nil, derr:message(), ok ~= nil }`);
    expect(exit).toEqual(
      normal([
        true,
        'permission denied: registry.apply on "priv:secret" (actor user:1: no policy in scope allows it)',
        true,
        'permission denied: registry.apply on "pub:b" (actor user:1: denied by policy sec:no_delete)',
        true,
      ]),
    );
    expect(world.view.get("pub:a")?.data).toEqual({ v: 1 });
    expect(world.view.get("priv:secret")?.data).toEqual({ v: 1 });
    expect(world.view.version).toBe(before + 1);
  });

  it("apply_version is checked per entry it would change", async () => {
    const base = world.view.version;
    await world.write([{ op: "update", entry: entry("pub:a", "registry.entry", { v: 9 }) }]);
    const onlyPub = await run(`local ok, err = registry.apply_version(...); return { ok, err and err:message() }`, [base]);
    expect(onlyPub).toEqual(normal([true]));
    expect(world.view.get("pub:a")?.data).toEqual({ v: 1 });
    const mixed = world.view.version;
    await world.write([
      { op: "update", entry: entry("pub:a", "registry.entry", { v: 10 }) },
      { op: "update", entry: entry("priv:secret", "registry.entry", { v: 10 }) },
    ]);
    const refused = await run(`local ok, err = registry.apply_version(...); return { ok, err:kind(), err:message() }`, [mixed]);
    expect(refused).toEqual(normal([false, "PermissionDenied", 'permission denied: registry.apply_version on "priv:secret" (actor user:1: no policy in scope allows it)']));
    expect(world.view.get("pub:a")?.data).toEqual({ v: 10 });
  });
});
