/**
 * Memory per idle process: for each count, a fresh Node process (`memory-probe.ts`, started
 * with `--expose-gc` and this process's loader flags) spawns that many idle Lua processes and
 * reports heap delta / count. A fresh process per count keeps earlier figures from leaking
 * into later ones.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { progress } from "./measure";
import type { BenchParams } from "./params";

const run = promisify(execFile);
const PROBE = fileURLToPath(new URL("./memory-probe.ts", import.meta.url));

export interface MemoryFigure {
  readonly processes: number;
  readonly live: number;
  readonly bytes_per_process: number;
  readonly rss_bytes_per_process: number;
  readonly retained_after_exit_bytes_per_process: number;
  readonly heap_used_mb: number;
  readonly spawns_per_s_cold: number;
}

async function probe(count: number): Promise<MemoryFigure> {
  const args = [...process.execArgv, "--expose-gc", PROBE, String(count)];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 20 });
  const figure = JSON.parse(stdout) as MemoryFigure;
  if (figure.live !== count) throw new Error(`memory probe: ${figure.live} of ${count} processes alive`);
  progress(`memory at ${count} idle processes: ${figure.bytes_per_process} bytes/process`);
  return figure;
}

export async function measureMemory(params: BenchParams): Promise<MemoryFigure[]> {
  const figures: MemoryFigure[] = [];
  for (const count of params.memoryCounts) figures.push(await probe(count));
  return figures;
}
