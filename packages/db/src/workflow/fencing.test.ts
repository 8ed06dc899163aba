/**
 * Leases and fencing with two nodes, each its own store and connection pool. Lease expiry is
 * judged by the database clock, so these tests use short leases and real (short) sleeps.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Lease } from "@wippy/shared";
import { connect, type DbClient } from "../client";
import { createTestDatabase, testTargets, type TestDatabase } from "../testing";
import { claimOrThrow, sideEffect, sleep, startOrThrow, storeCode } from "./fixtures";
import { PgWorkflowStore } from "./store";

const SHORT_LEASE_MS = 150;

describe.each(testTargets())("leases and fencing on $name PostgreSQL", (target) => {
  let tdb: TestDatabase;
  let other: DbClient;
  let nodeA: PgWorkflowStore;
  let nodeB: PgWorkflowStore;

  beforeAll(async () => {
    tdb = await createTestDatabase(target);
    other = connect(tdb.url, { max: 4, applicationName: "wippy-test-node-b" });
    nodeA = new PgWorkflowStore(tdb.sql);
    nodeB = new PgWorkflowStore(other.sql);
    await storeCode(nodeA);
  });
  afterAll(async () => {
    await other?.close();
    await tdb?.drop();
  });

  it("a paused holder whose lease expired and was taken over can no longer write anything", async () => {
    await startOrThrow(nodeA, "zombie-1");
    const stale = await claimOrThrow(nodeA, "node-a", "zombie-1", SHORT_LEASE_MS);
    expect((await nodeA.append(stale, [sideEffect(1, "a")])).ok).toBe(true);
    await sleep(SHORT_LEASE_MS + 100); // node-a "paused": no renewal
    const taken = await claimOrThrow(nodeB, "node-b", "zombie-1");
    expect(taken.epoch).toBe(stale.epoch + 1);

    const append = await nodeA.append(stale, [sideEffect(2, "a")]);
    expect(!append.ok && append.error).toMatchObject({ kind: "Fenced", message: expect.stringContaining("node-b holds it") });
    const final = await nodeA.append(stale, [{ type: "completed", result: "zombie", at: 1 }]);
    expect(!final.ok && final.error.kind).toBe("Fenced");
    const effects = await nodeA.append(stale, [], { timers: [{ command: 9, fireAt: 0 }] });
    expect(!effects.ok && effects.error.kind).toBe("Fenced");
    expect(await nodeA.haltRun(stale, { kind: "NonDeterminism", message: "x" })).toMatchObject({ ok: false, error: { kind: "Fenced" } });
    expect((await nodeA.renewLeases("node-a", 30_000)).map((l) => l.runId)).not.toContain("zombie-1");
    await nodeA.releaseLease(stale);

    expect((await nodeB.renewLeases("node-b", 30_000)).map((l) => l.runId)).toContain("zombie-1");
    const next = await nodeB.append(taken, [sideEffect(2, "b")]);
    expect(next.ok && next.value.map((e) => e.seq)).toEqual([3]);
    expect(await nodeB.getRun("zombie-1")).toMatchObject({ status: "running" });
    const [timers] = await tdb.sql<{ n: number }[]>`select count(*)::int as n from workflow_timers where run_id = 'zombie-1'`;
    expect(timers?.n).toBe(0);
  });

  it("an expired lease that nobody took over still writes: only a takeover moves the epoch", async () => {
    await startOrThrow(nodeA, "lapsed-1");
    const lease = await claimOrThrow(nodeA, "node-a", "lapsed-1", 1);
    await sleep(20);
    expect((await nodeA.append(lease, [sideEffect(1)])).ok).toBe(true);
    const renewed = (await nodeA.renewLeases("node-a", 30_000)).find((l) => l.runId === "lapsed-1");
    expect(renewed).toMatchObject({ epoch: lease.epoch });
    expect((await nodeB.claimRuns("node-b", 30_000, 1_000)).map((l) => l.runId)).not.toContain("lapsed-1");
  });

  it("re-taking its own expired lease bumps the epoch and fences the owner's old worker", async () => {
    await startOrThrow(nodeA, "retake-1");
    const first = await claimOrThrow(nodeA, "node-a", "retake-1", 1);
    await sleep(20);
    const second = await claimOrThrow(nodeA, "node-a", "retake-1");
    expect(second.epoch).toBe(first.epoch + 1);
    expect(await nodeA.append(first, [sideEffect(1)])).toMatchObject({ ok: false, error: { kind: "Fenced" } });
    expect((await nodeA.append(second, [sideEffect(1)])).ok).toBe(true);
  });

  it("an append in flight while a takeover commits is refused (the fence is checked under the row lock)", async () => {
    await startOrThrow(nodeA, "inflight-1");
    const lease = await claimOrThrow(nodeA, "node-a", "inflight-1", 1);
    await sleep(20);
    let pending: ReturnType<PgWorkflowStore["append"]> | undefined;
    let settledEarly = false;
    await other.sql.begin(async (tx) => {
      // A takeover, as claimRuns does it, held open while node-a's append arrives.
      await tx`update workflow_leases set owner = 'node-b', epoch = epoch + 1, expires_at = now() + interval '30 seconds' where run_id = 'inflight-1'`;
      pending = nodeA.append(lease, [sideEffect(1, "a")]);
      void pending.then(() => (settledEarly = true));
      await sleep(150);
    });
    expect(settledEarly).toBe(false);
    expect(await pending).toMatchObject({ ok: false, error: { kind: "Fenced" } });
    expect((await nodeA.history("inflight-1")).map((e) => e.type)).toEqual(["started"]);
  });

  it("a zombie appending in a loop during a takeover never writes after the new owner's first write", async () => {
    await startOrThrow(nodeA, "race-1");
    const zombie = await claimOrThrow(nodeA, "node-a", "race-1", 50);
    let zombieWrites = 0;
    let command = 0;
    const zombieLoop = (async () => {
      for (;;) {
        const r = await nodeA.append(zombie, [sideEffect(++command, "a")]);
        if (!r.ok) return r.error.kind;
        zombieWrites++;
      }
    })();
    await sleep(100);
    // While the zombie writes, its lease row is locked most of the time and SKIP LOCKED passes
    // it over: poll, as a node would.
    let taken: Lease | undefined;
    while (!taken) taken = (await nodeB.claimRuns("node-b", 30_000, 1_000)).find((l) => l.runId === "race-1");
    for (let i = 0; i < 5; i++) expect((await nodeB.append(taken, [sideEffect(1_000 + i, "b")])).ok).toBe(true);
    expect(await zombieLoop).toBe("Fenced");
    expect(zombieWrites).toBeGreaterThan(0);

    const history = await nodeB.history("race-1");
    expect(history.map((e) => e.seq)).toEqual(history.map((_, i) => i + 1));
    const writers = history.flatMap((e) => (e.type === "side_effect" ? [e.value] : []));
    const firstB = writers.indexOf("b");
    expect(firstB).toBe(zombieWrites);
    expect(writers.slice(firstB)).toEqual(["b", "b", "b", "b", "b"]);
  });

  it("signals sent while nobody owns the run wait for whoever takes it next", async () => {
    await startOrThrow(nodeA, "orphan-1");
    const lease = await claimOrThrow(nodeA, "node-a", "orphan-1", SHORT_LEASE_MS);
    await sleep(SHORT_LEASE_MS + 100); // node-a died
    expect((await nodeB.signal("orphan-1", "approve", [true], "ui")).ok).toBe(true);
    expect((await nodeB.requestCancel("orphan-1", "changed my mind", "ui")).ok).toBe(true);
    const taken = await claimOrThrow(nodeB, "node-b", "orphan-1");
    expect(taken.epoch).toBe(lease.epoch + 1);
    const inbox = await nodeB.pendingInbox("orphan-1");
    expect(inbox.map((i) => i.kind)).toEqual(["signal", "cancel"]);
    const consumed = await nodeB.append(
      taken,
      [
        { type: "signal.received", topic: "approve", payloads: [true], from: "ui", at: 1 },
        { type: "cancel.requested", reason: "changed my mind", from: "ui", at: 2 },
      ],
      { consumed: inbox.map((i) => i.id) },
    );
    expect(consumed.ok).toBe(true);
    expect(await nodeB.pendingInbox("orphan-1")).toEqual([]);
    expect(await nodeA.append(lease, [sideEffect(1)], { consumed: inbox.map((i) => i.id) })).toMatchObject({ ok: false, error: { kind: "Fenced" } });
  });
});
