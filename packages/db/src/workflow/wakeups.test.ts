/**
 * Wake-ups: due timers make runs claimable, and NOTIFY is sent for outside events only —
 * never for a step (append, claim, renew, release).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testTargets, type TestDatabase } from "../testing";
import { CODE, CODE_2, claimOrThrow, sideEffect, sleep, startOrThrow, storeCode } from "./fixtures";
import { PgWorkflowStore } from "./store";
import { WORKFLOW_CHANNEL } from "./wakeups";

describe.each(testTargets())("wake-ups on $name PostgreSQL", (target) => {
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

  const claimedBy = async (owner: string, leaseMs = 30_000): Promise<string[]> => (await store.claimRuns(owner, leaseMs, 1_000)).map((l) => l.runId);

  it("a timer makes its held run due for the owner when it fires, until an append clears it", async () => {
    await startOrThrow(store, "timer-1");
    const lease = await claimOrThrow(store, "node-a", "timer-1");
    await store.append(lease, [{ type: "timer.started", command: 1, fireAt: 0, at: 1 }], { timers: [{ command: 1, fireAt: Date.now() + 300 }, { command: 2, fireAt: Date.now() + 3_600_000 }] });
    expect(await claimedBy("node-a")).not.toContain("timer-1");
    await sleep(400);
    const renewed = (await store.claimRuns("node-a", 30_000, 1_000)).find((l) => l.runId === "timer-1");
    expect(renewed).toMatchObject({ owner: "node-a", epoch: lease.epoch });
    expect(await claimedBy("node-b")).not.toContain("timer-1");
    await store.append(lease, [{ type: "timer.fired", command: 1, at: 2 }], { clearTimers: [1] });
    expect(await claimedBy("node-a")).not.toContain("timer-1");
  });

  it("re-arming a timer replaces it; a run whose owner died is taken over whatever its timers say", async () => {
    await startOrThrow(store, "timer-2");
    const lease = await claimOrThrow(store, "node-a", "timer-2", 100);
    await store.append(lease, [], { timers: [{ command: 1, fireAt: Date.now() - 1_000 }] });
    await store.append(lease, [], { timers: [{ command: 1, fireAt: Date.now() + 3_600_000 }] });
    await store.renewLeases("node-a", 100);
    expect(await claimedBy("node-a", 100)).not.toContain("timer-2");
    await sleep(200);
    const taken = (await store.claimRuns("node-b", 30_000, 1_000)).find((l) => l.runId === "timer-2");
    expect(taken?.epoch).toBe(lease.epoch + 1);
  });

  it("NOTIFY wippy_workflows carries the run id for outside events, and is never sent for steps", async () => {
    const heard: string[] = [];
    const listening = await tdb.sql.listen(WORKFLOW_CHANNEL, (payload) => heard.push(payload));
    try {
      await startOrThrow(store, "notify-parent");
      await startOrThrow(store, "notify-1", { parent: { id: "notify-parent", command: 1 } });
      await startOrThrow(store, "notify-2");
      await sleep(100);
      heard.length = 0;

      const lease = await claimOrThrow(store, "node-a", "notify-1");
      for (let i = 1; i <= 5; i++) await store.append(lease, [sideEffect(i)]);
      await store.append(lease, [], { timers: [{ command: 9, fireAt: Date.now() + 60_000 }] });
      await store.renewLeases("node-a", 30_000);
      await store.releaseLease(lease);
      await sleep(100);
      expect(heard).toEqual([]);

      await store.signal("notify-1", "t", [], "ui");
      await store.requestCancel("notify-1", "r", "ui");
      const again = await claimOrThrow(store, "node-a", "notify-1");
      await store.append(again, [{ type: "completed", result: 1, at: 1 }]); // wakes the parent
      await store.terminateRun("notify-2", "op");
      await store.upgradeCode("notify-parent", { fromHash: CODE, toHash: CODE_2, checkedThrough: 1 });
      await sleep(100);
      expect(heard).toEqual(["notify-1", "notify-1", "notify-parent", "notify-2", "notify-parent"]);
    } finally {
      await listening.unlisten();
    }
  });
});
