import type { RunRecord } from "@wippy/shared";
import { describe, expect, it } from "vitest";
import { bundleCode } from "./code";
import { checkReplay } from "./replay";
import { fn, wf, workflowTest } from "./test-support";

const OLD = wf(`local funcs = require("funcs")
local time = require("time")
return { main = function()
  local a = funcs.call("app:old")
  time.sleep("1m")
  return a
end }`);

const PATCHED = (min: number): ReturnType<typeof wf> =>
  wf(`local funcs = require("funcs")
local time = require("time")
local workflow = require("workflow")
return { main = function()
  local a
  if workflow.version("use-new", ${min}, 1) == workflow.DEFAULT_VERSION then
    a = funcs.call("app:old")
  else
    a = funcs.call("app:new")
  end
  time.sleep("1m")
  return a
end }`);

const ACTIVITIES = { "app:old": fn(`return { main = function() return "old" end }`), "app:new": fn(`return { main = function() return "new" end }`) };

describe("workflow.version", () => {
  it("gives a new run the newest version and records it", async () => {
    const t = workflowTest({ "app:flow": PATCHED(-1), ...ACTIVITIES });
    t.worker("node-a");
    const pid = await t.spawn("app:flow", [], { id: "v-new" });
    await t.advance(61_000);
    expect(await t.exit(pid)).toEqual({ value: "new" });
    expect((await t.history("v-new"))[1]).toMatchObject({ type: "version.marker", command: 1, changeId: "use-new", version: 1 });
  });

  it("replays a history recorded before the change on the old branch, and one recorded after on the new", async () => {
    const t = workflowTest({ "app:flow": OLD, ...ACTIVITIES });
    t.worker("node-a");
    const oldPid = await t.spawn("app:flow", [], { id: "v-old" });
    await t.advance(61_000);
    expect(await t.exit(oldPid)).toEqual({ value: "old" });
    const oldRun = (await t.store.getRun("v-old")) as RunRecord;
    t.setEntry("app:flow", PATCHED(-1));
    const patched = bundleCode(t.resolveEntry, "app:flow");
    if (!patched.ok) throw new Error(patched.error.message);
    expect(await checkReplay(patched.value, oldRun, await t.history("v-old"))).toEqual({ ok: true, ended: true });

    const newPid = await t.spawn("app:flow", [], { id: "v-after" });
    await t.advance(61_000);
    expect(await t.exit(newPid)).toEqual({ value: "new" });
    const newRun = (await t.store.getRun("v-after")) as RunRecord;
    expect(await checkReplay(patched.value, newRun, await t.history("v-after"))).toEqual({ ok: true, ended: true });
  });

  it("stops a replay whose recorded version the code no longer supports", async () => {
    const t = workflowTest({ "app:flow": OLD, ...ACTIVITIES });
    t.worker("node-a");
    await t.spawn("app:flow", [], { id: "v-drop" });
    await t.advance(61_000);
    t.setEntry("app:flow", PATCHED(1));
    const dropped = bundleCode(t.resolveEntry, "app:flow");
    if (!dropped.ok) throw new Error(dropped.error.message);
    const check = await checkReplay(dropped.value, (await t.store.getRun("v-drop")) as RunRecord, await t.history("v-drop"));
    expect(check).toMatchObject({ ok: false, error: { kind: "NonDeterminism", details: { entry: "app:flow", line: 6, seq: 2 } } });
  });
});
