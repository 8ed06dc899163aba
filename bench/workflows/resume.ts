/**
 * resume — how long a fresh worker takes to pick up a run with a long history.
 *
 * Setup: `repetitions` runs of `bench:resumable` make `calls` activity calls each on the
 * node's own worker (history: `started` + 2 events per call = 1,001 events for 500 calls) and
 * then wait for a signal. The node's worker stops (its leases are released, as on a clean
 * shutdown) and every run is signalled.
 *
 * Each repetition: a new `WorkflowWorker` (new owner, new sandbox: nothing compiled or
 * cached) claims one run (`capacity: 1`) and, from that claim, reads the run, its pinned code
 * and its whole history from PostgreSQL, replays it in the sandbox, records the waiting
 * signal, runs the code to its next command and asks to commit it. `claim_to_ready_ms` ends
 * there — replay done, next command issued (the figure the target is about);
 * `claim_to_committed_ms` also includes that commit; `start_to_ready_ms` also includes the
 * claim query itself.
 *
 * Runs that stall (while their history is built: no new event for `STALL_MS`; or once resumed:
 * `World.settle`) are terminated, left out, and counted in `stalled_runs`.
 *
 * In: the world, its pool, activity calls per run, repetitions. Out: percentiles in ms.
 */
import type { Sql } from "@wippy/db";
import { now, percentiles } from "../lib";
import { STALL_MS, type World } from "./world";

export interface Resume {
  readonly history_events: number;
  readonly repetitions: number;
  readonly claim_to_ready_ms: ReturnType<typeof percentiles>;
  readonly claim_to_committed_ms: ReturnType<typeof percentiles>;
  readonly start_to_ready_ms: ReturnType<typeof percentiles>;
  readonly stalled_runs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until every run's history has `events` events; returns the runs that stopped short. */
async function buildHistories(sql: Sql, ids: readonly string[], events: number): Promise<string[]> {
  const progress = new Map(ids.map((id) => [id, { seq: 0, at: now() }]));
  for (;;) {
    const heads = await sql<{ run_id: string; last_seq: number }[]>`
      select run_id, max(seq)::int as last_seq from workflow_events where run_id in ${sql(ids)} group by run_id`;
    for (const h of heads) {
      const p = progress.get(h.run_id);
      if (p !== undefined && h.last_seq !== p.seq) progress.set(h.run_id, { seq: h.last_seq, at: now() });
    }
    const short = [...progress].filter(([, p]) => p.seq < events);
    if (short.every(([, p]) => now() - p.at > STALL_MS)) return short.map(([id]) => id);
    await sleep(20);
  }
}

export async function measureResume(world: World, sql: Sql, calls: number, repetitions: number, timeoutMs: number): Promise<Resume> {
  const events = 1 + 2 * calls;
  const runs = await Promise.all(Array.from({ length: repetitions }, () => world.spawn("bench:resumable", [calls])));
  const stalledBuilds = await buildHistories(sql, runs.map((r) => r.runId), events);
  await world.service.stop();
  for (const id of stalledBuilds) await world.store.terminateRun(id, "stalled: the bench gave up on it");
  const ready = runs.filter((r) => !stalledBuilds.includes(r.runId));
  for (const run of ready) {
    const sent = await world.service.client.send(run.pid, "go", [true]);
    if (!sent.ok) throw new Error(`signal ${run.pid}: ${sent.error.message}`);
  }
  world.store.reset();

  const toReady: number[] = [];
  const toCommitted: number[] = [];
  const fromStart: number[] = [];
  let stalled = stalledBuilds.length;
  for (let i = 0; i < ready.length; i++) {
    const owner = `bench-resume-${i}`;
    const started = now();
    // No polls after the first: this worker must take exactly one run.
    const worker = world.worker(owner, { capacity: 1, pollMs: 3_600_000 });
    const deadline = now() + timeoutMs;
    while (world.store.claims(owner).length === 0) {
      if (now() > deadline) throw new Error(`resume: ${owner} claimed no run within ${timeoutMs} ms`);
      await sleep(1);
    }
    const claim = world.store.claims(owner)[0]!;
    const settled = await world.settle([claim.runId], calls + 1);
    await worker.stop();
    if (settled.stalled.length > 0) {
      stalled++;
      continue;
    }
    const first = world.store.appendsOf(claim.runId).find((m) => m.called >= claim.at);
    if (first === undefined) throw new Error(`run ${claim.runId} ended without an append after its claim`);
    toReady.push(first.called - claim.at);
    toCommitted.push(first.done - claim.at);
    fromStart.push(first.called - started);
  }
  return {
    history_events: events,
    repetitions: toReady.length,
    claim_to_ready_ms: percentiles(toReady),
    claim_to_committed_ms: percentiles(toCommitted),
    start_to_ready_ms: percentiles(fromStart),
    stalled_runs: stalled,
  };
}
