import { describe, expect, it } from "vitest";
import type { JsonValue } from "@wippy/shared";
import { DEFAULT_RETRY_POLICY } from "./retry";
import { EPOCH, fn, LEASE_MS, toEntry, wf, workflowTest } from "./test-support";

const TWO_STEPS = wf(`
local funcs = require("funcs")
local time = require("time")
return { main = function(order)
  local reserved = funcs.call("app:reserve", order)
  time.sleep("1m")
  local charged, err = funcs.call("app:charge", order)
  if err then return nil, err end
  return { reserved = reserved, charged = charged }
end }`);

const RESERVE = fn(`local ledger = require("ledger")
return { main = function(order) ledger.add("reserve", order) return "r-" .. order end }`);
const CHARGE = fn(`local ledger = require("ledger")
return { main = function(order) ledger.add("charge", order) return order * 10 end }`);

describe("activities", () => {
  it("records each activity's schedule and result and completes the run", async () => {
    const t = workflowTest({ "app:flow": TWO_STEPS, "app:reserve": RESERVE, "app:charge": CHARGE });
    t.worker("node-a");
    const pid = await t.spawn("app:flow", [7], { id: "order-7" });
    expect(pid).toBe("{app:workflows|order-7}");
    await t.advance(61_000);
    expect(await t.exit(pid)).toEqual({ value: { reserved: "r-7", charged: 70 } });
    expect(await t.types("order-7")).toEqual(["started", "activity.scheduled", "activity.completed", "timer.started", "timer.fired", "activity.scheduled", "activity.completed", "completed"]);
    expect((await t.history("order-7"))[1]).toMatchObject({ command: 1, activity: "app:reserve", args: [7] });
  });

  it("does not run a completed activity again after a crash; the new node resumes from the history", async () => {
    const t = workflowTest({ "app:flow": TWO_STEPS, "app:reserve": RESERVE, "app:charge": CHARGE });
    const a = t.worker("node-a");
    const pid = await t.spawn("app:flow", [3]);
    await t.advance(10_000);
    expect(t.count("reserve")).toBe(1);
    a.kill();
    const b = t.worker("node-b");
    await t.advance(LEASE_MS + 60_000);
    expect(await t.exit(pid)).toEqual({ value: { reserved: "r-3", charged: 30 } });
    expect(t.count("reserve")).toBe(1);
    expect(t.count("charge")).toBe(1);
    expect(b.held()).toEqual([]);
  });

  it("runs again an activity that was in flight when its node died (at-least-once), with the same idempotency key", async () => {
    const t = workflowTest({
      "app:flow": wf(`local funcs = require("funcs")
return { main = function() return funcs.call("app:slow") end }`),
      "app:slow": fn(`local ledger = require("ledger")
local ctx = require("ctx")
local time = require("time")
return { main = function()
  ledger.add("slow.start", ctx.get("idempotency_key") .. "#" .. ctx.get("activity_attempt"))
  time.sleep("20s")
  ledger.add("slow.done")
  return "done"
end }`),
    });
    const a = t.worker("node-a");
    const pid = await t.spawn("app:flow", [], { id: "slow-1" });
    await t.advance(2_000);
    a.kill();
    t.worker("node-b");
    await t.advance(LEASE_MS + 25_000);
    expect(await t.exit(pid)).toEqual({ value: "done" });
    expect(t.ledger.filter((e) => e.name === "slow.start").map((e) => e.value)).toEqual(["slow-1/1#1", "slow-1/1#1"]);
    expect(t.count("slow.done")).toBe(1);
  });
});

describe("retries", () => {
  const FLAKY = fn(`local ledger = require("ledger")
return { main = function()
  local n = ledger.add("flaky")
  if n < 3 then return nil, errors.new({ message = "try again", kind = "Unavailable" }) end
  return n
end }`);

  it("retries a failing activity with exponential backoff and records every failed attempt", async () => {
    const t = workflowTest({
      "app:flow": wf(`local funcs = require("funcs")
return { main = function()
  return funcs.new():with_options({ retry = { initial_interval = "1s", backoff = 3, max_attempts = 5 } }):call("app:flaky")
end }`),
      "app:flaky": FLAKY,
    });
    t.worker("node-a");
    const pid = await t.spawn("app:flow", [], { id: "retry-1" });
    await t.advance(10_000);
    expect(await t.exit(pid)).toEqual({ value: 3 });
    const attempts = t.ledger.filter((e) => e.name === "flaky").map((e) => e.at - t.ledger[0]!.at);
    expect(attempts).toEqual([0, 1000, 4000]);
    const failures = (await t.history("retry-1")).filter((e) => e.type === "activity.failed");
    expect(failures).toMatchObject([
      { attempt: 1, final: false, error: { kind: "Unavailable" } },
      { attempt: 2, final: false },
    ]);
    expect((await t.history("retry-1")).find((e) => e.type === "activity.completed")).toMatchObject({ attempt: 3, result: 3 });
  });

  it("gives the error to the workflow after the last attempt, and never retries a non-retryable kind", async () => {
    const t = workflowTest({
      "app:flow": wf(`local funcs = require("funcs")
return { main = function()
  local _, e1 = funcs.new():with_options({ retry = { initial_interval = 100, max_attempts = 2 } }):call("app:flaky")
  local _, e2 = funcs.new():with_options({ retry = { non_retryable = { "Invalid" } } }):call("app:bad")
  return { e1 = e1:kind(), e2 = e2:kind(), n = require("funcs").call("app:count") }
end }`),
      "app:flaky": FLAKY,
      "app:bad": fn(`return { main = function() return nil, errors.new({ message = "no", kind = "Invalid" }) end }`),
      "app:count": fn(`local ledger = require("ledger")
return { main = function() return ledger.count("flaky") end }`),
    });
    t.worker("node-a");
    const pid = await t.spawn("app:flow", [], { id: "retry-2" });
    await t.advance(5_000);
    expect(await t.exit(pid)).toEqual({ value: { e1: "Unavailable", e2: "Invalid", n: 2 } });
    const finals = (await t.history("retry-2")).filter((e) => e.type === "activity.failed" && e.final);
    expect(finals.map((e) => e.type === "activity.failed" && e.attempt)).toEqual([2, 1]);
  });

  it("times an attempt out and retries it", async () => {
    const t = workflowTest({
      "app:flow": wf(`local funcs = require("funcs")
return { main = function()
  local v, err = funcs.new():with_options({ timeout = "1s", retry = { initial_interval = "1s", max_attempts = 2 } }):call("app:hang")
  return err and err:kind() or v
end }`),
      "app:hang": fn(`local time = require("time")
return { main = function() time.sleep("1h") return "late" end }`),
    });
    t.worker("node-a");
    const pid = await t.spawn("app:flow", [], { id: "timeout-1" });
    await t.advance(5_000);
    expect(await t.exit(pid)).toEqual({ value: "Timeout" });
  });
});

describe("durable timers", () => {
  it("fires a timer on the node that took the run over, at its recorded time", async () => {
    const t = workflowTest({
      "app:flow": wf(`local time = require("time")
return { main = function() local t0 = time.now() time.sleep("1h") return time.now():sub(t0):seconds() end }`),
    });
    const a = t.worker("node-a");
    const pid = await t.spawn("app:flow", [], { id: "timer-1" });
    await t.advance(10 * 60_000);
    a.kill();
    t.worker("node-b");
    await t.advance(50 * 60_000);
    expect(await t.exit(pid)).toEqual({ value: 3600 });
    const history = await t.history("timer-1");
    const started = history.find((e) => e.type === "timer.started");
    const fired = history.find((e) => e.type === "timer.fired");
    expect(fired!.at - history[0]!.at).toBe(3_600_000);
    expect(started).toMatchObject({ fireAt: history[0]!.at + 3_600_000 });
  });

  it("delivers time.after as a channel that a select can race against a signal", async () => {
    const t = workflowTest({
      "app:flow": wf(`local time = require("time")
return { main = function()
  local r = channel.select({ time.after("10s"):case_receive(), process.listen("go"):case_receive() })
  return r.value == nil and "?" or (type(r.value) == "string" and r.value or "timer")
end }`),
    });
    t.worker("node-a");
    const timed = await t.spawn("app:flow", [], { id: "after-1" });
    await t.advance(11_000);
    expect(await t.exit(timed)).toEqual({ value: "timer" });
    const signalled = await t.spawn("app:flow", [], { id: "after-2" });
    await t.advance(1_000);
    await t.client().send(signalled, "go", ["signal"]);
    await t.advance(1_000);
    expect(await t.exit(signalled)).toEqual({ value: "signal" });
  });
});

describe("side effects", () => {
  it("answers time.now, uuid.v4, math.random and os.time from the history on every replay", async () => {
    const t = workflowTest({
      "app:flow": wf(`local time = require("time")
local uuid = require("uuid")
return { main = function()
  local before = { now = time.now():unix_milli(), id = uuid.v4(), r = math.random(), d = math.random(1, 6), os = os.time() }
  time.sleep("1m")
  return { before = before, id_again = uuid.v4() }
end }`),
    });
    const a = t.worker("node-a");
    const pid = await t.spawn("app:flow", [], { id: "fx-1" });
    await t.advance(1_000);
    const recorded = (await t.history("fx-1")).filter((e) => e.type === "side_effect");
    expect(recorded.map((e) => e.type === "side_effect" && e.name)).toEqual(["now", "uuid", "random", "random"]);
    a.kill();
    t.worker("node-b");
    await t.advance(LEASE_MS + 60_000);
    const exit = await t.exit(pid);
    const before = (exit.value as { before: Record<string, unknown> }).before;
    const values = recorded.map((e) => (e.type === "side_effect" ? e.value : null));
    expect(before.now).toBe(values[0]);
    expect(before.id).toBe(values[1]);
    expect(before.r).toBe(values[2]);
    expect(before.d).toBe(1 + Math.floor((values[3] as number) * 6));
    expect(before.os).toBe(Math.floor((await t.history("fx-1"))[0]!.at / 1000));
  });
});

describe("determinism", () => {
  it("halts a run whose code diverges from its history, naming the entry, the line and the seq, and leaves the history as it was", async () => {
    const t = workflowTest({ "app:a": fn(`return { main = function() return 1 end }`), "app:b": fn(`return { main = function() return 2 end }`) });
    // A history written by code that called app:a, pinned to code that calls app:b: what a
    // non-deterministic workflow (or a wrongly pinned one) looks like to the engine.
    const bundle = { entry: toEntry("app:flow", wf(`local funcs = require("funcs")
local time = require("time")
return { main = function()
  funcs.call("app:b")
  time.sleep("1h")
end }`)), libraries: [] };
    await t.store.putCode("code-b", bundle as unknown as JsonValue);
    await t.store.startRun({ id: "nd-1", workflow: "app:flow", host: "app:workflows", codeHash: "code-b", input: [] }, "fail");
    const [lease] = await t.store.claimRuns("node-old", LEASE_MS, 1);
    await t.store.append(lease!, [{ type: "activity.scheduled", command: 1, activity: "app:a", args: [], options: { retry: DEFAULT_RETRY_POLICY }, at: EPOCH }]);
    await t.store.releaseLease(lease!);
    const before = await t.history("nd-1");

    t.worker("node-b");
    await t.advance(1_000);
    const halted = await t.store.getRun("nd-1");
    expect(halted?.status).toBe("running");
    expect(halted?.halted).toMatchObject({ kind: "NonDeterminism", details: { entry: "app:flow", line: 4, command: 1, seq: 2 } });
    expect(halted?.halted?.message).toContain("app:b");
    expect(await t.history("nd-1")).toEqual(before);
    expect(t.count("b")).toBe(0);
    expect(t.logs.some((l) => l.level === "error" && String(l.message).includes("NonDeterminism"))).toBe(true);
    await t.advance(LEASE_MS * 2);
    expect(await t.history("nd-1")).toEqual(before);
  });
});
