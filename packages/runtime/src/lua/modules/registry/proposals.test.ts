/**
 * `changes:propose()`, `registry.change_request()` and `registry.approve_change()` (issue 9) in
 * the registry module, against a real store: what is refused and why, and the review rules on
 * `registry.apply_version`. (The whole flow across nodes: node/change-requests.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChangeRequestStore, listAudit } from "@wippy/db";
import { testTargets } from "@wippy/db/testing";
import { guardedChangeRequests, guardedStore } from "../../../node/guarded-store";
import { entry, normal, registryWorld, runRegistryLua, type RegistryWorld } from "./registry-world.testing";
import type { RegistryModuleDeps } from ".";

describe.each(testTargets())("change requests from Lua on $name PostgreSQL", (target) => {
  let world: RegistryWorld;
  let requests: ChangeRequestStore;
  let before: number;

  beforeAll(async () => {
    world = await registryWorld(target);
    requests = new ChangeRequestStore(world.db.sql);
    before = await world.write([
      { op: "create", entry: entry("tools:a", "registry.entry", { v: 1 }) },
      { op: "create", entry: entry("app:review", "registry.review_rules", { rules: [{ namespaces: ["tools"], approvals: 2 }] }) },
    ]);
  });
  afterAll(async () => world?.close());

  const deps = (): RegistryModuleDeps => ({ view: world.view, store: guardedStore(world.store, world.view), changeRequests: guardedChangeRequests(requests, world.view) });

  it("propose → the request (open, approvals from the rules), nothing applied; change_request reads it back", async () => {
    const { exit } = await runRegistryLua(
      `
      local req, err = registry.snapshot():changes():update({ id = "tools:a", kind = "registry.entry", data = { v = 2 } }):propose("bump a")
      local again = registry.change_request(req.id)
      local byNumber = registry.change_request(tonumber(req.id))
      return { req.status, req.approvals_required, req.entries, req.message, req.author, again.status, byNumber.id == req.id, registry.get("tools:a").data.v }`,
      deps(),
    );
    expect(exit).toEqual(normal(["open", 2, ["tools:a"], "bump a", "agent:app:main", "open", true, 1]));
    const [cr] = (await requests.list({ entry: "tools:a" })).items;
    expect(cr).toMatchObject({ baseVersion: before, rules: ["app:review"], author: { kind: "actor", id: "agent:app:main", entry: "app:main" } });
  });

  it.each([
    ["an empty changeset", `registry.snapshot():changes():propose("x")`, "Invalid", "no changes to propose"],
    ["a message that is too long", `registry.snapshot():changes():delete("tools:a"):propose(string.rep("m", 2001))`, "Invalid", "the message has at most 2000 characters"],
    ["operations that do not fit", `registry.snapshot():changes():create({ id = "tools:a", kind = "registry.entry" }):propose()`, "Conflict", "cannot create tools:a: it already exists"],
    ["Lua that does not compile", `registry.snapshot():changes():create({ id = "tools:bad", kind = "function.lua", data = { source = "return function(" } }):propose()`, "Invalid", "the registry would not run with this change: tools:bad: Lua does not compile"],
  ])("refuses %s", async (_name, call, kind, message) => {
    const count = (await requests.list()).items.length;
    const { exit } = await runRegistryLua(`local req, err = ${call}; return { req == nil, err:kind(), err:message() }`, deps());
    expect(exit).toEqual(normal([true, kind, expect.stringContaining(message)]));
    expect((await requests.list()).items.length).toBe(count);
  });

  it("change_request of a request that does not exist → NotFound; a bad id → Invalid", async () => {
    const { exit } = await runRegistryLua(`local a, e1 = registry.change_request("999999"); local b, e2 = registry.change_request("x"); return { a == nil, e1:kind(), b == nil, e2:kind() }`, deps());
    expect(exit).toEqual(normal([true, "NotFound", true, "Invalid"]));
  });

  it("approve_change is always refused: an agent never approves", async () => {
    const { exit } = await runRegistryLua(`local ok, err = registry.approve_change(1); return { ok == nil, err:kind(), err:message() }`, deps());
    expect(exit).toEqual(normal([true, "PermissionDenied", expect.stringContaining("an agent never approves")]));
  });

  it("apply_version back over a covered entry is refused by the review rule; audited writes elsewhere go through", async () => {
    const v = await world.write([{ op: "update", entry: entry("tools:a", "registry.entry", { v: 3 }) }]);
    const { exit } = await runRegistryLua(`local ok, err = registry.apply_version(${v - 1}); return { ok, err:kind(), err:details().decision }`, deps());
    expect(exit).toEqual(normal([false, "PermissionDenied", "review"]));
    expect(await world.store.currentVersion()).toBe(v);
    const { exit: free } = await runRegistryLua(`local v = registry.snapshot():changes():create({ id = "free:x", kind = "registry.entry" }):apply(); return v ~= nil`, deps());
    expect(free).toEqual(normal(true));
    expect((await listAudit(world.db.sql, { action: "registry.apply", target: "free:x" }))[0]?.actor).toMatchObject({ kind: "actor", id: "agent:app:main" });
  });

  it("without a change-request store (a node without one) propose is Unavailable", async () => {
    const { exit } = await runRegistryLua(`local r, err = registry.snapshot():changes():delete("tools:a"):propose(); return err:kind()`, { view: world.view, store: world.store });
    expect(exit).toEqual(normal("Unavailable"));
  });
});
