/**
 * Latency of a message to a waiting process: `bench:receiver` is parked on its inbox; the
 * sender stamps the message with `performance.now()`, the receiver subtracts it from its own
 * `bench.now()` as soon as `receive` returns.
 *
 * - from_ts: `kernel.send` from outside the kernel (as an HTTP handler would). The figure
 *   includes the wait for the pump's next slice on the event loop.
 * - from_process: `bench:timed_sender` sends, then waits for the receiver's ack before the
 *   next stamp, so every message finds the receiver waiting.
 */
import { microseconds, now, progress } from "./measure";
import type { BenchParams } from "./params";
import { createWorld, returned, unwrap } from "./world";

const WARMUP = 500;

export async function measureLatency(params: BenchParams) {
  const world = createWorld();
  try {
    const receiver = world.spawn("bench:receiver");
    await world.idle();

    for (let i = 0; i < WARMUP + params.latencySamples; i++) {
      if (i === WARMUP) world.samples.length = 0;
      unwrap(world.kernel.send(receiver, "t", [now()]));
      await world.idle();
    }
    const fromTs = microseconds(world.samples);

    returned(await world.exited(world.spawn("bench:timed_sender", [receiver, WARMUP])));
    world.samples.length = 0;
    returned(await world.exited(world.spawn("bench:timed_sender", [receiver, params.latencySamples])));
    const fromProcess = microseconds(world.samples);

    progress(`latency to a waiting process: p50 ${fromTs.p50} µs from TS, ${fromProcess.p50} µs from a process`);
    return { unit: "µs", from_ts: fromTs, from_process: fromProcess };
  } finally {
    world.close();
  }
}
