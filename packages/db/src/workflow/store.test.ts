/**
 * The WorkflowStore contract, method by method, on both test servers. Fencing, concurrency
 * and wake-ups have their own suites (fencing / concurrency / wakeups .test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { terminatedError, type Lease } from "@wippy/shared";
import { createTestDatabase, testTargets, type TestDatabase } from "../testing";
import { CODE, CODE_2, claimOrThrow, newRun, sideEffect, startOrThrow, storeCode } from "./fixtures";
import { PgWorkflowStore } from "./store";

describe.each(testTargets())("PgWorkflowStore contract on $name PostgreSQL", (target) => {
  let tdb: TestDatabase;
  let store: PgWorkflowStore;

  beforeAll(async () => {
    tdb = await createTestDatabase(target);
    store = new PgWorkflowStore(tdb.sql);
    await storeCode(store);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("putCode stores code once per hash; getCode reads it", async () => {
    await store.putCode("h", { lua: "v1" });
    await store.putCode("h", { lua: "v2" });
    expect(await store.getCode("h")).toEqual({ lua: "v1" });
    expect(await store.getCode("nope")).toBeUndefined();
  });

  it("startRun creates a running run with `started` at seq 1, epoch 0 and no lease", async () => {
    const before = Date.now();
    const r = await store.startRun(newRun("start-1", { parent: { id: "p", command: 4 } }), "fail");
    expect(r.ok && r.value.created).toBe(true);
    const run = r.ok ? r.value.run : undefined;
    expect(run).toMatchObject({ id: "start-1", workflow: "app:flow", host: "app:workflows", codeHash: CODE, status: "running", input: [{ n: 1 }], parent: { id: "p", command: 4 } });
    expect(run?.createdAt).toBeGreaterThanOrEqual(before - 1_000);
    const [started, ...rest] = await store.history("start-1");
    expect(rest).toEqual([]);
    expect(started).toEqual({ seq: 1, type: "started", input: [{ n: 1 }], at: run?.createdAt });
    const lease = await claimOrThrow(store, "node-a", "start-1");
    expect(lease.epoch).toBe(1);
  });

  it("startRun refuses an empty id", async () => {
    const noId = await store.startRun(newRun(""), "fail");
    expect(!noId.ok && noId.error.kind).toBe("Invalid");
  });

  describe("conflict policies", () => {
    it("use_existing returns the existing run, unchanged", async () => {
      await startOrThrow(store, "conf-use");
      const again = await store.startRun(newRun("conf-use", { input: ["other"] }), "use_existing");
      expect(again.ok && again.value).toMatchObject({ created: false, run: { id: "conf-use", input: [{ n: 1 }] } });
      expect(await store.history("conf-use")).toHaveLength(1);
    });

    it("fail refuses with AlreadyExists", async () => {
      await startOrThrow(store, "conf-fail");
      const again = await store.startRun(newRun("conf-fail"), "fail");
      expect(!again.ok && again.error.kind).toBe("AlreadyExists");
    });

    it("terminate_existing terminates a running run, fences its owner and replaces record and history", async () => {
      await startOrThrow(store, "conf-term", { parent: { id: "conf-term-parent", command: 2 } });
      await startOrThrow(store, "conf-term-parent");
      const old = await claimOrThrow(store, "node-a", "conf-term");
      expect((await store.append(old, [sideEffect(1)])).ok).toBe(true);
      const replaced = await store.startRun(newRun("conf-term", { input: ["v2"], codeHash: CODE_2 }), "terminate_existing");
      expect(replaced.ok && replaced.value).toMatchObject({ created: true, run: { status: "running", input: ["v2"], codeHash: CODE_2 } });
      expect(replaced.ok && replaced.value.run.parent).toBeUndefined();
      expect((await store.history("conf-term")).map((e) => e.type)).toEqual(["started"]);
      const late = await store.append(old, [sideEffect(2)]);
      expect(!late.ok && late.error.kind).toBe("Fenced");
      // The old run ended as terminated: its parent was told.
      expect(await store.pendingInbox("conf-term-parent")).toEqual([
        { id: expect.any(Number), kind: "child", command: 2, childId: "conf-term", error: terminatedError("replaced by a new run (terminate_existing)") },
      ]);
      const fresh = await claimOrThrow(store, "node-b", "conf-term");
      expect(fresh.epoch).toBeGreaterThan(old.epoch + 1);
    });

    it("terminate_existing replaces a finished run", async () => {
      await startOrThrow(store, "conf-done");
      const lease = await claimOrThrow(store, "node-a", "conf-done");
      await store.append(lease, [{ type: "completed", result: 1, at: 5 }]);
      const replaced = await store.startRun(newRun("conf-done"), "terminate_existing");
      expect(replaced.ok && replaced.value.run.status).toBe("running");
      expect(replaced.ok && replaced.value.run.result).toBeUndefined();
      expect((await store.history("conf-done")).map((e) => e.type)).toEqual(["started"]);
    });
  });

  it("getRun and listRuns (newest first, filtered, limited)", async () => {
    expect(await store.getRun("nope")).toBeUndefined();
    await startOrThrow(store, "list-1", { workflow: "app:listed" });
    await startOrThrow(store, "list-2", { workflow: "app:listed", parent: { id: "list-1", command: 3 } });
    await startOrThrow(store, "list-3", { workflow: "app:listed" });
    const lease = await claimOrThrow(store, "node-a", "list-3");
    await store.append(lease, [{ type: "failed", error: { kind: "Internal", message: "boom" }, at: 9 }]);
    expect((await store.listRuns({ workflow: "app:listed" })).map((r) => r.id)).toEqual(["list-3", "list-2", "list-1"]);
    expect((await store.listRuns({ workflow: "app:listed", status: "running" })).map((r) => r.id)).toEqual(["list-2", "list-1"]);
    expect((await store.listRuns({ workflow: "app:listed", limit: 1 })).map((r) => r.id)).toEqual(["list-3"]);
    expect((await store.listRuns({ parentId: "list-1" })).map((r) => r.id)).toEqual(["list-2"]);
    expect((await store.listRuns({ status: "failed" })).map((r) => r.id)).toContain("list-3");
    expect(await store.getRun("list-3")).toMatchObject({ status: "failed", error: { kind: "Internal", message: "boom" } });
  });

  describe("leases", () => {
    it("claimRuns takes a run nobody holds (epoch + 1) and does not hand out a live lease again", async () => {
      await startOrThrow(store, "claim-1");
      const lease = await claimOrThrow(store, "node-a", "claim-1", 10_000);
      expect(lease).toMatchObject({ runId: "claim-1", owner: "node-a", epoch: 1 });
      expect(lease.expiresAt).toBeGreaterThan(Date.now() + 5_000);
      const again = [...(await store.claimRuns("node-a", 10_000, 1_000)), ...(await store.claimRuns("node-b", 10_000, 1_000))];
      expect(again.map((l) => l.runId)).not.toContain("claim-1");
    });

    it("claimRuns renews, same epoch, a held run that has an inbox item or a due timer", async () => {
      await startOrThrow(store, "claim-due");
      const lease = await claimOrThrow(store, "node-a", "claim-due");
      expect((await store.claimRuns("node-a", 30_000, 1_000)).map((l) => l.runId)).not.toContain("claim-due");
      await store.signal("claim-due", "go", [1], "tester");
      const renewed = (await store.claimRuns("node-a", 60_000, 1_000)).find((l) => l.runId === "claim-due");
      expect(renewed).toMatchObject({ owner: "node-a", epoch: lease.epoch });
      expect(renewed?.expiresAt).toBeGreaterThan(lease.expiresAt);
      expect((await store.claimRuns("node-b", 30_000, 1_000)).map((l) => l.runId)).not.toContain("claim-due");
    });

    it("claimRuns with hosts takes only runs on those workflow hosts", async () => {
      await startOrThrow(store, "host-a", { host: "app:hosts-a" });
      await startOrThrow(store, "host-b", { host: "app:hosts-b" });
      expect(await store.claimRuns("node-a", 30_000, 1_000, [])).toEqual([]);
      const onA = (await store.claimRuns("node-a", 30_000, 1_000, ["app:hosts-a", "app:none"])).map((l) => l.runId);
      expect(onA).toEqual(["host-a"]);
      const replaced = await store.startRun(newRun("host-a", { host: "app:hosts-b" }), "terminate_existing");
      expect(replaced.ok).toBe(true);
      expect((await store.claimRuns("node-b", 30_000, 1_000, ["app:hosts-b"])).map((l) => l.runId).sort()).toEqual(["host-a", "host-b"]);
    });

    it("renewLeases extends every lease the owner holds, and only those", async () => {
      await startOrThrow(store, "renew-1");
      const a1 = await claimOrThrow(store, "renewer-a", "renew-1", 5_000);
      await startOrThrow(store, "renew-2");
      const a2 = await claimOrThrow(store, "renewer-a", "renew-2", 5_000);
      await startOrThrow(store, "renew-3");
      await claimOrThrow(store, "renewer-b", "renew-3", 5_000);
      // Other tests' unowned runs were claimed along the way; only these three matter here.
      const renewed = (await store.renewLeases("renewer-a", 60_000)).filter((l) => l.runId.startsWith("renew-"));
      expect(renewed.map((l) => l.runId).sort()).toEqual(["renew-1", "renew-2"]);
      for (const l of renewed) expect(l).toMatchObject({ owner: "renewer-a", epoch: l.runId === "renew-1" ? a1.epoch : a2.epoch });
      expect(Math.min(...renewed.map((l) => l.expiresAt))).toBeGreaterThan(a1.expiresAt + 30_000);
    });

    it("releaseLease gives the run up (epoch stays, next take is + 1); a stale release is a no-op", async () => {
      await startOrThrow(store, "release-1");
      const lease = await claimOrThrow(store, "node-a", "release-1");
      await store.releaseLease({ ...lease, epoch: lease.epoch - 1 });
      expect((await store.renewLeases("node-a", 30_000)).map((l) => l.runId)).toContain("release-1");
      await store.releaseLease(lease);
      expect((await store.renewLeases("node-a", 30_000)).map((l) => l.runId)).not.toContain("release-1");
      const next = await claimOrThrow(store, "node-b", "release-1");
      expect(next.epoch).toBe(lease.epoch + 1);
    });
  });

  describe("append and history", () => {
    it("appends with the next seqs, keeps each event's workflow time, and reads back from a seq", async () => {
      await startOrThrow(store, "append-1");
      const lease = await claimOrThrow(store, "node-a", "append-1");
      const first = await store.append(lease, [
        { type: "activity.scheduled", command: 1, activity: "app:charge", args: [{ amount: 5 }], options: { retry: { initialIntervalMs: 100, backoff: 2, maxIntervalMs: 1_000, maxAttempts: 3, nonRetryable: [] } }, at: 1_700_000_000_123.25 },
        { type: "activity.completed", command: 1, result: { ok: true }, attempt: 1, at: 1_700_000_000_124 },
      ]);
      expect(first.ok && first.value.map((e) => e.seq)).toEqual([2, 3]);
      const second = await store.append(lease, [sideEffect(2, "x")]);
      expect(second.ok && second.value[0]).toMatchObject({ seq: 4, type: "side_effect", command: 2, value: "x" });
      const all = await store.history("append-1");
      expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
      expect(all[1]).toEqual({ seq: 2, type: "activity.scheduled", command: 1, activity: "app:charge", args: [{ amount: 5 }], options: { retry: { initialIntervalMs: 100, backoff: 2, maxIntervalMs: 1_000, maxAttempts: 3, nonRetryable: [] } }, at: 1_700_000_000_123.25 });
      expect((await store.history("append-1", 2)).map((e) => e.seq)).toEqual([3, 4]);
      expect(await store.history("nope")).toEqual([]);
      const run = await store.getRun("append-1");
      expect(run?.updatedAt).toBeGreaterThanOrEqual(run?.createdAt ?? Infinity);
    });

    it("refuses unknown runs (NotFound), other leases (Fenced) and a final event that is not last (Invalid)", async () => {
      await startOrThrow(store, "append-bad");
      const lease = await claimOrThrow(store, "node-a", "append-bad");
      const unknown = await store.append({ ...lease, runId: "nope" }, [sideEffect(1)]);
      expect(!unknown.ok && unknown.error.kind).toBe("NotFound");
      const otherOwner = await store.append({ ...lease, owner: "node-x" }, [sideEffect(1)]);
      expect(!otherOwner.ok && otherOwner.error).toMatchObject({ kind: "Fenced", message: expect.stringContaining("node-a holds it") });
      const notLast = await store.append(lease, [{ type: "completed", result: 1, at: 1 }, sideEffect(1)]);
      expect(!notLast.ok && notLast.error.kind).toBe("Invalid");
      expect(await store.history("append-bad")).toHaveLength(1);
    });

    it("a final event ends the run in the same commit: status, outcome, lease dropped, timers and inbox cleared", async () => {
      await startOrThrow(store, "final-1", { parent: { id: "final-parent", command: 7 } });
      await startOrThrow(store, "final-parent");
      const lease = await claimOrThrow(store, "node-a", "final-1");
      await store.append(lease, [sideEffect(1)], { timers: [{ command: 2, fireAt: Date.now() + 60_000 }] });
      await store.signal("final-1", "late", [], "tester");
      const done = await store.append(lease, [{ type: "completed", result: { total: 3 }, at: 42 }]);
      expect(done.ok && done.value.map((e) => [e.seq, e.type])).toEqual([[3, "completed"]]);
      expect(await store.getRun("final-1")).toMatchObject({ status: "completed", result: { total: 3 } });
      expect(await store.pendingInbox("final-1")).toEqual([]);
      expect((await store.renewLeases("node-a", 30_000)).map((l) => l.runId)).not.toContain("final-1");
      const after = await store.append(lease, [sideEffect(9)]);
      expect(!after.ok && after.error).toMatchObject({ kind: "Fenced", message: expect.stringContaining("completed") });
      expect(await store.pendingInbox("final-parent")).toEqual([{ id: expect.any(Number), kind: "child", command: 7, childId: "final-1", result: { total: 3 } }]);
      const [timers] = await tdb.sql<{ n: number }[]>`select count(*)::int as n from workflow_timers where run_id = 'final-1'`;
      expect(timers?.n).toBe(0);
    });

    it("records each final outcome as finalOutcome says (null results included)", async () => {
      const cases = [
        { type: "completed", result: null, at: 1 },
        { type: "failed", error: { kind: "Internal", message: "x" }, at: 1 },
        { type: "canceled", error: { kind: "Canceled", message: "stop" }, at: 1 },
        { type: "terminated", reason: "op", at: 1 },
      ] as const;
      for (const [i, final] of cases.entries()) {
        await startOrThrow(store, `outcome-${i}`);
        const lease = await claimOrThrow(store, "node-a", `outcome-${i}`);
        expect((await store.append(lease, [final])).ok).toBe(true);
      }
      expect(await store.getRun("outcome-0")).toMatchObject({ status: "completed", result: null });
      expect(await store.getRun("outcome-1")).toMatchObject({ status: "failed", error: { kind: "Internal" } });
      expect(await store.getRun("outcome-2")).toMatchObject({ status: "canceled", error: { kind: "Canceled", message: "stop" } });
      expect(await store.getRun("outcome-3")).toMatchObject({ status: "terminated", error: terminatedError("op") });
      expect((await store.getRun("outcome-1"))?.result).toBeUndefined();
    });

    it("appends effects alone (no events): arming and clearing timers", async () => {
      await startOrThrow(store, "effects-1");
      const lease = await claimOrThrow(store, "node-a", "effects-1");
      const armed = await store.append(lease, [], { timers: [{ command: 3, fireAt: Date.now() + 60_000 }] });
      expect(armed).toEqual({ ok: true, value: [] });
      const stale = await store.append({ ...lease, epoch: 99 }, [], { clearTimers: [3] });
      expect(!stale.ok && stale.error.kind).toBe("Fenced");
      const [row] = await tdb.sql<{ n: number }[]>`select count(*)::int as n from workflow_timers where run_id = 'effects-1'`;
      expect(row?.n).toBe(1);
    });
  });

  describe("halt, terminate, upgrade", () => {
    it("haltRun marks the run halted, releases it and keeps it from being claimed; history untouched", async () => {
      await startOrThrow(store, "halt-1");
      const lease = await claimOrThrow(store, "node-a", "halt-1");
      const fenced = await store.haltRun({ ...lease, epoch: 0 }, { kind: "NonDeterminism", message: "x" });
      expect(!fenced.ok && fenced.error.kind).toBe("Fenced");
      const halted = await store.haltRun(lease, { kind: "NonDeterminism", message: "line 3, seq 2" });
      expect(halted.ok && halted.value).toMatchObject({ status: "running", halted: { kind: "NonDeterminism" } });
      expect(await store.history("halt-1")).toHaveLength(1);
      expect((await store.claimRuns("node-b", 30_000, 1_000)).map((l) => l.runId)).not.toContain("halt-1");
      const after = await store.append(lease, [sideEffect(1)]);
      expect(!after.ok && after.error.kind).toBe("Fenced");
      // Signals are still kept for it.
      expect((await store.signal("halt-1", "t", [], "x")).ok).toBe(true);
    });

    it("upgradeCode checks and switches the code, clears halted, appends code.upgraded and bumps the epoch", async () => {
      await startOrThrow(store, "up-1");
      const lease = await claimOrThrow(store, "node-a", "up-1");
      await store.append(lease, [sideEffect(1)]);
      await store.haltRun(lease, { kind: "NonDeterminism", message: "x" });
      const change = { fromHash: CODE, toHash: CODE_2, checkedThrough: 2 };
      expect(await store.upgradeCode("nope", change)).toMatchObject({ ok: false, error: { kind: "NotFound" } });
      expect(await store.upgradeCode("up-1", { ...change, toHash: "missing" })).toMatchObject({ ok: false, error: { kind: "Invalid" } });
      expect(await store.upgradeCode("up-1", { ...change, fromHash: CODE_2 })).toMatchObject({ ok: false, error: { kind: "Conflict" } });
      expect(await store.upgradeCode("up-1", { ...change, checkedThrough: 1 })).toMatchObject({ ok: false, error: { kind: "Conflict" } });
      const up = await store.upgradeCode("up-1", change);
      expect(up.ok && up.value).toMatchObject({ codeHash: CODE_2, status: "running" });
      expect(up.ok && up.value.halted).toBeUndefined();
      const last = (await store.history("up-1")).at(-1);
      expect(last).toMatchObject({ seq: 3, type: "code.upgraded", fromHash: CODE, toHash: CODE_2 });
      const next = await claimOrThrow(store, "node-b", "up-1");
      expect(next.epoch).toBe(lease.epoch + 2);
    });

    it("upgradeCode of a run that is not running is Invalid", async () => {
      await startOrThrow(store, "up-done");
      await store.terminateRun("up-done", "x");
      const r = await store.upgradeCode("up-done", { fromHash: CODE, toHash: CODE_2, checkedThrough: 2 });
      expect(!r.ok && r.error.kind).toBe("Invalid");
    });

    it("terminateRun ends a running run without a lease and fences its owner", async () => {
      await startOrThrow(store, "term-1", { parent: { id: "term-parent", command: 1 } });
      await startOrThrow(store, "term-parent");
      const lease = await claimOrThrow(store, "node-a", "term-1");
      await store.append(lease, [], { timers: [{ command: 1, fireAt: Date.now() - 1 }] });
      const t = await store.terminateRun("term-1", "by operator");
      expect(t.ok && t.value).toMatchObject({ status: "terminated", error: terminatedError("by operator") });
      expect((await store.history("term-1")).at(-1)).toMatchObject({ seq: 2, type: "terminated", reason: "by operator" });
      const late = await store.append(lease, [sideEffect(1)]);
      expect(!late.ok && late.error.kind).toBe("Fenced");
      expect((await store.claimRuns("node-a", 30_000, 1_000)).map((l) => l.runId)).not.toContain("term-1");
      expect((await store.pendingInbox("term-parent")).map((i) => i.kind)).toEqual(["child"]);
      expect(await store.terminateRun("term-1", "again")).toMatchObject({ ok: false, error: { kind: "Invalid" } });
      expect(await store.terminateRun("nope", "x")).toMatchObject({ ok: false, error: { kind: "NotFound" } });
    });
  });

  describe("inbox", () => {
    it("signal and requestCancel are kept, oldest first, until consumed by an append", async () => {
      await startOrThrow(store, "inbox-1");
      expect(await store.signal("inbox-1", "approve", [{ by: "ann" }, 2], "pid-1")).toEqual({ ok: true, value: true });
      expect(await store.requestCancel("inbox-1", "user asked", "pid-2")).toEqual({ ok: true, value: true });
      const items = await store.pendingInbox("inbox-1");
      expect(items).toEqual([
        { id: expect.any(Number), kind: "signal", topic: "approve", payloads: [{ by: "ann" }, 2], from: "pid-1" },
        { id: expect.any(Number), kind: "cancel", reason: "user asked", from: "pid-2" },
      ]);
      const lease = await claimOrThrow(store, "node-a", "inbox-1");
      const [signal, cancel] = items;
      if (!signal || signal.kind !== "signal" || !cancel) throw new Error("unexpected inbox");
      const r = await store.append(lease, [{ type: "signal.received", topic: signal.topic, payloads: signal.payloads, from: signal.from, at: 7 }], { consumed: [signal.id] });
      expect(r.ok).toBe(true);
      expect((await store.pendingInbox("inbox-1")).map((i) => i.id)).toEqual([cancel.id]);
    });

    it("signals to unknown or finished runs are NotFound", async () => {
      expect(await store.signal("nope", "t", [], "x")).toMatchObject({ ok: false, error: { kind: "NotFound" } });
      await startOrThrow(store, "inbox-done");
      await store.terminateRun("inbox-done", "x");
      expect(await store.signal("inbox-done", "t", [], "x")).toMatchObject({ ok: false, error: { kind: "NotFound" } });
      expect(await store.requestCancel("inbox-done", "r", "x")).toMatchObject({ ok: false, error: { kind: "NotFound" } });
    });
  });

  it("never hands out a lease object it does not honour", async () => {
    await startOrThrow(store, "honour-1");
    const lease: Lease = await claimOrThrow(store, "node-a", "honour-1");
    expect((await store.append(lease, [sideEffect(1)])).ok).toBe(true);
    const [renewed] = (await store.renewLeases("node-a", 30_000)).filter((l) => l.runId === "honour-1");
    expect(renewed && (await store.append(renewed, [sideEffect(2)])).ok).toBe(true);
  });
});
