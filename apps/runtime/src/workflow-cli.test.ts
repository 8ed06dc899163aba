/**
 * `wippy workflow list|show|signal|cancel|terminate|upgrade` end to end: runs created straight in a real
 * PostgreSQL through the store, then driven with the real binary.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PgWorkflowStore } from "@wippy/db";
import { createTestDatabase, testTargets } from "@wippy/db/testing";
import type { TestDatabase } from "@wippy/db/testing";
import type { NewRun, RunRecord } from "@wippy/shared";
import { cliEnv, runWippy, writeApp } from "./testing/cli";

const [external] = testTargets().filter((t) => t.name === "external");

describe("wippy workflow", () => {
  let tdb: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let store: PgWorkflowStore;
  const wippy = (...args: string[]) => runWippy(args, env);

  const start = async (run: Partial<NewRun> & { id: string }) => {
    const r = await store.startRun({ workflow: "app:order", host: "app:wf", codeHash: "hash-1", input: [{ order: 1 }], ...run }, "fail");
    if (!r.ok) throw new Error(r.error.message);
    return r.value.run;
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(external ?? testTargets()[0]!);
    env = cliEnv({ DATABASE_URL: tdb.url });
    store = new PgWorkflowStore(tdb.sql);
    await store.putCode("hash-1", { source: "return {}" });
    await start({ id: "order-1" });
    await start({ id: "order-2" });
    await start({ id: "ship-1", workflow: "app:ship", host: "app:ship_host", input: [] });
    // Some history on ship-1: an activity scheduled and completed by a node holding the lease.
    const [lease] = await store.claimRuns("node-a", 60_000, 10, ["app:ship_host"]);
    expect(lease?.runId).toBe("ship-1");
    const appended = await store.append(lease!, [
      { type: "activity.scheduled", at: Date.now(), command: 1, activity: "app:pack", args: ["box", 3], options: { retry: { initialIntervalMs: 100, backoff: 2, maxIntervalMs: 1000, maxAttempts: 3, nonRetryable: [] } } },
      { type: "activity.completed", at: Date.now(), command: 1, result: { packed: true }, attempt: 1 },
    ]);
    expect(appended.ok).toBe(true);
    await store.releaseLease(lease!);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("lists runs as a table and as JSON, with filters", async () => {
    const table = await wippy("workflow", "list");
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+WORKFLOW\s+STATUS\s+CREATED\s+UPDATED/);
    expect(table.stdout).toMatch(/order-1\s+app:order\s+running\s+\d{4}-\d\d-\d\dT/);
    expect(table.stdout).toMatch(/ship-1\s+app:ship\s+running/);
    expect(table.stdout).toMatch(/3 run\(s\)/);

    const all = await wippy("workflow", "list", "--json");
    expect(all.json.ok).toBe(true);
    expect((all.json.runs as RunRecord[]).map((r) => r.id).sort()).toEqual(["order-1", "order-2", "ship-1"]);

    const byWorkflow = await wippy("workflow", "list", "--workflow", "app:ship", "--json");
    expect((byWorkflow.json.runs as RunRecord[]).map((r) => r.id)).toEqual(["ship-1"]);
    const limited = await wippy("workflow", "list", "--limit", "2", "--json");
    expect(limited.json.runs).toHaveLength(2);
    const none = await wippy("workflow", "list", "--status", "completed");
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/no workflow runs/);

    const bad = await wippy("workflow", "list", "--status", "sleeping");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--status must be one of/);
  });

  it("shows a run with its history", async () => {
    const shown = await wippy("workflow", "show", "ship-1");
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/workflow: app:ship/);
    expect(shown.stdout).toMatch(/status:\s+running/);
    expect(shown.stdout).toMatch(/\n\s+1\s+started\s+input \[\]/);
    expect(shown.stdout).toMatch(/\n\s+2\s+activity\.scheduled\s+#1 app:pack\("box",3\)/);
    expect(shown.stdout).toMatch(/\n\s+3\s+activity\.completed\s+#1 attempt 1 → \{"packed":true\}/);

    const asJson = await wippy("workflow", "show", "ship-1", "--json");
    expect(asJson.json).toMatchObject({ ok: true, run: { id: "ship-1", status: "running" }, inbox: [] });
    expect((asJson.json.history as { seq: number; type: string }[]).map((e) => [e.seq, e.type])).toEqual([
      [1, "started"],
      [2, "activity.scheduled"],
      [3, "activity.completed"],
    ]);

    const missing = await wippy("workflow", "show", "nope", "--json");
    expect(missing.code).toBe(5);
    expect(missing.json).toMatchObject({ ok: false, error: { exitCode: 5 } });
    expect((missing.json.error as { message: string }).message).toMatch(/nope not found/);
  });

  it("signals a run: the signal waits in its inbox", async () => {
    const sent = await wippy("workflow", "signal", "order-1", "approve", '{"by":"ann","n":2}');
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toMatch(/sent approve to workflow run order-1/);
    const bare = await wippy("workflow", "signal", "order-1", "ping", "--json");
    expect(bare.json).toMatchObject({ ok: true, id: "order-1", topic: "ping", payloads: [] });
    expect(await store.pendingInbox("order-1")).toMatchObject([
      { kind: "signal", topic: "approve", payloads: [{ by: "ann", n: 2 }], from: "cli:tester" },
      { kind: "signal", topic: "ping", payloads: [] },
    ]);
    const shown = await wippy("workflow", "show", "order-1");
    expect(shown.stdout).toMatch(/pending inbox \(2\):\n\s+signal approve \[\{.*"by":"ann".*\}\] from cli:tester/);

    const badJson = await wippy("workflow", "signal", "order-1", "approve", "{not json");
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toMatch(/the signal payload must be JSON/);
    const unknown = await wippy("workflow", "signal", "nope", "approve", "1");
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toMatch(/workflow run nope not found/);
    expect(await store.pendingInbox("order-1")).toHaveLength(2);
  });

  it("cancels a run cooperatively: a cancel request in its inbox, the run still running", async () => {
    const r = await wippy("workflow", "cancel", "order-2", "customer changed their mind");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/requested cancellation of workflow run order-2/);
    expect(await store.pendingInbox("order-2")).toMatchObject([{ kind: "cancel", reason: "customer changed their mind", from: "cli:tester" }]);
    expect((await store.getRun("order-2"))?.status).toBe("running");
    expect((await wippy("workflow", "cancel", "nope")).code).toBe(5);
  });

  it("terminates a run, then refuses to touch it again", async () => {
    const r = await wippy("workflow", "terminate", "order-2", "stuck", "--json");
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ ok: true, run: { id: "order-2", status: "terminated" } });
    const run = await store.getRun("order-2");
    expect(run?.status).toBe("terminated");
    const history = await store.history("order-2");
    expect(history.at(-1)).toMatchObject({ type: "terminated", reason: "stuck" });

    const listed = await wippy("workflow", "list", "--status", "terminated", "--json");
    expect((listed.json.runs as RunRecord[]).map((x) => x.id)).toEqual(["order-2"]);
    const shown = await wippy("workflow", "show", "order-2");
    expect(shown.stdout).toMatch(/terminated\s+stuck/);

    for (const args of [["terminate", "order-2"], ["cancel", "order-2"], ["signal", "order-2", "ping"]]) {
      const again = await wippy("workflow", ...args);
      expect(again.code, args.join(" ")).toBe(4);
      expect(again.stderr).toMatch(/workflow run order-2: it has already ended \(terminated\)/);
    }
    expect((await wippy("workflow", "terminate", "nope")).code).toBe(5);
  });

  it("upgrades a run to the current code only when that code replays its history", async () => {
    const app = (first: string) =>
      writeApp({
        "_index.yaml": `version: "1.0"
namespace: app
entries:
  - name: ship
    kind: workflow.lua
    source: file://ship.lua
    method: run
    modules: [funcs]
`,
        "ship.lua": `local funcs = require("funcs")
local function run()
    local packed = funcs.call("${first}", "box", 3)
    local sent = funcs.call("app:send", packed)
    return sent
end
return { run = run }
`,
      });
    const before = await store.getRun("ship-1");
    const diverging = await wippy("apply", app("app:unpack"));
    expect(diverging.code, diverging.stderr).toBe(0);
    const refused = await wippy("workflow", "upgrade", "ship-1");
    expect(refused.code, refused.stderr).toBe(4);
    expect(refused.stderr).toMatch(/cannot upgrade workflow run ship-1: the current code diverges from its history/);
    expect(await store.getRun("ship-1")).toEqual(before);
    expect(await store.history("ship-1")).toHaveLength(3);

    const compatible = await wippy("apply", app("app:pack"));
    expect(compatible.code, compatible.stderr).toBe(0);
    const up = await wippy("workflow", "upgrade", "ship-1", "--json");
    expect(up.code, up.stdout + up.stderr).toBe(0);
    expect(up.json).toMatchObject({ ok: true, report: { status: "upgraded", fromHash: "hash-1" } });
    const after = await store.getRun("ship-1");
    expect(after?.codeHash).not.toBe("hash-1");
    expect((await store.history("ship-1")).at(-1)).toMatchObject({ type: "code.upgraded", fromHash: "hash-1", toHash: after?.codeHash });
    const again = await wippy("workflow", "upgrade", "ship-1");
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already runs the current code/);

    expect((await wippy("workflow", "upgrade", "nope")).code).toBe(5);
    expect((await wippy("workflow", "upgrade", "order-2")).code).toBe(4);
  });
});
