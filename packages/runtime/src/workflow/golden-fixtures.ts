/**
 * Golden fixtures — checked-in histories (`__fixtures__/golden/*.history.json`) recorded by
 * running fixture workflows (`*.lua` there) through the engine, and the scenarios that
 * recorded them. `golden.test.ts` replays every history against its workflow (and a
 * deliberately changed one that must diverge); `recordGolden` re-runs a scenario, which is how
 * the files were made and how they are remade when the recording format changes on purpose.
 */
import { readFileSync } from "node:fs";
import type { JsonValue, RunRecord, StoredEvent } from "@wippy/shared";
import type { CodeBundle } from "./code";
import { fn, LEASE_MS, toEntry, wf, workflowTest, WF_HOST } from "./test-support";

const DIR = new URL("./__fixtures__/golden/", import.meta.url);

export interface GoldenFile {
  readonly workflow: string;
  readonly run: RunRecord;
  readonly history: StoredEvent[];
}

export const readFixture = (name: string): string => readFileSync(new URL(name, DIR), "utf8");
export const readGolden = (name: string): GoldenFile => JSON.parse(readFixture(`${name}.history.json`)) as GoldenFile;

export function goldenBundle(workflow: string, file: string): CodeBundle {
  return { entry: toEntry(workflow, wf(readFixture(file), ["funcs", "time", "uuid", "workflow"])), libraries: [] };
}

const ORDER_ACTIVITIES = {
  "app:reserve": fn(`return { main = function(items) return "res-" .. #items end }`),
  "app:charge": fn(`return { main = function(total) return "pay-" .. total end }`),
  "app:release": fn(`return { main = function() return true end }`),
  "app:ship": fn(`return { main = function(id, speed) return "ship-" .. id .. "-" .. speed end }`),
};

/** Runs a golden scenario from scratch and returns what the engine recorded. */
export async function recordGolden(name: "order" | "retry-child"): Promise<GoldenFile> {
  if (name === "order") {
    const t = workflowTest({ "app:order": wf(readFixture("order.lua")), ...ORDER_ACTIVITIES });
    const w = t.worker("node-golden");
    const pid = await t.spawn("app:order", [{ id: "o-1", items: ["book", "pen"], total: 30 } as JsonValue], { id: "golden-order" });
    await t.advance(10 * 60_000);
    await t.client(w).send(pid, "approval", [{ approved: true }], "{app:ui|0x00001}");
    await t.advance(1_000);
    await t.exit(pid);
    return { workflow: "app:order", run: (await t.store.getRun("golden-order")) as RunRecord, history: await t.history("golden-order") };
  }
  const t = workflowTest({
    "app:retry": wf(readFixture("retry-child.lua")),
    "app:double_flow": wf(`return { main = function(v) return v * 2 end }`),
    "app:flaky": fn(`local ledger = require("ledger")
return { main = function(n) if ledger.add("flaky") < 3 then return nil, errors.new({ kind = "Unavailable", message = "busy" }) end return n + 1 end }`),
  });
  const w = t.worker("node-golden");
  const pid = await t.spawn("app:retry", [20], { id: "golden-retry" });
  await t.advance(20_000);
  await t.client(w).cancel(pid, "enough", "{app:ui|0x00002}");
  await t.advance(LEASE_MS);
  await t.exit(pid);
  return { workflow: "app:retry", run: (await t.store.getRun("golden-retry")) as RunRecord, history: await t.history("golden-retry") };
}

export { WF_HOST };
