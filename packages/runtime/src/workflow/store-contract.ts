/**
 * The `WorkflowStore` contract as a test suite, run against every implementation: the
 * in-memory store here (`memory-store.test.ts`) and `@wippy/db`'s PostgreSQL store.
 *
 *   describeWorkflowStore("postgres", async () => ({ store, advance: (ms) => …, close }));
 *
 * `advance(ms)` must move the store's clock forward by at least `ms` (a simulated clock, or a
 * real sleep for a database clock). Leases in this suite are 1 s and are advanced past by
 * 1.5 s; nothing else depends on time. Each test gets a fresh harness (or at least fresh run
 * ids: every id here is unique per call of the factory).
 *
 * Imports only vitest and `@wippy/shared`, so any package can run it.
 */
import type { HistoryEvent, JsonValue, Lease, NewRun, TimedEvent, WorkflowStore } from "@wippy/shared";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

export interface StoreHarness {
  readonly store: WorkflowStore;
  advance(ms: number): Promise<void>;
  close?(): Promise<void>;
}

const LEASE_MS = 1000;
const PAST_LEASE_MS = 1500;

let serial = 0;

export function describeWorkflowStore(name: string, factory: () => Promise<StoreHarness>): void {
  describe(`WorkflowStore contract: ${name}`, () => {
    let h: StoreHarness;
    let store: WorkflowStore;
    let prefix: string;

    beforeEach(async () => {
      h = await factory();
      store = h.store;
      prefix = `contract-${Date.now().toString(36)}-${++serial}`;
    });
    afterEach(async () => {
      await h.close?.();
    });

    const newRun = (id: string, extra: Partial<NewRun> = {}): NewRun => ({ id: `${prefix}-${id}`, workflow: "app:flow", host: "app:workflows", codeHash: "h1", input: [1, "two"], ...extra });
    const at = (event: HistoryEvent): TimedEvent => ({ ...event, at: 1000 });
    const started = async (id: string, extra: Partial<NewRun> = {}): Promise<string> => {
      const r = await store.startRun(newRun(id, extra), "fail");
      if (!r.ok) throw new Error(r.error.message);
      return r.value.run.id;
    };
    const claimOne = async (owner: string, runId: string): Promise<Lease> => {
      const leases = await store.claimRuns(owner, LEASE_MS, 1000);
      const lease = leases.find((l) => l.runId === runId);
      if (lease === undefined) throw new Error(`${owner} could not claim ${runId}`);
      return lease;
    };

    it("stores code once per hash", async () => {
      await store.putCode(`${prefix}-h`, { entry: "a" });
      await store.putCode(`${prefix}-h`, { entry: "b" });
      expect(await store.getCode(`${prefix}-h`)).toEqual({ entry: "a" });
      expect(await store.getCode(`${prefix}-missing`)).toBeUndefined();
    });

    it("starts a run with its started event at seq 1", async () => {
      const r = await store.startRun(newRun("a"), "fail");
      expect(r.ok && r.value.created).toBe(true);
      const run = await store.getRun(`${prefix}-a`);
      expect(run).toMatchObject({ id: `${prefix}-a`, workflow: "app:flow", host: "app:workflows", codeHash: "h1", status: "running", input: [1, "two"] });
      const history = await store.history(`${prefix}-a`);
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ seq: 1, type: "started", input: [1, "two"] });
      expect(await store.getRun(`${prefix}-nope`)).toBeUndefined();
    });

    it("keeps a run's security context in its started event only", async () => {
      const security = { actor: { id: "user:1", meta: { team: "a" } }, scope: { policies: ["app.sec:p"], groups: [] } };
      await started("sec", { security });
      expect((await store.history(`${prefix}-sec`))[0]).toMatchObject({ seq: 1, type: "started", input: [1, "two"], security });
      expect(await store.getRun(`${prefix}-sec`)).not.toHaveProperty("security");
    });

    it("honours the conflict policy for an existing id", async () => {
      await started("c");
      const again = await store.startRun(newRun("c", { input: ["other"] }), "use_existing");
      expect(again.ok && again.value.created).toBe(false);
      expect(again.ok && again.value.run.input).toEqual([1, "two"]);
      const refused = await store.startRun(newRun("c"), "fail");
      expect(!refused.ok && refused.error.kind).toBe("AlreadyExists");
      const lease = await claimOne("node-a", `${prefix}-c`);
      const replaced = await store.startRun(newRun("c", { input: ["new"] }), "terminate_existing");
      expect(replaced.ok && replaced.value.created).toBe(true);
      expect(await store.history(`${prefix}-c`)).toMatchObject([{ seq: 1, type: "started", input: ["new"] }]);
      const zombie = await store.append(lease, [at({ type: "timer.fired", command: 1 })]);
      expect(!zombie.ok && zombie.error.kind).toBe("Fenced");
      const fresh = await claimOne("node-b", `${prefix}-c`);
      expect(fresh.epoch).toBeGreaterThan(lease.epoch);
    });

    it("leases a new run once, and hands it over only after the lease expired, with a higher epoch", async () => {
      const id = await started("l");
      const a = await claimOne("node-a", id);
      expect(a).toMatchObject({ runId: id, owner: "node-a" });
      expect((await store.claimRuns("node-b", LEASE_MS, 1000)).some((l) => l.runId === id)).toBe(false);
      expect((await store.claimRuns("node-a", LEASE_MS, 1000)).some((l) => l.runId === id)).toBe(false);
      await h.advance(PAST_LEASE_MS);
      const b = await claimOne("node-b", id);
      expect(b.epoch).toBe(a.epoch + 1);
      const zombie = await store.append(a, [at({ type: "timer.fired", command: 1 })]);
      expect(!zombie.ok && zombie.error.kind).toBe("Fenced");
      const owner = await store.append(b, [at({ type: "timer.fired", command: 1 })]);
      expect(owner.ok).toBe(true);
      expect(await store.history(id)).toHaveLength(2);
    });

    it("claims only runs on the given workflow hosts", async () => {
      const onA = await started("hostA", { host: `${prefix}-a` });
      const onB = await started("hostB", { host: `${prefix}-b` });
      const claimed = (await store.claimRuns("node-a", LEASE_MS, 1000, [`${prefix}-a`])).map((l) => l.runId);
      expect(claimed).toContain(onA);
      expect(claimed).not.toContain(onB);
      expect((await store.claimRuns("node-b", LEASE_MS, 1000, [`${prefix}-b`])).map((l) => l.runId)).toEqual([onB]);
    });

    it("claims at most `limit` runs", async () => {
      for (const n of [1, 2, 3]) await started(`lim${n}`);
      const mine = (await store.claimRuns("node-a", LEASE_MS, 2)).filter((l) => l.runId.startsWith(prefix));
      expect(mine.length).toBeLessThanOrEqual(2);
    });

    it("appends with gap-free seqs, keeps event times, and reads history after a seq", async () => {
      const id = await started("h");
      const lease = await claimOne("node-a", id);
      const r = await store.append(lease, [
        { type: "activity.scheduled", command: 1, activity: "app:f", args: [{ a: 1 }], options: { retry: { initialIntervalMs: 1000, backoff: 2, maxIntervalMs: 10_000, maxAttempts: 3, nonRetryable: [] } }, at: 5 },
        { type: "side_effect", command: 2, name: "uuid", value: "u-1", at: 6 },
      ]);
      expect(r.ok && r.value.map((e) => e.seq)).toEqual([2, 3]);
      const more = await store.append(lease, [{ type: "activity.completed", command: 1, result: { ok: true }, attempt: 1, at: 7 }]);
      expect(more.ok && more.value[0]?.seq).toBe(4);
      const history = await store.history(id);
      expect(history.map((e) => [e.seq, e.type, e.at])).toEqual([
        [1, "started", history[0]?.at],
        [2, "activity.scheduled", 5],
        [3, "side_effect", 6],
        [4, "activity.completed", 7],
      ]);
      expect((await store.history(id, 2)).map((e) => e.seq)).toEqual([3, 4]);
      expect(history[1]).toMatchObject({ args: [{ a: 1 }], options: { retry: { maxAttempts: 3 } } });
    });

    it("ends the run with a final event: status, result, no lease, no more appends", async () => {
      const id = await started("f");
      const lease = await claimOne("node-a", id);
      const r = await store.append(lease, [at({ type: "completed", result: { total: 3 } })]);
      expect(r.ok).toBe(true);
      expect(await store.getRun(id)).toMatchObject({ status: "completed", result: { total: 3 } });
      expect((await store.claimRuns("node-b", LEASE_MS, 1000)).some((l) => l.runId === id)).toBe(false);
      const after = await store.append(lease, [at({ type: "timer.fired", command: 1 })]);
      expect(!after.ok && after.error.kind).toBe("Fenced");
      const failedId = await started("f2");
      const l2 = await claimOne("node-a", failedId);
      await store.append(l2, [at({ type: "failed", error: { kind: "Internal", message: "boom" } })]);
      expect(await store.getRun(failedId)).toMatchObject({ status: "failed", error: { kind: "Internal", message: "boom" } });
    });

    it("refuses a final event that is not the last of an append", async () => {
      const id = await started("fl");
      const lease = await claimOne("node-a", id);
      const r = await store.append(lease, [at({ type: "completed", result: 1 }), at({ type: "timer.fired", command: 1 })]);
      expect(!r.ok && r.error.kind).toBe("Invalid");
      expect(await store.history(id)).toHaveLength(1);
    });

    it("keeps signals and cancel requests in the inbox until an append consumes them", async () => {
      const id = await started("s");
      expect((await store.signal(id, "approve", [{ by: "ann" }], "{app:p|0x00001}")).ok).toBe(true);
      expect((await store.requestCancel(id, "user asked", "")).ok).toBe(true);
      const inbox = await store.pendingInbox(id);
      expect(inbox).toMatchObject([
        { kind: "signal", topic: "approve", payloads: [{ by: "ann" }], from: "{app:p|0x00001}" },
        { kind: "cancel", reason: "user asked", from: "" },
      ]);
      const lease = await claimOne("node-a", id);
      const first = inbox[0]?.id as number;
      await store.append(lease, [at({ type: "signal.received", topic: "approve", payloads: [{ by: "ann" }], from: "{app:p|0x00001}" })], { consumed: [first] });
      expect((await store.pendingInbox(id)).map((i) => i.kind)).toEqual(["cancel"]);
      const twice = await store.append(lease, [at({ type: "signal.received", topic: "approve", payloads: [], from: "" })], { consumed: [first] });
      expect(!twice.ok && twice.error.kind).toBe("Conflict");
      expect(await store.history(id)).toHaveLength(2);
      const missing = await store.signal(`${prefix}-none`, "t", [], "");
      expect(!missing.ok && missing.error.kind).toBe("NotFound");
    });

    it("wakes the holder of a run with an inbox item or a due timer (same epoch), not before", async () => {
      const id = await started("w");
      const lease = await claimOne("node-a", id);
      const storeNow = (await store.getRun(id))?.createdAt ?? 0;
      await store.append(lease, [at({ type: "timer.started", command: 1, fireAt: storeNow + 3_600_000 })], { timers: [{ command: 1, fireAt: storeNow + 3_600_000 }] });
      expect((await store.claimRuns("node-a", LEASE_MS, 1000)).some((l) => l.runId === id)).toBe(false);
      await store.append(lease, [], { timers: [{ command: 1, fireAt: 0 }] });
      const woken = await store.claimRuns("node-a", LEASE_MS, 1000);
      expect(woken.find((l) => l.runId === id)).toMatchObject({ owner: "node-a", epoch: lease.epoch });
      await store.append(lease, [at({ type: "timer.fired", command: 1 })], { clearTimers: [1] });
      expect((await store.claimRuns("node-a", LEASE_MS, 1000)).some((l) => l.runId === id)).toBe(false);
      await store.signal(id, "ping", [], "");
      expect((await store.claimRuns("node-a", LEASE_MS, 1000)).find((l) => l.runId === id)?.epoch).toBe(lease.epoch);
      expect((await store.claimRuns("node-b", LEASE_MS, 1000)).some((l) => l.runId === id)).toBe(false);
    });

    it("renews every lease an owner still holds, and none it lost", async () => {
      const id1 = await started("r1");
      const a1 = await claimOne("node-a", id1);
      const id2 = await started("r2");
      await claimOne("node-b", id2);
      await h.advance(PAST_LEASE_MS);
      const renewed = (await store.renewLeases("node-a", LEASE_MS)).filter((l) => l.runId.startsWith(prefix));
      expect(renewed).toMatchObject([{ runId: id1, owner: "node-a", epoch: a1.epoch }]);
      const taken = (await store.claimRuns("node-a", LEASE_MS, 1000)).map((l) => l.runId);
      expect(taken).toContain(id2);
      expect(taken).not.toContain(id1);
      expect((await store.renewLeases("node-b", LEASE_MS)).filter((l) => l.runId.startsWith(prefix))).toEqual([]);
    });

    it("releases a lease so that another node can claim the run at once", async () => {
      const id = await started("rel");
      const a = await claimOne("node-a", id);
      await store.releaseLease(a);
      const b = await claimOne("node-b", id);
      expect(b.epoch).toBe(a.epoch + 1);
      await store.releaseLease(a);
      expect((await store.append(b, [at({ type: "timer.fired", command: 1 })])).ok).toBe(true);
    });

    it("tells the parent when a child run ends", async () => {
      const parent = await started("parent");
      const child = await started("child", { parent: { id: parent, command: 4 } });
      expect((await store.getRun(child))?.parent).toEqual({ id: parent, command: 4 });
      const lease = await claimOne("node-a", child);
      await store.append(lease, [at({ type: "completed", result: "done" })]);
      expect(await store.pendingInbox(parent)).toMatchObject([{ kind: "child", command: 4, childId: child, result: "done" }]);
      const child2 = await started("child2", { parent: { id: parent, command: 5 } });
      await store.terminateRun(child2, "operator");
      const items = await store.pendingInbox(parent);
      expect(items[1]).toMatchObject({ kind: "child", command: 5, childId: child2, error: { kind: "Canceled" } });
      expect(await store.listRuns({ parentId: parent })).toHaveLength(2);
    });

    it("halts a run without touching its history; an upgrade clears the halt and fences the old owner", async () => {
      const id = await started("u");
      const lease = await claimOne("node-a", id);
      await store.append(lease, [at({ type: "side_effect", command: 1, name: "random", value: 0.5 })]);
      const halted = await store.haltRun(lease, { kind: "NonDeterminism", message: "diverged at command 2" });
      expect(halted.ok && halted.value.halted).toMatchObject({ kind: "NonDeterminism" });
      expect(await store.history(id)).toHaveLength(2);
      await h.advance(PAST_LEASE_MS);
      expect((await store.claimRuns("node-b", LEASE_MS, 1000)).some((l) => l.runId === id)).toBe(false);

      await store.putCode("h2", { v: 2 } as JsonValue);
      const stale = await store.upgradeCode(id, { fromHash: "h1", toHash: "h2", checkedThrough: 1 });
      expect(!stale.ok && stale.error.kind).toBe("Conflict");
      const wrongCode = await store.upgradeCode(id, { fromHash: "h0", toHash: "h2", checkedThrough: 2 });
      expect(!wrongCode.ok && wrongCode.error.kind).toBe("Conflict");
      const up = await store.upgradeCode(id, { fromHash: "h1", toHash: "h2", checkedThrough: 2 });
      expect(up.ok && up.value.codeHash).toBe("h2");
      expect(up.ok && up.value.halted).toBeUndefined();
      expect((await store.history(id))[2]).toMatchObject({ seq: 3, type: "code.upgraded", fromHash: "h1", toHash: "h2" });
      const next = await claimOne("node-b", id);
      expect(next.epoch).toBeGreaterThan(lease.epoch);
    });

    it("fences the owner of a run an operator terminated", async () => {
      const id = await started("t");
      const lease = await claimOne("node-a", id);
      const t = await store.terminateRun(id, "operator");
      expect(t.ok && t.value.status).toBe("terminated");
      expect(t.ok && t.value.error).toMatchObject({ kind: "Canceled" });
      expect((await store.history(id)).at(-1)).toMatchObject({ type: "terminated", reason: "operator" });
      const write = await store.append(lease, [at({ type: "timer.fired", command: 1 })]);
      expect(!write.ok && write.error.kind).toBe("Fenced");
      const again = await store.terminateRun(id, "twice");
      expect(!again.ok && again.error.kind).toBe("Invalid");
      const cancel = await store.requestCancel(id, "late", "");
      expect(!cancel.ok && cancel.error.kind).toBe("NotFound");
    });

    it("lists runs by status and workflow", async () => {
      const a = await started("la", { workflow: `${prefix}:x` });
      await started("lb", { workflow: `${prefix}:x` });
      await started("lc", { workflow: `${prefix}:y` });
      await store.terminateRun(a, "stop");
      expect((await store.listRuns({ workflow: `${prefix}:x` })).map((r) => r.id).sort()).toEqual([`${prefix}-la`, `${prefix}-lb`]);
      expect((await store.listRuns({ workflow: `${prefix}:x`, status: "running" })).map((r) => r.id)).toEqual([`${prefix}-lb`]);
      expect(await store.listRuns({ workflow: `${prefix}:x`, limit: 1 })).toHaveLength(1);
    });
  });
}
