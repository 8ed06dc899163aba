/**
 * Spawn rate of a minimal process: `bench:idle` (parks on its inbox) and `bench:returns`
 * (ends at once), spawned from TS (`runtime.spawn` in a loop) and from Lua (`process.spawn`
 * in a loop inside `bench:spawner`).
 *
 * A round counts from the first spawn until the kernel is idle again — every process has run
 * its first turn and is parked (idle) or gone (returns) — so the figure is the rate at which
 * the runtime turns entry ids into started processes, not just the cost of the call. For TS,
 * `calls_per_s` is the rate of the `runtime.spawn` calls alone (the processes start later).
 * Each round uses a fresh world (empty process table); one unrecorded round warms the JIT.
 */
import { median, now, perSecond, progress } from "./measure";
import type { BenchParams } from "./params";
import { createWorld, HOST, returned } from "./world";

type Kind = "idle" | "returns";
type From = "ts" | "lua";

interface Round {
  readonly perSecond: number;
  readonly callsPerSecond?: number;
}

async function spawnRound(from: From, kind: Kind, n: number): Promise<Round> {
  const world = createWorld();
  const id = `bench:${kind}`;
  try {
    // Compile the entries on this world's Lua state before the clock starts.
    const warm = world.spawn("bench:spawner", [1, id, HOST]);
    returned(await world.exited(warm));
    await world.idle();

    const t0 = now();
    if (from === "ts") {
      for (let i = 0; i < n; i++) world.spawn(id);
      const calls = now() - t0;
      await world.idle();
      return { perSecond: perSecond(n, now() - t0), callsPerSecond: perSecond(n, calls) };
    }
    const exit = world.exited(world.spawn("bench:spawner", [n, id, HOST]));
    returned(await exit);
    await world.idle();
    return { perSecond: perSecond(n, now() - t0) };
  } finally {
    world.close();
  }
}

async function spawnRate(from: From, kind: Kind, params: BenchParams) {
  await spawnRound(from, kind, Math.max(1, params.spawn >> 2));
  const rounds: Round[] = [];
  for (let r = 0; r < params.rounds; r++) rounds.push(await spawnRound(from, kind, params.spawn));
  const result = {
    spawns_per_s: median(rounds.map((r) => r.perSecond)),
    rounds: rounds.map((r) => r.perSecond),
    ...(from === "ts" ? { calls_per_s: median(rounds.map((r) => r.callsPerSecond ?? Number.NaN)) } : {}),
  };
  progress(`spawn from ${from}, ${kind}: ${result.spawns_per_s} spawns/s`);
  return result;
}

export async function measureSpawn(params: BenchParams) {
  return {
    processes_per_round: params.spawn,
    from_ts: { idle: await spawnRate("ts", "idle", params), returns: await spawnRate("ts", "returns", params) },
    from_lua: { idle: await spawnRate("lua", "idle", params), returns: await spawnRate("lua", "returns", params) },
  };
}
