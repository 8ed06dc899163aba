import { describe, expect, it } from "vitest";
import { bundleCode, codeHash } from "./code";
import { lib, LEASE_MS, wf, workflowTest } from "./test-support";

const FLOW = wf(`local util = require("util")
return { main = function()
  local before = util.greet()
  process.inbox():receive()
  return before .. " / " .. util.greet()
end }`, ["funcs"], { imports: { util: "app:util" } });

describe("pinned code", () => {
  it("runs and replays a run on the code it started with (its libraries too), whatever the registry says later", async () => {
    const t = workflowTest({ "app:flow": FLOW, "app:util": lib(`return { greet = function() return "v1" end }`) });
    const a = t.worker("node-a");
    const pid = await t.spawn("app:flow", [], { id: "pin-1" });
    await t.advance(1_000);
    t.setEntry("app:util", lib(`return { greet = function() return "v2" end }`));
    a.kill();
    const b = t.worker("node-b");
    await t.advance(LEASE_MS + 1_000);
    await t.client(b).send(pid, "go", []);
    await t.advance(1_000);
    expect(await t.exit(pid)).toEqual({ value: "v1 / v1" });
    const fresh = await t.spawn("app:flow", [], { id: "pin-2" });
    await t.advance(1_000);
    await t.client(b).send(fresh, "go", []);
    await t.advance(1_000);
    expect(await t.exit(fresh)).toEqual({ value: "v2 / v2" });
  });

  it("hashes a workflow with the libraries it imports, transitively", () => {
    const t = workflowTest({
      "app:flow": FLOW,
      "app:util": { ...lib(`local more = require("more") return { greet = more.greet }`), data: { imports: { more: "app:more" } } },
      "app:more": lib(`return { greet = function() return "x" end }`),
    });
    const bundle = bundleCode(t.resolveEntry, "app:flow");
    expect(bundle.ok && bundle.value.libraries.map((l) => l.id)).toEqual(["app:more", "app:util"]);
    const before = bundle.ok ? codeHash(bundle.value) : "";
    t.setEntry("app:more", lib(`return { greet = function() return "y" end }`));
    const after = bundleCode(t.resolveEntry, "app:flow");
    expect(after.ok && codeHash(after.value)).not.toBe(before);
    expect(bundleCode(t.resolveEntry, "app:util")).toMatchObject({ ok: false, error: { kind: "Invalid" } });
  });
});
