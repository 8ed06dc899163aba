/**
 * Run parameters of the hot-apply bench, from the environment (all optional, positive
 * integers; smaller values give a quicker, noisier run):
 *
 *   BENCH_CHANGES      measured registry changes per hot-apply figure (config, service, upgrade) (200)
 *   BENCH_RESTARTS     measured crashes for the restart figure                                  (500)
 *   BENCH_WARMUP       unmeasured changes / crashes before each figure                          (20)
 *   BENCH_TIMEOUT_MS   how long to wait for any one report before failing the run              (5000)
 *   BENCH_VERBOSE      1: the node's log (warn and error) goes to stderr as it happens
 */
export interface BenchParams {
  readonly changes: number;
  readonly restarts: number;
  readonly warmup: number;
  readonly timeoutMs: number;
  readonly verbose: boolean;
}

export const DEFAULT_BENCH_PARAMS: BenchParams = Object.freeze({
  changes: 200,
  restarts: 500,
  warmup: 20,
  timeoutMs: 5_000,
  verbose: false,
});

function positiveInt(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text.trim() === "") return fallback;
  const value = Number(text.trim());
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${text}"`);
  return value;
}

export function readBenchParams(): BenchParams {
  const d = DEFAULT_BENCH_PARAMS;
  return {
    changes: positiveInt("BENCH_CHANGES", d.changes),
    restarts: positiveInt("BENCH_RESTARTS", d.restarts),
    warmup: positiveInt("BENCH_WARMUP", d.warmup),
    timeoutMs: positiveInt("BENCH_TIMEOUT_MS", d.timeoutMs),
    verbose: process.env.BENCH_VERBOSE === "1",
  };
}
