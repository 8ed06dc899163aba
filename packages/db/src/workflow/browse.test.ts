/**
 * Reads for the control plane (browse.ts) and the store over a caller's transaction, on both
 * test servers: search filters, keyset pages without gaps or repeats, counts per status, and
 * a run's armed timers and lease.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testTargets, type TestDatabase } from "../testing";
import { countRuns, runSchedule, searchRuns, type RunCursor, type RunSearch } from "./browse";
import { claimOrThrow, newRun, sideEffect, startOrThrow, storeCode } from "./fixtures";
import { PgWorkflowStore } from "./store";

describe.each(testTargets())("workflow run reads on $name PostgreSQL", (target) => {
  let tdb: TestDatabase;
  let store: PgWorkflowStore;

  const ids = async (search: RunSearch) => (await searchRuns(tdb.sql, search, { limit: 100 })).runs.map((r) => r.id);

  beforeAll(async () => {
    tdb = await createTestDatabase(target);
    store = new PgWorkflowStore(tdb.sql);
    await storeCode(store);
    await startOrThrow(store, "Order-A");
    await startOrThrow(store, "order-b", { workflow: "app:ship" });
    const done = await claimOrThrow(store, "node-a", "order-b");
    expect((await store.append(done, [{ type: "completed", result: "ok", at: Date.now() }])).ok).toBe(true);
    await startOrThrow(store, "stuck-1");
    const stuck = await claimOrThrow(store, "node-a", "stuck-1");
    expect((await store.haltRun(stuck, { kind: "NonDeterminism", message: "diverged" })).ok).toBe(true);
    await startOrThrow(store, "gone-1");
    expect((await store.terminateRun("gone-1", "stop")).ok).toBe(true);
    // Five runs in one transaction share one created_at: pages must order them by id.
    await tdb.sql.begin(async (tx) => {
      const inTx = new PgWorkflowStore(tx);
      for (const id of ["same-3", "same-1", "same-5", "same-2", "same-4"]) await startOrThrow(inTx, id);
    });
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("pages newest first, then by id, with no run missed or repeated across pages", async () => {
    const all = (await store.listRuns({ limit: 100 })).map((r) => r.id);
    expect(all).toHaveLength(9);
    const paged: string[] = [];
    let after: RunCursor | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await searchRuns(tdb.sql, {}, { limit: 2, after });
      paged.push(...page.runs.map((r) => r.id));
      if (page.next === null) break;
      after = page.next;
    }
    expect(paged).toEqual(all);
    expect(paged.slice(0, 5)).toEqual(["same-1", "same-2", "same-3", "same-4", "same-5"]);
    const last = await searchRuns(tdb.sql, {}, { limit: 9 });
    expect(last.next).toBeNull();
  });

  it("filters by status (halted apart), workflow, id substring and creation time", async () => {
    expect(await ids({ status: "completed" })).toEqual(["order-b"]);
    expect(await ids({ status: "terminated" })).toEqual(["gone-1"]);
    expect(await ids({ status: "halted" })).toEqual(["stuck-1"]);
    expect(await ids({ status: "running" })).toHaveLength(7);
    expect(await ids({ workflow: "app:ship" })).toEqual(["order-b"]);
    expect((await ids({ idContains: "ORDER" })).sort()).toEqual(["Order-A", "order-b"]);
    expect(await ids({ idContains: "order", status: "running" })).toEqual(["Order-A"]);

    const orderA = await store.getRun("Order-A");
    const same = await store.getRun("same-1");
    expect(orderA && same).toBeTruthy();
    expect(await ids({ createdFrom: (same?.createdAt ?? 0) + 1 })).toEqual([]);
    expect(await ids({ createdTo: orderA?.createdAt })).toEqual([]);
    expect(await ids({ createdFrom: orderA?.createdAt, createdTo: (orderA?.createdAt ?? 0) + 1 })).toContain("Order-A");
  });

  it("counts runs per status for the other filters, halted among the running", async () => {
    expect(await countRuns(tdb.sql, {})).toEqual({ running: 7, completed: 1, failed: 0, canceled: 0, terminated: 1, halted: 1, all: 9 });
    expect(await countRuns(tdb.sql, { idContains: "order" })).toEqual({ running: 1, completed: 1, failed: 0, canceled: 0, terminated: 0, halted: 0, all: 2 });
    expect((await countRuns(tdb.sql, { workflow: "app:none" })).all).toBe(0);
  });

  it("reads a run's armed timers and the lease of the node working on it", async () => {
    await startOrThrow(store, "timed-1");
    expect(await runSchedule(tdb.sql, "timed-1")).toEqual({ timers: [], lease: null });
    const lease = await claimOrThrow(store, "node-b", "timed-1");
    const fireAt = Date.now() + 60_000;
    const appended = await store.append(lease, [{ type: "timer.started", command: 1, fireAt, at: Date.now() }], { timers: [{ command: 1, fireAt }] });
    expect(appended.ok).toBe(true);
    const schedule = await runSchedule(tdb.sql, "timed-1");
    expect(schedule).toMatchObject({ timers: [{ command: 1, fireAt }], lease: { owner: "node-b", epoch: lease.epoch } });
    expect(schedule?.lease?.expiresAt).toBeGreaterThan(Date.now());
    await store.releaseLease(lease);
    expect((await runSchedule(tdb.sql, "timed-1"))?.lease).toBeNull();
    expect(await runSchedule(tdb.sql, "nope")).toBeUndefined();
  });

  it("over a transaction, the store's writes commit or roll back with the caller's", async () => {
    const failed = tdb.sql.begin(async (tx) => {
      const inTx = new PgWorkflowStore(tx);
      await startOrThrow(inTx, "tx-rolled-back");
      expect((await inTx.signal("tx-rolled-back", "go", [1], "test")).ok).toBe(true);
      throw new Error("the caller's own write failed");
    });
    await expect(failed).rejects.toThrow("the caller's own write failed");
    expect(await store.getRun("tx-rolled-back")).toBeUndefined();

    await tdb.sql.begin(async (tx) => {
      const inTx = new PgWorkflowStore(tx);
      await startOrThrow(inTx, "tx-committed");
      const lease = await claimOrThrow(inTx, "node-c", "tx-committed");
      expect((await inTx.append(lease, [sideEffect(1)], { timers: [{ command: 9, fireAt: Date.now() + 1000 }] })).ok).toBe(true);
      expect((await inTx.startRun(newRun("tx-committed"), "fail")).ok).toBe(false);
    });
    expect((await store.history("tx-committed")).map((e) => e.type)).toEqual(["started", "side_effect"]);
  });
});
