/**
 * What must hold when many things happen at once: gap-free seqs, disjoint claims (SKIP LOCKED),
 * inbox items recorded exactly once, no wake-up lost to a race, all-or-nothing final appends.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Lease } from "@wippy/shared";
import { connect, type DbClient } from "../client";
import { createTestDatabase, testTargets, type TestDatabase } from "../testing";
import { claimOrThrow, sideEffect, startOrThrow, storeCode } from "./fixtures";
import { PgWorkflowStore } from "./store";

describe.each(testTargets())("concurrency on $name PostgreSQL", (target) => {
  let tdb: TestDatabase;
  let clients: DbClient[];
  let store: PgWorkflowStore;
  let nodes: PgWorkflowStore[];

  beforeAll(async () => {
    tdb = await createTestDatabase(target);
    clients = [1, 2, 3].map((i) => connect(tdb.url, { max: 3, applicationName: `wippy-test-node-${i}` }));
    store = new PgWorkflowStore(tdb.sql);
    nodes = clients.map((c) => new PgWorkflowStore(c.sql));
    await storeCode(store);
  });
  afterAll(async () => {
    await Promise.all((clients ?? []).map((c) => c.close()));
    await tdb?.drop();
  });

  it("seqs stay gap-free and each append's block contiguous under concurrent appends by the holder", async () => {
    await startOrThrow(store, "gapfree-1");
    const lease = await claimOrThrow(store, "node-a", "gapfree-1");
    const writers = [store, ...nodes];
    const sizes = Array.from({ length: 40 }, (_, i) => 1 + (i % 3));
    const results = await Promise.all(sizes.map((n, i) => writers[i % writers.length]!.append(lease, Array.from({ length: n }, (_, k) => sideEffect(i * 10 + k)))));
    const blocks = results.map((r) => (r.ok ? r.value.map((e) => e.seq) : []));
    for (const [i, block] of blocks.entries()) {
      expect(block).toHaveLength(sizes[i]!);
      expect(block).toEqual(block.map((_, k) => block[0]! + k));
    }
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(blocks.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 2));
    expect((await store.history("gapfree-1")).map((e) => e.seq)).toEqual(Array.from({ length: total + 1 }, (_, i) => i + 1));
  });

  it("concurrent claimers never get the same run, and together get them all", async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `skip-${i}`);
    for (const id of ids) await startOrThrow(store, id);
    const claimed = await Promise.all(
      nodes.map(async (node, n) => {
        const mine: Lease[] = [];
        for (;;) {
          const batch = await node.claimRuns(`claimer-${n}`, 30_000, 5);
          if (batch.length === 0) return mine;
          mine.push(...batch);
        }
      }),
    );
    const ours = claimed.map((leases) => leases.filter((l) => l.runId.startsWith("skip-")).map((l) => l.runId));
    const all = ours.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual([...ids].sort());
    expect(ours.filter((mine) => mine.length > 0).length).toBeGreaterThan(1);
  });

  it("a claim skips a run whose lease row another transaction holds, instead of waiting", async () => {
    await startOrThrow(store, "locked-1");
    await startOrThrow(store, "locked-2");
    await clients[0]!.sql.begin(async (tx) => {
      await tx`select 1 from workflow_leases where run_id = 'locked-1' for update`;
      const started = Date.now();
      const leases = await nodes[1]!.claimRuns("node-b", 30_000, 1_000);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(leases.map((l) => l.runId)).toContain("locked-2");
      expect(leases.map((l) => l.runId)).not.toContain("locked-1");
    });
    expect((await nodes[2]!.claimRuns("node-c", 30_000, 1_000)).map((l) => l.runId)).toContain("locked-1");
  });

  it("renewing many leases never deadlocks with a transaction that holds one of them and wants another", async () => {
    await startOrThrow(store, "dl-parent");
    await claimOrThrow(store, "node-dl", "dl-parent");
    await startOrThrow(store, "dl-child");
    await claimOrThrow(store, "node-dl", "dl-child");
    let renewing: Promise<Lease[]> | undefined;
    await clients[0]!.sql.begin(async (tx) => {
      // As a child's end does: its own lease row first, then (via a delivery) its parent's.
      await tx`select 1 from workflow_leases where run_id = 'dl-child' for update`;
      renewing = nodes[1]!.renewLeases("node-dl", 30_000);
      await new Promise((resolve) => setTimeout(resolve, 150));
      await tx`update workflow_leases set wake_at = least(wake_at, now()) where run_id = 'dl-parent'`;
    });
    const renewed = (await renewing)?.map((l) => l.runId) ?? [];
    expect(renewed).toEqual(expect.arrayContaining(["dl-parent", "dl-child"]));
  });

  it("an inbox item is recorded exactly once, even by racing appends", async () => {
    await startOrThrow(store, "once-1");
    const lease = await claimOrThrow(store, "node-a", "once-1");
    await store.signal("once-1", "pay", [1], "ui");
    const [item] = await store.pendingInbox("once-1");
    if (!item) throw new Error("signal not kept");
    const record = (node: PgWorkflowStore) => node.append(lease, [{ type: "signal.received", topic: "pay", payloads: [1], from: "ui", at: 1 }], { consumed: [item.id] });
    const results = await Promise.all(nodes.map(record));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.kind)).toEqual(["Conflict", "Conflict"]);
    expect((await store.history("once-1")).filter((e) => e.type === "signal.received")).toHaveLength(1);
    expect(await store.pendingInbox("once-1")).toEqual([]);
  });

  it("a signal racing an append that re-arms timers still leaves the run due for its owner", async () => {
    await startOrThrow(store, "wake-race-1");
    const lease = await claimOrThrow(store, "node-a", "wake-race-1");
    const far = Date.now() + 3_600_000;
    for (let round = 0; round < 15; round++) {
      await Promise.all([
        nodes[0]!.append(lease, [sideEffect(round)], { timers: [{ command: round, fireAt: far }], clearTimers: [round - 1] }),
        nodes[1]!.signal("wake-race-1", "ping", [round], "ui"),
      ]);
      const due = (await nodes[2]!.claimRuns("node-a", 30_000, 1_000)).map((l) => l.runId);
      expect(due, `round ${round}`).toContain("wake-race-1");
      const inbox = await store.pendingInbox("wake-race-1");
      await store.append(lease, [{ type: "signal.received", topic: "ping", payloads: [round], from: "ui", at: round }], { consumed: inbox.map((i) => i.id) });
      expect((await store.claimRuns("node-a", 30_000, 1_000)).map((l) => l.runId)).not.toContain("wake-race-1");
    }
  });

  it("a final append is all or nothing: when ending the run fails, neither the event nor any effect is kept", async () => {
    await startOrThrow(store, "atomic-1");
    const lease = await claimOrThrow(store, "node-a", "atomic-1");
    await store.append(lease, [sideEffect(1)], { timers: [{ command: 2, fireAt: Date.now() + 60_000 }] });
    await store.signal("atomic-1", "late", [], "ui");
    await tdb.sql.unsafe(`
      create function wippy_test_refuse_end() returns trigger language plpgsql as $$
      begin raise exception 'refusing to end %', new.id; end $$;
      create trigger wippy_test_refuse_end before update of status on workflow_runs
        for each row when (new.id = 'atomic-1' and new.status <> 'running') execute function wippy_test_refuse_end();`);
    try {
      await expect(store.append(lease, [{ type: "completed", result: 1, at: 5 }])).rejects.toThrow(/refusing to end atomic-1/);
    } finally {
      await tdb.sql.unsafe(`drop trigger wippy_test_refuse_end on workflow_runs; drop function wippy_test_refuse_end();`);
    }
    expect((await store.history("atomic-1")).map((e) => e.type)).toEqual(["started", "side_effect"]);
    expect(await store.getRun("atomic-1")).toMatchObject({ status: "running" });
    expect((await store.pendingInbox("atomic-1")).map((i) => i.kind)).toEqual(["signal"]);
    expect((await store.renewLeases("node-a", 30_000)).map((l) => l.runId)).toContain("atomic-1");
    const done = await store.append(lease, [{ type: "completed", result: 1, at: 6 }]);
    expect(done.ok && done.value.map((e) => e.seq)).toEqual([3]);
    expect(await store.getRun("atomic-1")).toMatchObject({ status: "completed", result: 1 });
  });
});
