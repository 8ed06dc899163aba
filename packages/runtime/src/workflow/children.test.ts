import { describe, expect, it } from "vitest";
import { fn, LEASE_MS, wf, workflowTest } from "./test-support";

const PARENT = wf(`local workflow = require("workflow")
return { main = function(n)
  local doubled, err = workflow.exec("child", n)
  if err then return nil, err end
  local _, failure = workflow.exec("app:broken")
  return { doubled = doubled, failure = failure:kind() }
end }`);
const CHILD = wf(`local funcs = require("funcs")
local time = require("time")
return { main = function(n) time.sleep("10s") return funcs.call("app:double", n) end }`);
const BROKEN = wf(`return { main = function() return nil, errors.new({ kind = "Conflict", message = "no" }) end }`);
const DOUBLE = fn(`local ledger = require("ledger")
return { main = function(n) ledger.add("double") return n * 2 end }`);

describe("child workflows", () => {
  it("runs a child as a run of its own and gives its result, or its error, to the parent", async () => {
    const t = workflowTest({ "app:parent": PARENT, "app:child": CHILD, "app:broken": BROKEN, "app:double": DOUBLE });
    t.worker("node-a");
    const pid = await t.spawn("app:parent", [21], { id: "p-1" });
    await t.advance(15_000);
    expect(await t.exit(pid)).toEqual({ value: { doubled: 42, failure: "Conflict" } });
    expect(await t.store.getRun("p-1/1")).toMatchObject({ workflow: "app:child", status: "completed", result: 42, parent: { id: "p-1", command: 1 } });
    expect(await t.store.getRun("p-1/2")).toMatchObject({ workflow: "app:broken", status: "failed" });
    expect(await t.types("p-1")).toEqual(["started", "child.started", "child.completed", "child.started", "child.failed", "completed"]);
  });

  it("starts a child once across a takeover of the parent, and the child's result still arrives", async () => {
    const t = workflowTest({ "app:parent": PARENT, "app:child": CHILD, "app:broken": BROKEN, "app:double": DOUBLE });
    const a = t.worker("node-a");
    const pid = await t.spawn("app:parent", [5], { id: "p-2" });
    await t.advance(1_000);
    a.kill();
    t.worker("node-b");
    await t.advance(LEASE_MS + 15_000);
    expect(await t.exit(pid)).toEqual({ value: { doubled: 10, failure: "Conflict" } });
    expect(t.count("double")).toBe(1);
    expect((await t.store.listRuns({ parentId: "p-2" })).map((r) => r.id).sort()).toEqual(["p-2/1", "p-2/2"]);
  });

  it("fails the child command when the child workflow does not exist", async () => {
    const t = workflowTest({
      "app:parent": wf(`local workflow = require("workflow")
return { main = function() local _, err = workflow.exec("app:nope") return err:kind() end }`),
    });
    t.worker("node-a");
    const pid = await t.spawn("app:parent", [], { id: "p-3" });
    await t.advance(1_000);
    expect(await t.exit(pid)).toEqual({ value: "NotFound" });
  });
});
