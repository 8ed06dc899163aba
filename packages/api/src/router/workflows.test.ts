/**
 * `workflows.*` through `createCaller` on both test servers. No node runs the workflows here:
 * where a test needs history, it writes it through the store as a node holding the lease
 * would, so every assertion is about what the control plane reads, writes and refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PgWorkflowStore } from "@wippy/db";
import { testTargets } from "@wippy/db/testing";
import type { Lease, TimedEvent } from "@wippy/shared";
import { createWorld, errorOf, luaFunction, type World } from "../test/world";

const RETRY = { initialIntervalMs: 100, backoff: 2, maxIntervalMs: 1000, maxAttempts: 3, nonRetryable: [] };

/** A workflow that packs, then `next`s — the CLI's upgrade test uses the same shape. */
const flow = (first: string, next = "app:send") => `local funcs = require("funcs")
local function run()
    local packed = funcs.call("${first}", "box", 3)
    return funcs.call("${next}", packed)
end
return { run = run }
`;

describe.each(testTargets())("workflows router on $name PostgreSQL", (target) => {
  let w: World;
  let store: PgWorkflowStore;

  const operator = () => w.as("operator");
  const audits = async (action: string) => (await w.as("admin").audit.list({ action })).items;
  const setFlow = async (source: string) => {
    const { version } = await w.as("editor").registry.get({ id: "app:ship" });
    await w.as("editor").registry.save({ id: "app:ship", baseVersion: version, entry: { kind: "workflow.lua", meta: {}, data: { source, method: "run", modules: ["funcs"] } } });
  };
  /** Appends as the node holding the run would. */
  const asNode = async (runId: string, events: TimedEvent[], timers: { command: number; fireAt: number }[] = []): Promise<Lease> => {
    const leases = await store.claimRuns("node-a", 60_000, 1_000);
    const lease = leases.find((l) => l.runId === runId) ?? (await store.renewLeases("node-a", 60_000)).find((l) => l.runId === runId);
    if (!lease) throw new Error(`node-a cannot hold ${runId}`);
    const appended = await store.append(lease, events, { timers });
    if (!appended.ok) throw new Error(appended.error.message);
    return lease;
  };

  beforeAll(async () => {
    w = await createWorld(target);
    store = new PgWorkflowStore(w.db.sql);
    const admin = w.as("admin");
    await admin.registry.create({ entry: { id: "app:wf", kind: "workflow.host", meta: {}, data: {} } });
    await admin.registry.create({ entry: { id: "app:ship", kind: "workflow.lua", meta: {}, data: { source: flow("app:pack"), method: "run", modules: ["funcs"] } } });
    await admin.registry.create({ entry: luaFunction("app:fn") });
  });
  afterAll(() => w?.drop());

  describe("start", () => {
    it("starts a run on the only workflow host with JSON arguments, once per business id, and audits it", async () => {
      const started = await operator().workflows.start({ workflow: "app:ship", args: [{ qty: 2 }, "x"], id: "ship-1" });
      expect(started).toEqual({ pid: "{app:wf|ship-1}", runId: "ship-1", host: "app:wf", created: true });
      expect(await store.getRun("ship-1")).toMatchObject({ workflow: "app:ship", host: "app:wf", status: "running", input: [{ qty: 2 }, "x"] });
      expect(await operator().workflows.start({ workflow: "app:ship", args: [], id: "ship-1" })).toMatchObject({ created: false });
      const refused = await errorOf(() => operator().workflows.start({ workflow: "app:ship", args: [], id: "ship-1", policy: "fail" }));
      expect(refused).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("ship-1 already exists") as string });
      const rows = await audits("workflows.start");
      expect(rows.map((r) => [r.target, r.summary])).toEqual([
        ["ship-1", "ship-1 already exists: nothing started"],
        ["ship-1", "started app:ship as ship-1"],
      ]);
      expect(rows[1]).toMatchObject({ actor: { name: "operator@example.com" }, after: { workflow: "app:ship", host: "app:wf", args: [{ qty: 2 }, "x"], created: true } });
    });

    it("refuses what cannot start, says why, and writes nothing", async () => {
      const before = (await store.listRuns({ limit: 1000 })).length;
      expect(await errorOf(() => operator().workflows.start({ workflow: "app:nope", args: [] }))).toMatchObject({ code: "NOT_FOUND", message: "cannot start app:nope: workflow app:nope not found" });
      expect(await errorOf(() => operator().workflows.start({ workflow: "app:fn", args: [] }))).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("not a workflow.lua") as string });
      expect(await errorOf(() => operator().workflows.start({ workflow: "app:ship", host: "app:fn", args: [] }))).toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("not a workflow.host") as string });
      const badId = await errorOf(() => operator().workflows.start({ workflow: "app:ship", args: [], id: "a|b" }));
      expect(badId.code).toBe("BAD_REQUEST");
      expect(badId.message).toContain("a business id must be free of { } |");
      expect((await errorOf(() => operator().workflows.start({ workflow: "not an id", args: [] }))).code).toBe("BAD_REQUEST");
      expect(await store.listRuns({ limit: 1000 })).toHaveLength(before);
    });
  });

  describe("list", () => {
    it("filters by status, workflow, id and time, counts per status, and pages without gaps", async () => {
      for (const id of ["list-a", "list-b", "list-c", "List-D"]) await operator().workflows.start({ workflow: "app:ship", args: [], id });
      await operator().workflows.terminate({ id: "list-b", reason: "not needed" });
      const viewer = w.as("viewer");

      const byId = await viewer.workflows.list({ id: "LIST-" });
      expect(byId.items.map((r) => r.id).sort()).toEqual(["List-D", "list-a", "list-b", "list-c"]);
      expect(byId.counts).toMatchObject({ all: 4, running: 3, terminated: 1, completed: 0, halted: 0 });
      const terminated = await viewer.workflows.list({ id: "list-", status: "terminated" });
      expect(terminated.items).toMatchObject([{ id: "list-b", status: "terminated", error: { kind: "Canceled" } }]);
      // Counts ignore the status filter: they say what each status would show.
      expect(terminated.counts.all).toBe(4);
      expect((await viewer.workflows.list({ workflow: "app:other" })).items).toEqual([]);

      const newest = byId.items[0];
      const later = await viewer.workflows.list({ id: "list-", createdFrom: (newest?.createdAt ?? 0) + 1_000 });
      expect(later.items).toEqual([]);

      const seen: string[] = [];
      let cursor: { createdAt: string; id: string } | null = null;
      for (let i = 0; i < 10; i++) {
        const page: Awaited<ReturnType<typeof viewer.workflows.list>> = await viewer.workflows.list({ id: "list-", limit: 3, cursor });
        seen.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toEqual(byId.items.map((r) => r.id));
    });

    it("says what is wrong with a filter", async () => {
      const range = await errorOf(() => w.as("viewer").workflows.list({ createdFrom: 2_000, createdTo: 1_000 }));
      expect(range.code).toBe("BAD_REQUEST");
      expect(range.message).toContain("the start of the time range must be before its end");
      const cursor = await errorOf(() => w.as("viewer").workflows.list({ cursor: { createdAt: "yesterday", id: "x" } }));
      expect(cursor.message).toContain("not a page cursor from this list");
    });
  });

  describe("one run", () => {
    it("shows the record, the timeline, pending inbox items, armed timers and the lease", async () => {
      await operator().workflows.start({ workflow: "app:ship", args: [7], id: "page-1" });
      const now = Date.now();
      await asNode(
        "page-1",
        [
          { type: "activity.scheduled", command: 1, activity: "app:pack", args: ["box", 3], options: { retry: RETRY }, at: now },
          { type: "activity.failed", command: 1, error: { kind: "Unavailable", message: "no boxes" }, attempt: 1, final: false, retryAt: now + 100, at: now + 20 },
          { type: "activity.completed", command: 1, result: { packed: true }, attempt: 2, at: now + 150 },
          { type: "timer.started", command: 2, fireAt: now + 60_000, at: now + 151 },
        ],
        [{ command: 2, fireAt: now + 60_000 }],
      );
      await operator().workflows.signal({ id: "page-1", topic: "approve", payload: { by: "olga" } });

      const page = await w.as("viewer").workflows.get({ id: "page-1" });
      expect(page.run).toMatchObject({ id: "page-1", status: "running", input: [7] });
      expect(page.pid).toBe("{app:wf|page-1}");
      expect(page.history.map((e) => e.type)).toEqual(["started", "activity.scheduled", "activity.failed", "activity.completed", "timer.started"]);
      expect(page.timeline.map((i) => i.type)).toEqual(["started", "activity", "timer"]);
      expect(page.timeline[1]).toMatchObject({ status: "completed", durationMs: 150, attempts: [{ outcome: "failed", durationMs: 20 }, { outcome: "completed", startedAt: now + 100, durationMs: 50 }] });
      expect(page.inbox).toMatchObject([{ kind: "signal", topic: "approve", payloads: [{ by: "olga" }], from: "web:operator@example.com" }]);
      expect(page.timers).toEqual([{ command: 2, fireAt: now + 60_000, wakes: { type: "timer" } }]);
      expect(page.lease).toMatchObject({ owner: "node-a" });
      expect((await errorOf(() => w.as("viewer").workflows.get({ id: "nope" }))).code).toBe("NOT_FOUND");
    });
  });

  describe("signal, cancel, terminate", () => {
    it("put a signal and a cancel request in a running run's inbox, end it, and refuse an ended or unknown run", async () => {
      await operator().workflows.start({ workflow: "app:ship", args: [], id: "act-1" });
      expect(await operator().workflows.signal({ id: "act-1", topic: "go" })).toEqual({ id: "act-1", topic: "go" });
      await operator().workflows.cancel({ id: "act-1", reason: "customer changed their mind" });
      expect(await store.pendingInbox("act-1")).toMatchObject([
        { kind: "signal", topic: "go", payloads: [] },
        { kind: "cancel", reason: "customer changed their mind", from: "web:operator@example.com" },
      ]);
      const badTopic = await errorOf(() => operator().workflows.signal({ id: "act-1", topic: "@exit" }));
      expect(badTopic.message).toContain("topics beginning with @ are reserved");

      const ended = await operator().workflows.terminate({ id: "act-1", reason: "stuck" });
      expect(ended.run).toMatchObject({ id: "act-1", status: "terminated" });
      expect((await store.history("act-1")).at(-1)).toMatchObject({ type: "terminated", reason: "stuck" });
      for (const call of [
        () => operator().workflows.signal({ id: "act-1", topic: "go" }),
        () => operator().workflows.cancel({ id: "act-1" }),
        () => operator().workflows.terminate({ id: "act-1" }),
      ]) {
        expect(await errorOf(call)).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/workflow run act-1: it has already ended \(terminated\)$/) as string });
      }
      expect((await errorOf(() => operator().workflows.signal({ id: "nope", topic: "go" }))).code).toBe("NOT_FOUND");
      expect((await audits("workflows.")).filter((r) => r.target === "act-1").map((r) => r.action)).toEqual(["workflows.terminate", "workflows.cancel", "workflows.signal", "workflows.start"]);
    });
  });

  describe("upgrade", () => {
    it("checks by replay without changing anything, refuses divergent code, and switches only to the checked code", async () => {
      await setFlow(flow("app:pack"));
      await operator().workflows.start({ workflow: "app:ship", args: [], id: "up-1" });
      await asNode("up-1", [
        { type: "activity.scheduled", command: 1, activity: "app:pack", args: ["box", 3], options: { retry: RETRY }, at: Date.now() },
        { type: "activity.completed", command: 1, result: { packed: true }, attempt: 1, at: Date.now() },
      ]);
      const before = await store.getRun("up-1");
      expect(await operator().workflows.checkUpgrade({ id: "up-1" })).toEqual({ status: "unchanged", runId: "up-1", hash: before?.codeHash });

      await setFlow(flow("app:unpack"));
      const diverged = await operator().workflows.checkUpgrade({ id: "up-1" });
      expect(diverged).toMatchObject({ status: "diverged", fromHash: before?.codeHash, error: { kind: "NonDeterminism", details: { entry: "app:ship", command: 1, seq: 2 } } });
      expect((await operator().workflows.upgrade({ id: "up-1" })).report).toMatchObject({ status: "diverged" });
      expect(await store.getRun("up-1")).toEqual(before);
      expect(await store.history("up-1")).toHaveLength(3);

      await setFlow(flow("app:pack", "app:deliver"));
      const ok = await operator().workflows.checkUpgrade({ id: "up-1" });
      expect(ok).toMatchObject({ status: "deterministic", fromHash: before?.codeHash, checkedThrough: 3, ended: false });
      const stale = await errorOf(() => operator().workflows.upgrade({ id: "up-1", expectedHash: "0".repeat(64) }));
      expect(stale).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("changed since it was checked") as string });
      expect(await store.getRun("up-1")).toEqual(before);

      const toHash = ok.status === "deterministic" ? ok.toHash : "";
      expect((await operator().workflows.upgrade({ id: "up-1", expectedHash: toHash })).report).toEqual({ status: "upgraded", runId: "up-1", fromHash: before?.codeHash, toHash });
      expect((await store.getRun("up-1"))?.codeHash).toBe(toHash);
      expect((await store.history("up-1")).at(-1)).toMatchObject({ type: "code.upgraded", toHash });
      expect((await audits("workflows.upgrade")).map((r) => r.summary)).toEqual([
        `upgraded up-1: code ${before?.codeHash.slice(0, 12)} → ${toHash.slice(0, 12)}`,
        "not upgraded: the current code diverges from the history of up-1",
      ]);

      await operator().workflows.terminate({ id: "up-1" });
      expect(await errorOf(() => operator().workflows.checkUpgrade({ id: "up-1" }))).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("only running runs can be upgraded") as string });
      expect((await errorOf(() => operator().workflows.upgrade({ id: "nope" }))).code).toBe("NOT_FOUND");
    });
  });
});
