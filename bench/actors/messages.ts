/**
 * Message throughput between Lua processes on one host.
 *
 * - ping-pong: `bench:ping` sends to `bench:pong` and waits for the answer, `n` times. Every
 *   exchange is two messages; `messages_per_s` counts both.
 * - fan-in: `senders` processes each send `messages` messages to one `bench:sink`, which
 *   receives them all; timed from spawning the senders to the sink's exit.
 *
 * Rounds are timed from TS (spawn → exit); one unrecorded round warms the JIT first.
 */
import { median, now, perSecond, progress } from "./measure";
import type { BenchParams } from "./params";
import { createWorld, returned, type World } from "./world";

async function pingPongRound(world: World, pong: string, n: number): Promise<number> {
  const t0 = now();
  returned(await world.exited(world.spawn("bench:ping", [pong, n])));
  return perSecond(2 * n, now() - t0);
}

export async function measurePingPong(params: BenchParams) {
  const world = createWorld();
  try {
    const pong = world.spawn("bench:pong");
    await pingPongRound(world, pong, Math.max(1, params.pingPong >> 2));
    const rounds: number[] = [];
    for (let r = 0; r < params.rounds; r++) rounds.push(await pingPongRound(world, pong, params.pingPong));
    const messagesPerSecond = median(rounds);
    progress(`ping-pong: ${messagesPerSecond} messages/s`);
    return { round_trips: params.pingPong, messages_per_s: messagesPerSecond, round_trips_per_s: Math.round(messagesPerSecond / 2), rounds };
  } finally {
    world.close();
  }
}

async function fanInRound(world: World, senders: number, messages: number): Promise<number> {
  const total = senders * messages;
  const sink = world.spawn("bench:sink", [total]);
  const done = world.exited(sink);
  await world.idle();
  const t0 = now();
  for (let s = 0; s < senders; s++) world.spawn("bench:sender", [sink, messages]);
  returned(await done);
  return perSecond(total, now() - t0);
}

export async function measureFanIn(params: BenchParams) {
  const world = createWorld();
  try {
    await fanInRound(world, params.fanInSenders, Math.max(1, params.fanInMessages >> 2));
    const rounds: number[] = [];
    for (let r = 0; r < params.rounds; r++) rounds.push(await fanInRound(world, params.fanInSenders, params.fanInMessages));
    const messagesPerSecond = median(rounds);
    progress(`fan-in: ${messagesPerSecond} messages/s`);
    return { senders: params.fanInSenders, messages_per_sender: params.fanInMessages, messages_per_s: messagesPerSecond, rounds };
  } finally {
    world.close();
  }
}
