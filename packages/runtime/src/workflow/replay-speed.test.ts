// Resume time of a 1,000-event history (issue 6 targets ≤ 200 ms; bench/workflows measures
// it properly). The bound here is loose so that a shared CI machine does not flake, but it
// still fails on an order-of-magnitude regression of replay.
import type { RunRecord, StoredEvent } from "@wippy/shared";
import { expect, it } from "vitest";
import { checkReplay } from "./replay";
import { DEFAULT_RETRY_POLICY } from "./retry";
import { toEntry, wf } from "./test-support";

it("replays a 1,000-event history in well under a second", async () => {
  const bundle = { entry: toEntry("app:flow", wf(`local funcs = require("funcs")
return { main = function() local s = 0 for i = 1, 500 do s = s + funcs.call("app:step", i) end return s end }`)), libraries: [] };
  const run: RunRecord = { id: "p", workflow: "app:flow", host: "app:wf", codeHash: "h", status: "running", input: [], createdAt: 0, updatedAt: 0 };
  const history: StoredEvent[] = [{ seq: 1, at: 0, type: "started", input: [] }];
  for (let i = 1; i <= 500; i++) {
    history.push({ seq: history.length + 1, at: i, type: "activity.scheduled", command: i, activity: "app:step", args: [i], options: { retry: DEFAULT_RETRY_POLICY } });
    history.push({ seq: history.length + 1, at: i, type: "activity.completed", command: i, result: i, attempt: 1 });
  }
  await checkReplay(bundle, run, history);
  const t0 = performance.now();
  const r = await checkReplay(bundle, run, history);
  const ms = performance.now() - t0;
  expect(r).toEqual({ ok: true, ended: true });
  expect(ms).toBeLessThan(1000);
});
