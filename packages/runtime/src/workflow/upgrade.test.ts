import { describe, expect, it } from "vitest";
import { fn, LEASE_MS, wf, workflowTest } from "./test-support";
import { checkUpgrade, upgradeRun } from "./upgrade";

const V1 = wf(`local funcs = require("funcs")
return { main = function()
  local a = funcs.call("app:a")
  local go = process.inbox():receive():payload():data()
  return { version = 1, a = a, go = go }
end }`);

const V2_COMPATIBLE = wf(`local funcs = require("funcs")
return { main = function()
  local a = funcs.call("app:a")
  local go = process.inbox():receive():payload():data()
  local b = funcs.call("app:b")
  return { version = 2, a = a, go = go, b = b }
end }`);

const V3_DIVERGES = wf(`local funcs = require("funcs")
return { main = function()
  local b = funcs.call("app:b")
  local a = funcs.call("app:a")
  return { version = 3, a = a, b = b }
end }`);

const ACTIVITIES = { "app:a": fn(`return { main = function() return "a" end }`), "app:b": fn(`return { main = function() return "b" end }`) };

describe("upgrade with a replay check", () => {
  it("switches a running run to new code that replays its history, and the run goes on with it", async () => {
    const t = workflowTest({ "app:flow": V1, ...ACTIVITIES });
    const w = t.worker("node-a");
    const pid = await t.spawn("app:flow", [], { id: "up-1" });
    await t.advance(1_000);
    const before = await t.store.getRun("up-1");
    t.setEntry("app:flow", V2_COMPATIBLE);
    const report = await upgradeRun({ store: t.store, resolveEntry: t.resolveEntry }, "up-1");
    expect(report).toMatchObject({ status: "upgraded", fromHash: before?.codeHash });
    await t.advance(LEASE_MS);
    await t.client(w).send(pid, "go", ["yes"]);
    await t.advance(1_000);
    expect(await t.exit(pid)).toEqual({ value: { version: 2, a: "a", go: "yes", b: "b" } });
    expect((await t.history("up-1")).map((e) => e.type)).toContain("code.upgraded");
    expect(await upgradeRun({ store: t.store, resolveEntry: t.resolveEntry }, "up-1")).toMatchObject({ status: "refused", error: { kind: "Invalid" } });
  });

  it("reports where new code diverges and leaves the run on its code", async () => {
    const t = workflowTest({ "app:flow": V1, ...ACTIVITIES });
    const w = t.worker("node-a");
    const pid = await t.spawn("app:flow", [], { id: "up-2" });
    await t.advance(1_000);
    const before = await t.store.getRun("up-2");
    const history = await t.history("up-2");
    t.setEntry("app:flow", V3_DIVERGES);
    const report = await upgradeRun({ store: t.store, resolveEntry: t.resolveEntry }, "up-2");
    expect(report).toMatchObject({ status: "diverged", error: { kind: "NonDeterminism", details: { entry: "app:flow", line: 3, command: 1, seq: 2 } } });
    expect(await t.store.getRun("up-2")).toEqual(before);
    expect(await t.history("up-2")).toEqual(history);
    await t.client(w).send(pid, "go", ["still v1"]);
    await t.advance(1_000);
    expect(await t.exit(pid)).toEqual({ value: { version: 1, a: "a", go: "still v1" } });
  });

  it("says so when the run already runs the current code", async () => {
    const t = workflowTest({ "app:flow": V1, ...ACTIVITIES });
    t.worker("node-a");
    await t.spawn("app:flow", [], { id: "up-3" });
    await t.advance(1_000);
    expect(await upgradeRun({ store: t.store, resolveEntry: t.resolveEntry }, "up-3")).toMatchObject({ status: "unchanged" });
    expect(await upgradeRun({ store: t.store, resolveEntry: t.resolveEntry }, "nope")).toMatchObject({ status: "refused", error: { kind: "NotFound" } });
  });

  it("checks new code against the history without changing anything, for each outcome", async () => {
    const t = workflowTest({ "app:flow": V1, ...ACTIVITIES });
    t.worker("node-a");
    await t.spawn("app:flow", [], { id: "up-4" });
    await t.advance(1_000);
    const before = await t.store.getRun("up-4");
    const history = await t.history("up-4");
    const deps = { store: t.store, resolveEntry: t.resolveEntry };
    expect(await checkUpgrade(deps, "up-4")).toEqual({ status: "unchanged", runId: "up-4", hash: before?.codeHash });

    t.setEntry("app:flow", V2_COMPATIBLE);
    const compatible = await checkUpgrade(deps, "up-4");
    expect(compatible).toMatchObject({ status: "deterministic", fromHash: before?.codeHash, checkedThrough: history.at(-1)?.seq, ended: false });
    t.setEntry("app:flow", V3_DIVERGES);
    expect(await checkUpgrade(deps, "up-4")).toMatchObject({ status: "diverged", error: { kind: "NonDeterminism", details: { seq: 2 } } });
    expect(await t.store.getRun("up-4")).toEqual(before);
    expect(await t.history("up-4")).toEqual(history);

    // The code a person approved is no longer the current code: nothing switches.
    const stale = await upgradeRun(deps, "up-4", { expectedHash: compatible.status === "deterministic" ? compatible.toHash : "?" });
    expect(stale).toMatchObject({ status: "diverged" });
    t.setEntry("app:flow", V2_COMPATIBLE);
    expect(await upgradeRun(deps, "up-4", { expectedHash: "another-hash" })).toMatchObject({ status: "refused", error: { kind: "Conflict" } });
    expect(await t.store.getRun("up-4")).toEqual(before);
    expect(await upgradeRun(deps, "up-4", { expectedHash: compatible.status === "deterministic" ? compatible.toHash : "?" })).toMatchObject({ status: "upgraded" });
    expect(await checkUpgrade(deps, "nope")).toMatchObject({ status: "refused", error: { kind: "NotFound" } });
  });
});
