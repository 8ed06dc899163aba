/**
 * bench/inspector parameters, from the command line (`npm run -s bench -- inspector --processes
 * 10000 --active 10000 --seconds 10`) or the environment (BENCH_PROCESSES, BENCH_ACTIVE,
 * BENCH_SECONDS); `--quick` is a short run for a smoke test.
 *
 * - processes: live processes on the node (besides the runtime's own);
 * - active: how many of them wake every second (their reductions change, so each is in every
 *   1 Hz delta); the rest wait on their inbox and never change;
 * - seconds: how long each phase records frames.
 */
import { DEFAULT_PG_URL } from "./product";

export interface InspectorParams {
  readonly processes: number;
  readonly active: number;
  readonly seconds: number;
  readonly pgUrl: string;
  readonly chromium: string;
  readonly timeoutMs: number;
}

export const DEFAULT_PARAMS: InspectorParams = Object.freeze({ processes: 10_000, active: 10_000, seconds: 10, pgUrl: DEFAULT_PG_URL, chromium: "/usr/bin/chromium", timeoutMs: 15 * 60_000 });

function flag(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? argv[at + 1] : undefined;
}

function positiveInt(value: string | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${what} must be a non-negative integer, not "${value}"`);
  return n;
}

export function readParams(argv: readonly string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): InspectorParams {
  const quick = argv.includes("--quick");
  const base = quick ? { ...DEFAULT_PARAMS, processes: 2_000, active: 2_000, seconds: 4 } : DEFAULT_PARAMS;
  const processes = positiveInt(flag(argv, "processes") ?? env.BENCH_PROCESSES, base.processes, "--processes");
  const active = Math.min(processes, positiveInt(flag(argv, "active") ?? env.BENCH_ACTIVE, Math.min(base.active, processes), "--active"));
  const seconds = positiveInt(flag(argv, "seconds") ?? env.BENCH_SECONDS, base.seconds, "--seconds");
  return { ...base, processes, active, seconds: Math.max(1, seconds), pgUrl: env.DATABASE_URL || base.pgUrl, chromium: env.WIPPY_E2E_CHROMIUM || base.chromium };
}
