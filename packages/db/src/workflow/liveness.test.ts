/**
 * Liveness locks (liveness.ts): a node whose session is gone loses its runs at once; a node
 * whose session lives keeps them until its lease expires, however long it stays silent.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type DbClient } from "../client";
import { createTestDatabase, testTargets, type TestDatabase } from "../testing";
import { claimOrThrow, sideEffect, sleep, startOrThrow, storeCode } from "./fixtures";
import { LIVENESS_LOCK_CLASS, NodeLiveness } from "./liveness";
import { PgWorkflowStore } from "./store";

const LONG_LEASE_MS = 60_000;
/** Liveness that never checks by itself: the tests call `check()`. */
const MANUAL = 3_600_000;

describe.each(testTargets())("liveness locks on $name PostgreSQL", (target) => {
  let tdb: TestDatabase;
  let other: DbClient;
  let nodeB: PgWorkflowStore;
  const opened: NodeLiveness[] = [];

  const hold = async (name: string, checkMs = MANUAL): Promise<NodeLiveness> => {
    const liveness = await NodeLiveness.hold(tdb.url, { name, checkMs });
    opened.push(liveness);
    return liveness;
  };
  const endSession = (name: string) => tdb.sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${name} and datname = current_database()`;
  const locksOf = async (key: number) =>
    (await tdb.sql<{ n: number }[]>`select count(*)::int as n from pg_locks where locktype = 'advisory' and classid = ${LIVENESS_LOCK_CLASS} and objid::int8 = ${key} and granted`)[0]?.n;

  beforeAll(async () => {
    tdb = await createTestDatabase(target);
    other = connect(tdb.url, { max: 4, applicationName: "wippy-test-node-b" });
    nodeB = new PgWorkflowStore(other.sql);
    await storeCode(nodeB);
  });
  afterAll(async () => {
    await Promise.all(opened.map((l) => l.close()));
    await other?.close();
    await tdb?.drop();
  });

  it("a dead node's runs are taken over at once, with a new epoch, long before its lease ends; its writes are fenced", async () => {
    const liveness = await hold("liveness-a1");
    const nodeA = new PgWorkflowStore(tdb.sql, { liveness });
    await startOrThrow(nodeA, "dies-1");
    const held = await claimOrThrow(nodeA, "node-a1", "dies-1", LONG_LEASE_MS);
    const [row] = await tdb.sql<{ owner_lock: number }[]>`select owner_lock from workflow_leases where run_id = 'dies-1'`;
    const key = liveness.key()!;
    expect(row?.owner_lock).toBe(key);
    expect(await locksOf(key)).toBe(1);

    // Alive (its session holds the lock): nobody else gets the run, however often they ask.
    expect((await nodeB.claimRuns("node-b", LONG_LEASE_MS, 100)).map((l) => l.runId)).not.toContain("dies-1");

    await endSession("liveness-a1"); // what the OS does to the sockets of a killed process
    await expect.poll(() => locksOf(key), { timeout: 5_000 }).toBe(0);
    const taken = await claimOrThrow(nodeB, "node-b", "dies-1", LONG_LEASE_MS);
    expect(taken.epoch).toBe(held.epoch + 1);
    const late = await nodeA.append(held, [sideEffect(1, "a")]);
    expect(!late.ok && late.error.kind).toBe("Fenced");
    // The new owner holds no lock (no liveness): its lease ends by expiry only.
    const [after] = await tdb.sql<{ owner_lock: number | null }[]>`select owner_lock from workflow_leases where run_id = 'dies-1'`;
    expect(after?.owner_lock).toBeNull();
  });

  it("a silent node whose session lives keeps its runs until the lease expires", async () => {
    const liveness = await hold("liveness-a2");
    const nodeA = new PgWorkflowStore(tdb.sql, { liveness });
    await startOrThrow(nodeA, "silent-1");
    const held = await claimOrThrow(nodeA, "node-a2", "silent-1", 400);
    expect((await nodeB.claimRuns("node-b", LONG_LEASE_MS, 100)).map((l) => l.runId)).not.toContain("silent-1");
    await sleep(500); // no renewal: paused, as SIGSTOP would
    const taken = await claimOrThrow(nodeB, "node-b", "silent-1", LONG_LEASE_MS);
    expect(taken.epoch).toBe(held.epoch + 1);
  });

  it("after its session was lost, a check takes the same lock again; renewals write the key", async () => {
    const liveness = await hold("liveness-a3");
    const key = liveness.key();
    expect(key).not.toBeNull();
    const nodeA = new PgWorkflowStore(tdb.sql, { liveness });
    await startOrThrow(nodeA, "back-1");
    await claimOrThrow(nodeA, "node-a3", "back-1", LONG_LEASE_MS);
    await endSession("liveness-a3");
    await expect.poll(() => locksOf(key!), { timeout: 5_000 }).toBe(0);
    // The first checks may fail on the dead session (the lock is then known lost); once the
    // pool has a new session, a check takes the same key.
    await expect
      .poll(async () => {
        await liveness.check();
        return liveness.key();
      }, { timeout: 5_000, interval: 50 })
      .toBe(key);
    expect(await locksOf(key!)).toBe(1);
    expect((await nodeA.renewLeases("node-a3", LONG_LEASE_MS)).map((l) => l.runId)).toEqual(["back-1"]);
    expect((await nodeB.claimRuns("node-b", LONG_LEASE_MS, 100)).map((l) => l.runId)).not.toContain("back-1");
  });
  it("a restarted node with the same owner id (a repeated pid) takes its dead predecessor's runs at once, with a new epoch", async () => {
    const first = await hold("liveness-a4");
    const before = new PgWorkflowStore(tdb.sql, { liveness: first });
    await startOrThrow(before, "again-1");
    const old = await claimOrThrow(before, "node-x", "again-1", LONG_LEASE_MS);
    const key = first.key()!;
    await endSession("liveness-a4");
    await expect.poll(() => locksOf(key), { timeout: 5_000 }).toBe(0);
    const restarted = await hold("liveness-a5", 50);
    const after = new PgWorkflowStore(tdb.sql, { liveness: restarted });
    // Not at once: a node judges others by their locks only once its own has been steady for
    // two checks (after a database restart, every node needs a moment to take its lock again).
    expect(restarted.judges()).toBe(false);
    expect((await after.claimRuns("node-x", LONG_LEASE_MS, 100)).map((l) => l.runId)).not.toContain("again-1");
    await expect.poll(() => restarted.judges(), { timeout: 5_000 }).toBe(true);
    const taken = await claimOrThrow(after, "node-x", "again-1", LONG_LEASE_MS);
    expect(taken.epoch).toBe(old.epoch + 1);
  });
});
