// A run's security context is durable: kept in its `started` event, it is what every node
// that claims the run acts with — after a takeover (in memory and on PostgreSQL), after an
// upgrade, and in its child runs.
import type { Entry, JsonValue } from "@wippy/shared";
import { PgWorkflowStore } from "@wippy/db";
import { createTestDatabase, testTargets, type TestDatabase } from "@wippy/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Kernel, Pump, RealClock } from "../kernel";
import { LuaRuntime } from "../lua";
import { makeScope, PolicyIndex } from "../security";
import { actor, policyEntry } from "../security/test-support";
import { LuaActivityRunner } from "./activities";
import { WorkflowClient } from "./client";
import { nodeGuard } from "./run-security";
import { fn, FN_HOST, LEASE_MS, toEntry, wf, WF_HOST, workflowTest } from "./test-support";
import { upgradeRun } from "./upgrade";
import { WorkflowWorker } from "./worker";

const USER = Object.freeze({ actor: actor("user:1", { team: "a" }), scope: makeScope(["app.sec:run", "app.sec:whoami"]) });

const POLICIES = [
  policyEntry("app.sec:run", { actions: ["process.exec", "process.host"], resources: ["app:child", WF_HOST] }),
  policyEntry("app.sec:whoami", { actions: "funcs.call", resources: "app:whoami" }),
];

const ACTIVITIES = {
  "app:whoami": fn(`local security = require("security")
return { main = function() local a = security.actor() return a and a:id() or "none" end }`, ["security"]),
  "app:secret": fn(`return { main = function() return "the secret" end }`, []),
};

/** Who the activities and the code see, before and after a 10 s timer; what is refused. */
const FLOW = wf(
  `local funcs = require("funcs")
local time = require("time")
local security = require("security")
local workflow = require("workflow")
return { main = function()
  local before = funcs.call("app:whoami")
  time.sleep("10s")
  local after = funcs.call("app:whoami")
  local _, denied = funcs.call("app:secret")
  local child = workflow.exec("app:child")
  local _, no_child = workflow.exec("app:other_child")
  return { before = before, after = after, me = security.actor():id(), denied = denied:message(), child = child, no_child = no_child:message() }
end }`,
  ["funcs", "time", "workflow", "security"],
);

const CHILD = wf(`local funcs = require("funcs")
return { main = function() return funcs.call("app:whoami") end }`);

function secured(entries: Parameters<typeof workflowTest>[0]) {
  const t = workflowTest(entries);
  for (const p of POLICIES) t.registry.set(p.id, p);
  return t;
}

describe("a run's security context", () => {
  it("survives a takeover: the node that claims a killed node's run acts with the same actor and scope", async () => {
    const t = secured({ "app:flow": FLOW, "app:child": CHILD, "app:other_child": CHILD, ...ACTIVITIES });
    const a = t.worker("node-a");
    const pid = await t.spawn("app:flow", [], { id: "sec-1", security: USER });
    await t.advance(1_000);
    expect(t.ledger).toEqual([]);
    expect(await t.types("sec-1")).toEqual(["started", "activity.scheduled", "activity.completed", "timer.started"]);
    a.kill();
    const b = t.worker("node-b");
    await t.advance(LEASE_MS + 1_000);
    expect(b.held()).toEqual(["sec-1"]);
    await t.advance(10_000);
    expect(await t.exit(pid)).toEqual({
      value: {
        before: "user:1",
        after: "user:1",
        me: "user:1",
        denied: 'permission denied: funcs.call on "app:secret" (actor user:1: no policy in scope allows it)',
        child: "user:1",
        no_child: 'permission denied: process.exec on "app:other_child" (actor user:1: no policy in scope allows it)',
      },
    });
    const child = await t.history("sec-1/5");
    expect(child[0]).toMatchObject({ type: "started", security: { actor: { id: "user:1", meta: { team: "a" } }, scope: { policies: ["app.sec:run", "app.sec:whoami"], groups: [] } } });
    expect(await t.store.getRun("sec-1/6")).toBeUndefined();
  });

  it("is kept by an upgrade, whose replay check runs the code with it", async () => {
    // The code branches on the run's actor (fixed for its life) and on security.can (recorded).
    const v1 = wf(`local funcs = require("funcs")
local security = require("security")
return { main = function()
  local a = security.can("funcs.call", "app:whoami") and security.actor():id() == "user:1" and funcs.call("app:whoami")
  return { a = a, go = process.inbox():receive():payload():data() }
end }`, ["funcs", "security"]);
    const v2 = wf(`local funcs = require("funcs")
local security = require("security")
return { main = function()
  local a = security.can("funcs.call", "app:whoami") and security.actor():id() == "user:1" and funcs.call("app:whoami")
  local go = process.inbox():receive():payload():data()
  local _, denied = funcs.call("app:secret")
  return { a = a, go = go, b = funcs.call("app:whoami"), denied = denied:kind() }
end }`, ["funcs", "security"]);
    const t = secured({ "app:flow": v1, ...ACTIVITIES });
    const w = t.worker("node-a");
    const pid = await t.spawn("app:flow", [], { id: "sec-up", security: USER });
    await t.advance(1_000);
    t.setEntry("app:flow", v2);
    const deps = { store: t.store, resolveEntry: t.resolveEntry };
    // The check runs with the run's actor; can() is answered from the history, so the policies
    // the check is given (none here) do not matter for what was already asked.
    expect(await upgradeRun(deps, "sec-up")).toMatchObject({ status: "upgraded" });
    await t.advance(LEASE_MS);
    await t.client(w).send(pid, "go", ["yes"]);
    await t.advance(1_000);
    expect(await t.exit(pid)).toEqual({ value: { a: "user:1", go: "yes", b: "user:1", denied: "PermissionDenied" } });
  });
});

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Asks `security.can` before and after a 10 s timer; the first answer decides a branch. */
const ASKS = wf(
  `local security = require("security")
local time = require("time")
return { main = function()
  local first = security.can("funcs.call", "app:secret")
  time.sleep("10s")
  return { first = first, branch = first and "allowed" or "refused", later = security.can("funcs.call", "app:secret") }
end }`,
  ["time", "security"],
);

describe("security.can in a workflow", () => {
  it("is recorded: a replay after a policy change gets the first answer and does not diverge; later questions see the new policy", async () => {
    const t = secured({ "app:asks": ASKS });
    const a = t.worker("node-a");
    const pid = await t.spawn("app:asks", [], { id: "can-1", security: USER });
    await t.advance(1_000);
    expect((await t.history("can-1")).filter((e) => e.type === "side_effect")).toMatchObject([{ name: "security", value: false }]);
    // The policy changes while the run waits, and its node dies: the next node replays it.
    t.registry.set("app.sec:whoami", policyEntry("app.sec:whoami", { actions: "funcs.call", resources: ["app:whoami", "app:secret"] }));
    a.kill();
    const b = t.worker("node-b");
    await t.advance(LEASE_MS + 1_000);
    expect(b.held()).toEqual(["can-1"]);
    await t.advance(10_000);
    expect(await t.exit(pid)).toEqual({ value: { first: false, branch: "refused", later: true } });
    expect((await t.history("can-1")).filter((e) => e.type === "side_effect")).toMatchObject([{ name: "security", value: false }, { name: "security", value: true }]);
  });

  it("raises on bad arguments without recording anything", async () => {
    const t = secured({ "app:bad": wf(`local security = require("security")
return { main = function() local ok, err = pcall(security.can, 42) return { ok = ok, err = tostring(err) } end }`, ["security"]) });
    t.worker("node-a");
    const pid = await t.spawn("app:bad", [], { id: "bad-1", security: USER });
    await t.advance(1_000);
    expect(await t.exit(pid)).toMatchObject({ value: { ok: false, err: expect.stringContaining("string expected") } });
    expect((await t.history("bad-1")).some((e) => e.type === "side_effect")).toBe(false);
  });
});

describe.each(testTargets())("a run's security context on $name PostgreSQL", (target) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(target);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("is restored by the node that takes a killed node's run over", async () => {
    const clock = new RealClock();
    const store = new PgWorkflowStore(tdb.sql);
    const flow = wf(`local funcs = require("funcs")
local time = require("time")
return { main = function()
  local before = funcs.call("app:whoami")
  time.sleep("300ms")
  process.inbox():receive()
  local _, denied = funcs.call("app:secret")
  return { before = before, after = funcs.call("app:whoami"), denied = denied:kind() }
end }`);
    const registry = new Map<string, Entry>([["app:flow", toEntry("app:flow", flow)], ...Object.entries(ACTIVITIES).map(([id, s]): [string, Entry] => [id, toEntry(id, s)]), ...POLICIES.map((p): [string, Entry] => [p.id, p])]);
    const pump = new Pump(setImmediate);
    const kernel = new Kernel({ clock, onWork: pump.onWork });
    pump.attach(kernel);
    kernel.hosts.add(FN_HOST);
    const runtime = new LuaRuntime({ kernel, resolveEntry: (id) => registry.get(id), policies: () => PolicyIndex.fromEntries(registry.values()) });
    const worker = (owner: string): WorkflowWorker => {
      const w = new WorkflowWorker({ store, owner, clock, activities: new LuaActivityRunner(runtime, FN_HOST), resolveEntry: (id) => registry.get(id), leaseMs: 1000, pollMs: 50, guard: nodeGuard(() => runtime) });
      w.start();
      return w;
    };
    const a = worker("pg-sec-a");
    const client = new WorkflowClient({ store, resolveEntry: (id) => registry.get(id), clock, worker: a, pollMs: 50 });
    const spawned = await client.spawn("app:flow", WF_HOST, [], { id: `pg-sec-${target.name}`, security: USER });
    if (!spawned.ok) throw new Error(spawned.error.message);
    const runId = spawned.value.runId;
    await until(async () => (await store.history(runId)).some((e) => e.type === "timer.fired"));
    a.kill();
    const b = worker("pg-sec-b");
    await client.send(spawned.value.pid, "go", []);
    await until(async () => (await store.getRun(runId))?.status !== "running");
    const want: JsonValue = { before: "user:1", after: "user:1", denied: "PermissionDenied" };
    expect(await client.awaitExit(spawned.value.pid)).toEqual({ ok: true, value: { value: want } });
    expect((await store.history(runId))[0]).toMatchObject({ type: "started", security: { actor: { id: "user:1" }, scope: { policies: ["app.sec:run", "app.sec:whoami"] } } });
    await b.stop();
  });
});
