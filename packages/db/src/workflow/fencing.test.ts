/**
 * Leases and fencing with two nodes, each its own store and connection pool. Lease expiry is
 * judged by the database clock, so these tests use short leases and real (short) sleeps.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Lease } from "@wippy/shared";
import { connect, type DbClient } from "../client";
import { createTestDatabase, testTargets, type TestDatabase } from "../testing";
import { CODE, CODE_2, claimOrThrow, sideEffect, sleep, startOrThrow, storeCode } from "./fixtures";
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

  it("a takeover waits for an append that holds the lease row, and the new holder's replay includes it", async () => {
    await startOrThrow(nodeA, "share-1");
    const lease = await claimOrThrow(nodeA, "node-a", "share-1", 1);
    expect((await nodeA.append(lease, [sideEffect(1, "a")])).ok).toBe(true); // node-a now knows its head (seq 2)
    let appended: Awaited<ReturnType<PgWorkflowStore["append"]>> | undefined;
    let takenAt = 0;
    await other.sql.begin(async (blocker) => {
      // Something holds seq 3's key: node-a's append takes the lease row's share lock, then waits.
      await blocker`insert into workflow_events (run_id, seq, type, at, payload) values ('share-1', 3, 'side_effect', 0, '{}')`;
      const append = nodeA.append(lease, [sideEffect(2, "a")]).then((r) => (appended = r));
      await sleep(100);
      // A takeover as claimRuns writes it, but waiting instead of skipping the locked row.
      const takeover = tdb.sql`update workflow_leases set owner = 'node-b', epoch = epoch + 1, expires_at = now() + interval '30 seconds' where run_id = 'share-1'`.then(() => (takenAt = Date.now()));
      await sleep(150);
      expect(takenAt).toBe(0); // blocked by node-a's append in flight
      await blocker`delete from workflow_events where run_id = 'share-1' and seq = 3`;
      void Promise.all([append, takeover]);
    }); // the blocker commits: seq 3 is free, node-a's append commits, then the takeover does
    await vi.waitFor(() => expect(takenAt).toBeGreaterThan(0));
    expect(appended?.ok).toBe(true);
    const taken = { runId: "share-1", owner: "node-b", epoch: lease.epoch + 1, expiresAt: 0 };
    expect((await nodeB.history("share-1")).map((e) => [e.seq, e.type === "side_effect" && e.value])).toEqual([[1, false], [2, "a"], [3, "a"]]);
    expect(await nodeB.append(taken, [sideEffect(3, "b")])).toMatchObject({ ok: true, value: [{ seq: 4 }] });
    expect(await nodeA.append(lease, [sideEffect(3, "a")])).toMatchObject({ ok: false, error: { kind: "Fenced" } });
  });

  it("a zombie that knows its head is refused at the seq the new holder already wrote, and writes nothing", async () => {
    await startOrThrow(nodeA, "sameseq-1");
    const zombie = await claimOrThrow(nodeA, "node-a", "sameseq-1", 1);
    expect((await nodeA.append(zombie, [sideEffect(1, "a")])).ok).toBe(true); // head: seq 2
    await sleep(20);
    const taken = await claimOrThrow(nodeB, "node-b", "sameseq-1");
    expect(await nodeB.append(taken, [sideEffect(2, "b")])).toMatchObject({ ok: true, value: [{ seq: 3 }] });
    expect(await nodeA.append(zombie, [sideEffect(2, "a"), sideEffect(3, "a")])).toMatchObject({ ok: false, error: { kind: "Fenced" } });
    expect(await nodeA.append(zombie, [sideEffect(2, "a")])).toMatchObject({ ok: false, error: { kind: "Fenced" } });
    const values = (await nodeB.history("sameseq-1")).map((e) => (e.type === "side_effect" ? e.value : e.type));
    expect(values).toEqual(["started", "a", "b"]);
  });

  it.each([
    ["terminated", (store: PgWorkflowStore, runId: string) => store.terminateRun(runId, "operator")],
    ["upgraded", (store: PgWorkflowStore, runId: string) => store.upgradeCode(runId, { fromHash: CODE, toHash: CODE_2, checkedThrough: 2 })],
    ["ended by its holder's other store", (store: PgWorkflowStore, runId: string, lease: Lease) => store.append(lease, [{ type: "completed", result: 1, at: 1 }])],
    ["halted by its holder's other store", (store: PgWorkflowStore, runId: string, lease: Lease) => store.haltRun(lease, { kind: "NonDeterminism", message: "x" })],
  ])("a holder that knows its head is fenced once the run is %s", async (what, change) => {
    const runId = `fence-${what.split(" ")[0]}`;
    await startOrThrow(nodeA, runId);
    const lease = await claimOrThrow(nodeA, "node-a", runId);
    expect((await nodeA.append(lease, [sideEffect(1, "a")])).ok).toBe(true); // head: seq 2
    expect((await change(nodeB, runId, lease)).ok).toBe(true);
    const before = await nodeB.history(runId);
    expect(await nodeA.append(lease, [sideEffect(2, "a")])).toMatchObject({ ok: false, error: { kind: "Fenced" } });
    expect(await nodeA.append(lease, [sideEffect(2, "a"), sideEffect(3, "a")])).toMatchObject({ ok: false, error: { kind: "Fenced" } });
    expect(await nodeB.history(runId)).toEqual(before);
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
