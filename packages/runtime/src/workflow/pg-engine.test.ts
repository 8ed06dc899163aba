// The engine end to end on PostgreSQL, in real time: a workflow with activities, a durable
// timer and a signal completes; a node killed mid-run is taken over after its lease expired,
// and no completed activity runs twice.
import type { Entry } from "@wippy/shared";
import { PgWorkflowStore } from "@wippy/db";
import { createTestDatabase, testTargets, type TestDatabase } from "@wippy/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Kernel, Pump, RealClock } from "../kernel";
import { checkString, defineModule, LuaRuntime, returnValue } from "../lua";
import { LuaActivityRunner } from "./activities";
import { WorkflowClient } from "./client";
import { fn, FN_HOST, toEntry, wf, WF_HOST } from "./test-support";
import { WorkflowWorker } from "./worker";

const FLOW = wf(`local funcs = require("funcs")
local time = require("time")
return { main = function(n)
  local a = funcs.call("app:step", "a", n)
  time.sleep("300ms")
  local go = process.inbox():receive():payload():data()
  local b = funcs.call("app:step", "b", n)
  return a + b + go
end }`);

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(testTargets())("workflow engine on $name PostgreSQL", (target) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(target);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("runs, survives a killed node, and does every completed activity once", async () => {
    const clock = new RealClock();
    const store = new PgWorkflowStore(tdb.sql);
    const steps: string[] = [];
    const registry = new Map<string, Entry>([
      ["app:flow", toEntry("app:flow", FLOW)],
      ["app:step", toEntry("app:step", fn(`local ledger = require("ledger")
return { main = function(name, n) ledger.add(name) return n end }`))],
    ]);
    const ledger = defineModule({ name: "ledger", functions: { add: (L) => returnValue(L, steps.push(checkString(L, 1))) } });
    const pump = new Pump(setImmediate);
    const kernel = new Kernel({ clock, onWork: pump.onWork });
    pump.attach(kernel);
    kernel.hosts.add(FN_HOST);
    const runtime = new LuaRuntime({ kernel, resolveEntry: (id) => registry.get(id), modules: [ledger] });
    const worker = (owner: string): WorkflowWorker => {
      const w = new WorkflowWorker({ store, owner, clock, activities: new LuaActivityRunner(runtime, FN_HOST), resolveEntry: (id) => registry.get(id), leaseMs: 1000, pollMs: 50 });
      w.start();
      return w;
    };
    const a = worker("pg-node-a");
    const client = new WorkflowClient({ store, resolveEntry: (id) => registry.get(id), clock, worker: a, pollMs: 50 });
    const spawned = await client.spawn("app:flow", WF_HOST, [10], { id: `pg-run-${target.name}` });
    if (!spawned.ok) throw new Error(spawned.error.message);
    const runId = spawned.value.runId;
    await until(async () => (await store.history(runId)).some((e) => e.type === "timer.fired"));
    a.kill();
    const b = worker("pg-node-b");
    await client.send(spawned.value.pid, "go", [5]);
    await until(async () => (await store.getRun(runId))?.status !== "running");
    expect(await client.awaitExit(spawned.value.pid)).toEqual({ ok: true, value: { value: 25 } });
    expect(steps).toEqual(["a", "b"]);
    expect((await store.history(runId)).map((e) => e.type)).toEqual([
      "started",
      "activity.scheduled",
      "activity.completed",
      "timer.started",
      "timer.fired",
      "signal.received",
      "activity.scheduled",
      "activity.completed",
      "completed",
    ]);
    await b.stop();
  });
});
