/**
 * Fairness: what a process spinning in `while true do end` on the same host costs a
 * ping-pong pair. `bench:pinger` records each round trip to `bench:pong` (the reply of a
 * process waiting on its inbox), first alone, then with `bench:spin` running beside them.
 *
 * The spinner never calls into the runtime, so the pair only gets turns because the
 * instruction-count hook preempts it when its budget is spent. After the second run the
 * spinner must still be alive (it was preempted, not finished) and is then terminated.
 * The first one or two round trips beside the spinner are the slowest (`max`, ~10 ms): its
 * first turns deoptimize fengari's `luaV_execute` and run in V8's interpreter until TurboFan
 * has recompiled it — a one-off JIT cost, hence the target is judged at p99.
 */
import { microseconds, now, progress, type Percentiles } from "./measure";
import type { BenchParams } from "./params";
import { createWorld, returned, unwrap, type World } from "./world";

const WARMUP = 500;

async function roundTrips(world: World, pong: string, n: number): Promise<Percentiles> {
  world.samples.length = 0;
  returned(await world.exited(world.spawn("bench:pinger", [pong, n])));
  return microseconds(world.samples);
}

export async function measureFairness(params: BenchParams) {
  const world = createWorld();
  try {
    const pong = world.spawn("bench:pong");
    await roundTrips(world, pong, WARMUP);
    const alone = await roundTrips(world, pong, params.fairnessRounds);

    const spinner = world.spawn("bench:spin");
    const t0 = now();
    const withSpinner = await roundTrips(world, pong, params.fairnessRounds);
    const elapsedMs = now() - t0;
    const info = unwrap(world.kernel.info(spinner));
    const budget = unwrap(world.kernel.hosts.info(info.host)).budget;
    const killed = world.exited(spinner);
    unwrap(world.kernel.terminate(spinner));
    const spinnerExit = await killed;

    const added = { p50: round3(withSpinner.p50 - alone.p50), p99: round3(withSpinner.p99 - alone.p99) };
    progress(`fairness: reply p99 ${alone.p99} µs alone, ${withSpinner.p99} µs beside a spinner`);
    return {
      unit: "µs",
      round_trips: params.fairnessRounds,
      reply_alone: alone,
      reply_with_spinner: withSpinner,
      added_by_spinner: added,
      spinner: {
        preempted: info.state !== "exited" && spinnerExit.kind === "terminated",
        turns: Math.round(info.reductions / budget),
        turns_per_round_trip: round3(info.reductions / budget / params.fairnessRounds),
        run_ms: Math.round(elapsedMs),
        exit: spinnerExit.kind,
      },
    };
  } finally {
    world.close();
  }
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
