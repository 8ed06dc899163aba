/**
 * throughput — many runs at once on one node: `runs` runs of `bench:chain` with `activities`
 * activities each, all spawned together through the node's client (each spawn is a
 * transaction: code put + run created; the worker is woken and claims them in batches).
 * The clock runs from the first spawn to the last run's end, so spawning, claiming, every
 * history commit and every end are counted — up to the last run that ended: runs that stall
 * (`World.settle`) are left out and counted in `stalled_runs`.
 *
 * In: the world, runs, activities per run. Out: runs/s, activities/s, how long the spawns
 * alone took, and the history appends' round trips under this load (`commit_ms`).
 */
import { now, percentiles } from "../lib";
import type { World } from "./world";

export interface Throughput {
  readonly runs: number;
  readonly activities_per_run: number;
  readonly seconds: number;
  readonly spawn_seconds: number;
  readonly runs_per_s: number;
  readonly activities_per_s: number;
  readonly commit_ms: ReturnType<typeof percentiles>;
  readonly stalled_runs: number;
}

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

export async function measureThroughput(world: World, runs: number, activities: number): Promise<Throughput> {
  world.store.reset();
  const expected = (activities * (activities + 1)) / 2;
  const t0 = now();
  const spawned = await Promise.all(Array.from({ length: runs }, () => world.spawn("bench:chain", [activities])));
  const tSpawned = now();
  const settled = await world.settle(spawned.map((s) => s.runId), expected);
  const seconds = (settled.lastEndAt - t0) / 1000;
  const done = runs - settled.stalled.length;
  const commits = spawned.flatMap((s) => world.store.appendsOf(s.runId).map((m) => m.done - m.called));
  world.store.reset();
  return {
    runs,
    activities_per_run: activities,
    seconds: round(seconds, 3),
    spawn_seconds: round((tSpawned - t0) / 1000, 3),
    runs_per_s: round(done / seconds),
    activities_per_s: round((done * activities) / seconds),
    commit_ms: percentiles(commits),
    stalled_runs: settled.stalled.length,
  };
}
