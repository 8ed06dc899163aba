/**
 * Modules a workflow may not use (`lua/modules/workflow/refused.ts`): `require("sql")` in
 * workflow code fails the run at once with advice to use an activity; nothing else ran.
 */
import { describe, expect, it } from "vitest";
import { fn, wf, workflowTest } from "./test-support";

describe("modules refused inside workflows", () => {
  it("require('sql') in a workflow fails the run, telling the author to call it from an activity", async () => {
    const t = workflowTest({
      "app:flow": wf(
        `return { main = function()
           local funcs = require("funcs")
           funcs.call("app:step")
           local sql = require("sql")
           return "unreachable"
         end }`,
        ["funcs", "sql"],
      ),
      "app:step": fn(`return { main = function() local ledger = require("ledger"); ledger.add("step") end }`),
    });
    t.worker("node-a");
    const pid = await t.spawn("app:flow", [], { id: "sql-1" });
    await t.advance(1_000);
    const error = (await t.exit(pid)).error;
    expect(error?.message).toContain("module 'sql' cannot be used in workflow app:flow");
    expect(error?.message).toContain("a function.lua that the workflow runs with funcs.call");
    expect(t.count("step")).toBe(1);
    expect((await t.store.getRun("sql-1"))?.status).toBe("failed");
  });

  it("a workflow that does not list sql gets the usual 'not listed' error", async () => {
    const t = workflowTest({ "app:flow": wf(`return { main = function() require("sql") end }`, ["funcs"]) });
    t.worker("node-a");
    const pid = await t.spawn("app:flow", [], { id: "sql-2" });
    await t.advance(1_000);
    expect((await t.exit(pid)).error?.message).toContain("module 'sql' is not listed in modules: of app:flow");
  });
});
