/**
 * bench/actors — the actor runtime: real Lua processes on the real kernel, driven by a
 * `Pump` on the Node event loop with the real clock.
 *
 * Prints one JSON document:
 * - spawn: spawns/s of a minimal process (idle on its inbox / returning at once), spawned
 *   from TS (`runtime.spawn`) and from Lua (`process.spawn`)            — `spawn.ts`
 * - memory: heap bytes per idle process at 10k and 100k processes       — `memory.ts`
 * - ping_pong, fan_in: messages/s between processes                     — `messages.ts`
 * - latency: µs for a message to reach a process waiting on its inbox   — `latency.ts`
 * - fairness: reply latency of a ping-pong pair with and without a spinning process on the
 *   same host                                                           — `fairness.ts`
 * - targets (issue 4), each `{value, unit, min|max, met}`.
 * Throughputs are medians over `rounds`; run parameters come from the environment
 * (`params.ts`). Progress goes to stderr.
 */
import os from "node:os";
import { DEFAULT_HOST_CONFIG } from "@wippy/runtime/kernel";
import { measureFairness } from "./fairness";
import { measureLatency } from "./latency";
import { atLeast, atMost, now, progress } from "./measure";
import { measureMemory } from "./memory";
import { measureFanIn, measurePingPong } from "./messages";
import { readBenchParams } from "./params";
import { measureSpawn } from "./spawn";

/** Issue 4's targets on this machine. */
const TARGETS = Object.freeze({
  spawnsPerSecond: 20_000,
  bytesPerIdleProcess: 8 * 1024,
  pingPongMessagesPerSecond: 100_000,
  spinnerAddedReplyUs: 10_000,
});

const params = readBenchParams();
const started = now();

const spawn = await measureSpawn(params);
const memory = await measureMemory(params);
const pingPong = await measurePingPong(params);
const fanIn = await measureFanIn(params);
const latency = await measureLatency(params);
const fairness = await measureFairness(params);

const slowestSpawn = Math.min(
  spawn.from_ts.idle.spawns_per_s,
  spawn.from_ts.returns.spawns_per_s,
  spawn.from_lua.idle.spawns_per_s,
  spawn.from_lua.returns.spawns_per_s,
);
const largestFootprint = Math.max(...memory.map((m) => m.bytes_per_process));
const targets = {
  spawn: atLeast(slowestSpawn, TARGETS.spawnsPerSecond, "spawns/s (slowest of the four)"),
  memory: atMost(largestFootprint, TARGETS.bytesPerIdleProcess, "bytes per idle process (largest count)"),
  ping_pong: atLeast(pingPong.messages_per_s, TARGETS.pingPongMessagesPerSecond, "messages/s"),
  fairness: atMost(fairness.added_by_spinner.p99, TARGETS.spinnerAddedReplyUs, "µs added to the reply at p99"),
};

const result = {
  bench: "actors",
  node: process.version,
  platform: `${os.platform()} ${os.arch()}`,
  cpus: os.cpus().length,
  params,
  host: DEFAULT_HOST_CONFIG,
  spawn: { ...spawn, target: targets.spawn },
  memory: { counts: memory, target: targets.memory },
  ping_pong: { ...pingPong, target: targets.ping_pong },
  fan_in: fanIn,
  latency,
  fairness: { ...fairness, target: targets.fairness },
  targets_met: Object.values(targets).every((t) => t.met) && fairness.spinner.preempted,
  duration_s: Math.round((now() - started) / 100) / 10,
};
progress(`done in ${result.duration_s} s`);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
