/**
 * Durable workflows across real node processes (issue 6): three `wippy start` nodes on one
 * PostgreSQL database run workflows whose activities write a side-effect ledger table, while
 * the test kills nodes with SIGKILL at random moments, pauses one with SIGSTOP until the others
 * take its runs over, and restarts the database under them.
 *
 * What must hold every time:
 * - every run completes with the right result;
 * - the ledger has every step of every run (nothing lost);
 * - duplicates stay inside the at-least-once window: a step runs again only when its run
 *   changed hands while it was in flight, so a run has at most `epoch - 1` duplicated steps
 *   (the lease epoch counts the takes: 1 for the first owner, +1 per takeover);
 * - the history never holds two outcomes for one command (a fenced node's writes are refused).
 *
 * `FAILOVER_KILLS` (default 20) sets how many SIGKILLs the kill test makes: `scripts/soak-failover.sh`
 * runs it with more.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@wippy/db";
import { createTestDatabase, testTargets, type TestDatabase } from "@wippy/db/testing";
import postgres from "postgres";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cliEnv, runWippy, writeApp } from "./testing/cli";
import { NodeFleet } from "./testing/fleet";
import { ledgerApp, LEDGER_TABLE, type Sql } from "./testing/ledger-app";

const [external] = testTargets().filter((t) => t.name === "external");
// Test tooling, not app code: the soak script raises the count through this one variable.
const KILLS = Number(process.env.FAILOVER_KILLS ?? 20);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = (min: number, max: number) => min + Math.random() * (max - min);

interface RunRow {
  id: string;
  status: string;
  result: unknown;
  epoch: number;
}

/** The runs of one scenario: their ids start with `prefix` (the scenarios share a database). */
async function runs(sql: Sql, prefix: string): Promise<RunRow[]> {
  return sql<RunRow[]>`select r.id, r.status, r.result, l.epoch from workflow_runs r join workflow_leases l on l.run_id = r.id
                       where r.id like ${`${prefix}%`} order by r.id`;
}

async function waitAllDone(sql: Sql, prefix: string, expected: number, timeoutMs: number, logs: () => string): Promise<RunRow[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = await runs(sql, prefix).catch(() => []);
    if (all.length === expected && all.every((r) => r.status !== "running")) return all;
    if (Date.now() > deadline) {
      const pending = all.filter((r) => r.status === "running").map((r) => r.id);
      throw new Error(`timed out: ${all.length} of ${expected} run(s) found, ${pending.length} still running (${pending.join(", ")})\n${logs().slice(-20_000)}`);
    }
    await sleep(250);
  }
}

/** The checks every scenario ends with (see the file's contract). */
async function checkOutcome(sql: Sql, prefix: string, all: RunRow[], steps: number): Promise<{ duplicates: number; takeovers: number }> {
  const expectedSum = (steps * (steps + 1)) / 2;
  for (const run of all) expect({ id: run.id, status: run.status, result: run.result }).toEqual({ id: run.id, status: "completed", result: expectedSum });

  const ledger = await sql<{ run: string; step: number; n: number }[]>`
    select run, step, count(*)::int as n from ${sql(LEDGER_TABLE)} where run like ${`${prefix}%`} group by run, step`;
  const byRun = new Map<string, Map<number, number>>();
  for (const row of ledger) {
    const steps = byRun.get(row.run) ?? new Map<number, number>();
    steps.set(row.step, row.n);
    byRun.set(row.run, steps);
  }
  let duplicates = 0;
  let takeovers = 0;
  for (const run of all) {
    const done = byRun.get(run.id) ?? new Map<number, number>();
    const missing = Array.from({ length: steps }, (_, i) => i + 1).filter((s) => !done.has(s));
    expect(missing, `run ${run.id}: steps with no ledger row`).toEqual([]);
    const extra = [...done.values()].reduce((sum, n) => sum + (n - 1), 0);
    expect(extra, `run ${run.id}: ${extra} duplicated step(s) with ${run.epoch - 1} takeover(s)`).toBeLessThanOrEqual(run.epoch - 1);
    duplicates += extra;
    takeovers += run.epoch - 1;
  }

  // One outcome per command: a second `activity.completed` for a command would be a write
  // accepted from a node that had lost the run.
  const doubled = await sql<{ run_id: string; command: number; n: number }[]>`
    select run_id, (payload->>'command')::int as command, count(*)::int as n from workflow_events
    where run_id like ${`${prefix}%`} and type in ('activity.completed', 'activity.failed', 'timer.fired')
    group by run_id, type, payload->>'command' having count(*) > 1`;
  expect(doubled).toEqual([]);
  return { duplicates, takeovers };
}

describe.skipIf(external?.error !== undefined)("workflows on three node processes", () => {
  let tdb: TestDatabase;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    tdb = await createTestDatabase(external!);
    env = cliEnv({ DATABASE_URL: tdb.url });
    await tdb.sql.unsafe(ledgerApp.tableSql);
    const applied = await runWippy(["apply", writeApp(ledgerApp.files(tdb.url))], env);
    expect(applied.code, applied.stderr).toBe(0);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  /** The node (lease owner and fleet slot) holding the most active runs whose ids start with `prefix`. */
  const busiestHolder = async (fleet: NodeFleet, prefix: string): Promise<{ owner: string; slot: number }> => {
    let holder: { owner: string } | undefined;
    for (let i = 0; i < 100 && holder === undefined; i++) {
      await sleep(100);
      [holder] = await tdb.sql<{ owner: string }[]>`
        select owner from workflow_leases where run_id like ${`${prefix}%`} and owner is not null and active
        group by owner order by count(*) desc limit 1`;
    }
    expect(holder, "no node took the runs").toBeDefined();
    const slot = fleet.nodes.findIndex((c) => holder!.owner.startsWith(`${NodeFleet.idOf(c)}/`));
    expect(slot).toBeGreaterThanOrEqual(0);
    return { owner: holder!.owner, slot };
  };

  const startRun = async (id: string, steps: number, host = "fo:wf") => {
    const r = await runWippy(["workflow", "start", "fo:flow", String(steps), "--id", id, "--host", host, "--json"], env);
    expect(r.code, r.stderr).toBe(0);
  };

  it(`completes every run, with nothing lost and duplicates only where a run changed hands, through ${KILLS} SIGKILLs`, { timeout: 600_000 }, async () => {
    const fleet = new NodeFleet(env, 3);
    await fleet.start();
    const steps = 12;
    let started = 0;
    try {
      // New runs keep arriving while nodes die, so kills land in every phase of a run.
      for (let kill = 0; kill < KILLS; kill++) {
        await Promise.all([startRun(`k-${started++}`, steps), startRun(`k-${started++}`, steps)]);
        await sleep(between(200, 1200));
        const slot = fleet.randomSlot();
        fleet.kill(slot);
        await fleet.restart(slot);
      }
      const all = await waitAllDone(tdb.sql, "k-", started, 240_000, () => fleet.logs());
      const { duplicates, takeovers } = await checkOutcome(tdb.sql, "k-", all, steps);
      expect(fleet.killed.size).toBe(KILLS);
      // A kill that caught no run in flight changes no hands; most must have.
      expect(takeovers).toBeGreaterThan(0);
      console.info(`failover: ${started} runs × ${steps} steps, ${KILLS} SIGKILLs, ${takeovers} takeovers, ${duplicates} duplicated step(s)`);
    } finally {
      await fleet.stop();
    }
  });

  it("moves a killed node's runs on at once, without waiting out their 60 s lease (its liveness lock went with its session)", { timeout: 300_000 }, async () => {
    const fleet = new NodeFleet(env, 2);
    await fleet.start();
    const steps = 12;
    const ids = Array.from({ length: 4 }, (_, i) => `l-${i}`);
    try {
      await Promise.all(ids.map((id) => startRun(id, steps, "fo:slow")));
      const { owner, slot } = await busiestHolder(fleet, "l-");
      const held = await tdb.sql<{ run_id: string; epoch: number; owner_lock: number | null }[]>`
        select run_id, epoch, owner_lock from workflow_leases where owner = ${owner} and active`;
      expect(held.length).toBeGreaterThan(0);
      expect(held.every((h) => h.owner_lock !== null), "the node's leases carry its liveness lock").toBe(true);
      fleet.kill(slot);
      const killedAt = Date.now();
      // 30 s: half the lease — only the lock's going can explain a takeover by then.
      const deadline = killedAt + 30_000;
      for (;;) {
        const now = await tdb.sql<{ run_id: string; epoch: number; active: boolean }[]>`
          select run_id, epoch, active from workflow_leases where run_id in ${tdb.sql(held.map((h) => h.run_id))}`;
        if (now.every((r) => !r.active || r.epoch > held.find((h) => h.run_id === r.run_id)!.epoch)) break;
        if (Date.now() > deadline) throw new Error(`a killed node's runs still wait for their lease: ${JSON.stringify(now)}\n${fleet.logs().slice(-20_000)}`);
        await sleep(100);
      }
      console.info(`liveness: runs of a SIGKILLed node taken over ${Date.now() - killedAt} ms after the kill (lease 60 s)`);
      const all = await waitAllDone(tdb.sql, "l-", ids.length, 120_000, () => fleet.logs());
      await checkOutcome(tdb.sql, "l-", all, steps);
    } finally {
      await fleet.stop();
    }
  });

  // The limit leaves room for the test's own deadlines (takeover 60 s, completion 120 s), so a
  // slow machine fails with their message and the nodes' logs, not a bare timeout.
  it("fences a paused node: after SIGSTOP its runs move on, and after SIGCONT none of its writes is accepted", { timeout: 300_000 }, async () => {
    const fleet = new NodeFleet(env, 3);
    await fleet.start();
    const steps = 12;
    const ids = Array.from({ length: 6 }, (_, i) => `z-${i}`);
    try {
      await Promise.all(ids.map((id) => startRun(id, steps)));
      // Pause the node holding the most of these runs while they are mid-flight.
      const { owner, slot } = await busiestHolder(fleet, "z-");
      const zombie = fleet.nodes[slot]!;
      const zombieId = NodeFleet.idOf(zombie);
      const held = await tdb.sql<{ run_id: string; epoch: number }[]>`select run_id, epoch from workflow_leases where owner = ${owner}`;
      zombie.signal("SIGSTOP");
      // Wait until every run it held has been taken by another node (a new epoch).
      const deadline = Date.now() + 60_000;
      for (;;) {
        const now = await tdb.sql<{ run_id: string; epoch: number; owner: string | null; active: boolean }[]>`
          select run_id, epoch, owner, active from workflow_leases where run_id in ${tdb.sql(held.map((h) => h.run_id))}`;
        const moved = now.every((r) => !r.active || (r.epoch > held.find((h) => h.run_id === r.run_id)!.epoch && !r.owner?.startsWith(zombieId)));
        if (moved) break;
        if (Date.now() > deadline) throw new Error(`the paused node's runs were not taken over: ${JSON.stringify(now)}\n${fleet.logs().slice(-20_000)}`);
        await sleep(200);
      }
      const before = await tdb.sql<{ run_id: string; last: number }[]>`select run_id, max(seq)::int as last from workflow_events group by run_id`;
      zombie.signal("SIGCONT");
      const all = await waitAllDone(tdb.sql, "z-", ids.length, 120_000, () => fleet.logs());
      await sleep(1000); // the woken node has run whatever its timers had due
      await checkOutcome(tdb.sql, "z-", all, steps);
      // The woken node still ran: it is alive and its leases are gone.
      expect(await tdb.sql`select 1 from workflow_leases where owner like ${`${zombieId}/%`}`).toHaveLength(0);
      expect(before.length).toBeGreaterThan(0);
    } finally {
      await fleet.stop();
    }
  });
});

describe("workflows across a database restart", () => {
  let pg: EmbeddedPostgres;
  let appDir: string;

  beforeAll(async () => {
    appDir = mkdtempSync(path.join(tmpdir(), "wippy-restart-pg-"));
    pg = await startEmbeddedPostgres({ appDir, persistent: true, handleSignals: false, log: () => undefined });
  }, 120_000);
  afterAll(async () => {
    await pg?.stop();
    rmSync(appDir, { recursive: true, force: true });
  });

  it("completes every run after PostgreSQL stops mid-run and comes back", { timeout: 300_000 }, async () => {
    const url = pg.url("postgres");
    const env = cliEnv({ DATABASE_URL: url });
    const admin = postgres(url, { max: 1, onnotice: () => undefined });
    await admin.unsafe(ledgerApp.tableSql);
    await admin.end();
    const applied = await runWippy(["apply", writeApp(ledgerApp.files(url))], env);
    expect(applied.code, applied.stderr).toBe(0);
    const fleet = new NodeFleet(env, 2);
    await fleet.start();
    const steps = 12;
    const ids = Array.from({ length: 6 }, (_, i) => `r-${i}`);
    try {
      for (const id of ids) expect((await runWippy(["workflow", "start", "fo:flow", String(steps), "--id", id, "--host", "fo:wf"], env)).code).toBe(0);
      await sleep(1500);
      const port = pg.port;
      await pg.stop();
      await sleep(3000);
      pg = await startEmbeddedPostgres({ appDir, persistent: true, handleSignals: false, log: () => undefined });
      expect(pg.port).toBe(port);
      const sql = postgres(url, { max: 2, onnotice: () => undefined });
      try {
        const all = await waitAllDone(sql, "r-", ids.length, 180_000, () => fleet.logs());
        await checkOutcome(sql, "r-", all, steps);
      } finally {
        await sql.end();
      }
      // The nodes lived through it.
      for (const child of fleet.nodes) expect(await Promise.race([child.exited.then(() => "exited"), sleep(10).then(() => "alive")])).toBe("alive");
    } finally {
      await fleet.stop();
    }
  });
});
