/**
 * per_activity — what one activity costs a workflow run on one node, sequentially.
 *
 * A run of `bench:chain` calls `bench:echo` `n` times in a row. After the first activity is
 * scheduled, every cycle is: the attempt runs (a function process on the node's kernel) → its
 * result is delivered to the run → the workflow code runs in the sandbox until it asks for the
 * next activity → ONE history append commits `activity.completed(i)` + `activity.scheduled(i+1)`
 * → the next attempt starts. So a sample is the time from one append's acknowledgement to the
 * next's (`TimedWorkflowStore` marks): exactly one commit plus all the engine's work for one
 * activity. The first append (the first command, after the claim and the replay) and the last
 * (the run's end, a larger transaction) are not samples: `n - 1` samples per run.
 * `commit_ms` is the append round trip inside each sample, `engine_ms` the rest.
 * The first run warms up and is not counted; `between()` runs before each measured run and
 * after the last (the bare-commit batches, `commit.ts`). A run that stalls (`World.settle`) is not
 * counted either: it is reported in `stalled_runs` and replaced by another.
 *
 * In: the world, activities per run, measured runs, what to do between runs. Out:
 * percentiles in ms.
 */
import { now, percentiles } from "../lib";
import type { World } from "./world";

export interface PerActivity {
  readonly activities_per_run: number;
  readonly runs: number;
  readonly per_activity_ms: ReturnType<typeof percentiles>;
  readonly commit_ms: ReturnType<typeof percentiles>;
  readonly engine_ms: ReturnType<typeof percentiles>;
  /** Whole runs, spawn to end, divided by `n` (includes spawn, claim and the final commit). */
  readonly wall_ms_per_activity: number;
  readonly stalled_runs: number;
}

/** Stalls tolerated before the figure is given up: each one is a lost run (see the report). */
const MAX_STALLS = 3;

export async function measurePerActivity(world: World, n: number, runs: number, between: () => Promise<void>): Promise<PerActivity> {
  const cycle: number[] = [];
  const commit: number[] = [];
  const engine: number[] = [];
  let wall = 0;
  let stalled = 0;
  for (let r = 0; r <= runs; r++) {
    if (r > 0) await between();
    world.store.reset();
    const t0 = now();
    const { runId } = await world.spawn("bench:chain", [n]);
    const settled = await world.settle([runId], (n * (n + 1)) / 2);
    if (settled.stalled.length > 0) {
      if (++stalled > MAX_STALLS) throw new Error(`per_activity: ${stalled} chain runs stalled`);
      r--;
      continue;
    }
    if (r === 0) continue;
    wall += settled.lastEndAt - t0;
    const marks = world.store.appendsOf(runId);
    if (marks.length !== n + 1) throw new Error(`run ${runId}: ${marks.length} appends for ${n} activities, expected ${n + 1}`);
    for (let i = 1; i < n; i++) {
      const prev = marks[i - 1]!;
      const mark = marks[i]!;
      cycle.push(mark.done - prev.done);
      commit.push(mark.done - mark.called);
      engine.push(mark.called - prev.done);
    }
  }
  await between();
  return {
    activities_per_run: n,
    runs,
    per_activity_ms: percentiles(cycle),
    commit_ms: percentiles(commit),
    engine_ms: percentiles(engine),
    wall_ms_per_activity: Math.round((wall / (runs * n)) * 1000) / 1000,
    stalled_runs: stalled,
  };
}
