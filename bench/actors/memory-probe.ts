/**
 * Child process of the memory figure (started by `memory.ts` with `--expose-gc`): spawns
 * `count` idle Lua processes and prints one JSON line with the heap they hold.
 *
 * The baseline is taken after the world is up and 100 idle processes have run (Lua state,
 * compiled entry and JIT warm), so the delta is what each further process costs. Heap is
 * V8's `heapUsed` after two full collections; `rss` is reported alongside. After the host is
 * removed (every process exits) the heap is measured again: what stays is leaked per process.
 *
 *   node --expose-gc --import tsx bench/actors/memory-probe.ts 100000
 */
import { now, perSecond } from "./measure";
import { createWorld } from "./world";

const WARM_PROCESSES = 100;

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("memory-probe needs node --expose-gc");
const collect = (): NodeJS.MemoryUsage => {
  gc();
  gc();
  return process.memoryUsage();
};

const count = Number(process.argv[2]);
if (!Number.isInteger(count) || count < 1) throw new Error(`usage: memory-probe.ts <count>, got ${String(process.argv[2])}`);

const world = createWorld();
for (let i = 0; i < WARM_PROCESSES; i++) world.spawn("bench:idle");
await world.idle();
const before = collect();

const t0 = now();
for (let i = 0; i < count; i++) world.spawn("bench:idle");
await world.idle();
const spawnMs = now() - t0;
const live = world.kernel.processCount - WARM_PROCESSES;
const during = collect();

world.close();
await world.idle();
const after = collect();

const perProcess = (bytes: number): number => Math.round(bytes / count);
process.stdout.write(
  `${JSON.stringify({
    processes: count,
    live,
    bytes_per_process: perProcess(during.heapUsed - before.heapUsed),
    rss_bytes_per_process: perProcess(during.rss - before.rss),
    retained_after_exit_bytes_per_process: perProcess(after.heapUsed - before.heapUsed),
    heap_used_mb: Math.round(during.heapUsed / 2 ** 20),
    spawns_per_s_cold: perSecond(count, spawnMs),
  })}\n`,
);
