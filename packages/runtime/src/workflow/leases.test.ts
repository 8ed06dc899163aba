import type { Lease, StoreResult, StoredEvent, TimedEvent, AppendEffects, WorkflowStore } from "@wippy/shared";
import { describe, expect, it } from "vitest";
import { SimulatedClock } from "../kernel";
import { EPOCH, fn, LEASE_MS, wf, workflowTest } from "./test-support";

/** The store as one node sees it, counting the appends it got accepted. */
function countingStore(store: WorkflowStore): { store: WorkflowStore; accepted: number[]; refused: string[] } {
  const accepted: number[] = [];
  const refused: string[] = [];
  const proxy = Object.create(store) as WorkflowStore;
  proxy.append = async (lease: Lease, events: TimedEvent[], effects?: AppendEffects): Promise<StoreResult<StoredEvent[]>> => {
    const r = await store.append(lease, events, effects);
    if (r.ok) accepted.push(...r.value.map((e) => e.seq));
    else refused.push(r.error.kind);
    return r;
  };
  return { store: proxy, accepted, refused };
}

const SLEEP_THEN_WAIT = wf(`local time = require("time")
return { main = function()
  time.sleep("10s")
  return process.inbox():receive():payload():data()
end }`);

describe("leases and fencing", () => {
  it("fences a paused node that wakes after another took its run over: it writes nothing and stops the run's process", async () => {
    const t = workflowTest({
      "app:flow": wf(`local funcs = require("funcs")
return { main = function()
  local v = funcs.call("app:slow")
  return v .. " then " .. process.inbox():receive():payload():data()
end }`),
      "app:slow": fn(`local ledger = require("ledger")
local time = require("time")
return { main = function() ledger.add("slow") time.sleep("8s") return "slow done" end }`),
    });
    const pid = await t.spawn("app:flow", [], { id: "zombie-1" });
    // Node A lives on a clock of its own that stands still: it is paused (SIGSTOP) — it
    // neither renews its lease nor polls — while the activity it started keeps running.
    const pausedClock = new SimulatedClock(EPOCH);
    const a = countingStore(t.store);
    const zombie = t.worker("node-a", { clock: pausedClock, store: a.store });
    await t.settle();
    expect(zombie.held()).toEqual(["zombie-1"]);
    expect(a.accepted).toEqual([2]);
    const b = t.worker("node-b");
    await t.advance(LEASE_MS + 1_000);
    expect(b.held()).toEqual(["zombie-1"]);
    await t.advance(3_000);
    // A's activity finished at 8 s: A tried to record it and was refused.
    expect(a.refused).toEqual(["Fenced"]);
    expect(a.accepted).toEqual([2]);
    expect(zombie.held()).toEqual([]);
    expect(zombie.sandbox.size).toBe(0);
    pausedClock.advance(60_000);
    await t.advance(10_000);
    expect(a.accepted).toEqual([2]);
    expect(await t.types("zombie-1")).toEqual(["started", "activity.scheduled", "activity.completed"]);
    expect(t.count("slow")).toBe(2);
    await t.client(b).send(pid, "go", ["b"]);
    await t.advance(1_000);
    expect(await t.exit(pid)).toEqual({ value: "slow done then b" });
  });

  it("stops a run whose lease was lost as soon as a renewal shows it", async () => {
    const t = workflowTest({ "app:flow": SLEEP_THEN_WAIT });
    await t.spawn("app:flow", [], { id: "lost-1" });
    const pausedClock = new SimulatedClock(EPOCH);
    const a = countingStore(t.store);
    const zombie = t.worker("node-a", { clock: pausedClock, store: a.store });
    await t.settle();
    t.worker("node-b");
    await t.advance(LEASE_MS + 11_000);
    const history = await t.history("lost-1");
    expect(history.map((e) => e.type)).toEqual(["started", "timer.started", "timer.fired"]);
    pausedClock.advance(20_000);
    await t.settle();
    expect(zombie.held()).toEqual([]);
    expect(zombie.sandbox.size).toBe(0);
    expect(a.accepted).toEqual([2]);
    expect(await t.history("lost-1")).toEqual(history);
  });

  it("keeps a run on its node as long as the node renews its lease", async () => {
    const t = workflowTest({ "app:flow": wf(`local time = require("time")
return { main = function() time.sleep("1h") return "done" end }`) });
    const a = t.worker("node-a");
    const pid = await t.spawn("app:flow", [], { id: "keep-1" });
    await t.advance(1_000);
    const b = t.worker("node-b");
    await t.advance(30 * 60_000);
    expect(a.held()).toEqual(["keep-1"]);
    expect(b.held()).toEqual([]);
    await t.advance(31 * 60_000);
    expect(await t.exit(pid)).toEqual({ value: "done" });
    expect(await t.types("keep-1")).toEqual(["started", "timer.started", "timer.fired", "completed"]);
  });

  it("hands a run over at once when its node stops gracefully", async () => {
    const t = workflowTest({ "app:flow": SLEEP_THEN_WAIT });
    const a = t.worker("node-a");
    const pid = await t.spawn("app:flow", [], { id: "handover-1" });
    await t.advance(1_000);
    await a.stop();
    const b = t.worker("node-b");
    await t.advance(1_000);
    expect(b.held()).toEqual(["handover-1"]);
    await t.advance(10_000);
    await t.client(b).send(pid, "go", ["b"]);
    await t.advance(1_000);
    expect(await t.exit(pid)).toEqual({ value: "b" });
  });

  it("shares many runs between two nodes, each step done once", async () => {
    const t = workflowTest({
      "app:flow": wf(`local funcs = require("funcs")
local time = require("time")
return { main = function(n)
  local sum = 0
  for i = 1, 3 do sum = sum + funcs.call("app:step", n, i) time.sleep("1s") end
  return sum
end }`),
      "app:step": fn(`local ledger = require("ledger")
return { main = function(n, i) ledger.add("step", n .. ":" .. i) return i end }`),
    });
    const a = t.worker("node-a");
    const b = t.worker("node-b");
    const pids = [];
    for (let n = 1; n <= 10; n++) pids.push(await t.spawn("app:flow", [n], { id: `many-${n}` }));
    await t.advance(2_000);
    expect(a.held().length + b.held().length).toBe(10);
    await t.advance(10_000);
    for (const pid of pids) expect(await t.exit(pid)).toEqual({ value: 6 });
    const steps = t.ledger.filter((e) => e.name === "step").map((e) => e.value);
    expect(steps).toHaveLength(30);
    expect(new Set(steps).size).toBe(30);
  });
  it("keeps a run it claimed while a lease renewal was on its way: the renewal does not speak for it", async () => {
    const t = workflowTest({
      "app:flow": wf(`local funcs = require("funcs")
return { main = function() return funcs.call("app:step") end }`),
      "app:step": fn(`local time = require("time")
return { main = function() time.sleep("2s") return 7 end }`),
    });
    // The first renewal reads the database, then is held up on its way back.
    let release: (() => void) | undefined;
    let renewals = 0;
    const slow = Object.create(t.store) as WorkflowStore;
    slow.renewLeases = async (owner: string, leaseMs: number): Promise<Lease[]> => {
      const leases = await t.store.renewLeases(owner, leaseMs);
      if (renewals++ === 0) await new Promise<void>((resolve) => (release = resolve));
      return leases;
    };
    const w = t.worker("node-a", { store: slow });
    await t.settle();
    t.clock.advanceTo(t.clock.now() + LEASE_MS / 3); // the renewal timer fires: it reads, then waits
    for (let i = 0; i < 10 && release === undefined; i++) await new Promise((r) => setImmediate(r));
    expect(release).toBeDefined();
    const pid = await t.spawn("app:flow", [], { id: "race-1" });
    w.wake(); // the run is claimed while the renewal's (older) answer is still on its way
    for (let i = 0; i < 50 && w.held().length === 0; i++) await new Promise((r) => setImmediate(r));
    expect(w.held()).toEqual(["race-1"]);
    release!();
    await t.advance(5_000);
    expect(await t.exit(pid)).toEqual({ value: 7 });
  });
});
