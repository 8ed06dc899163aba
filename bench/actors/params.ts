/**
 * Run parameters of the actor bench, from the environment (all optional, all positive
 * integers; smaller values give a quicker, noisier run):
 *
 *   BENCH_SPAWN             processes per spawn-rate measurement         (20,000)
 *   BENCH_ROUNDS            measured rounds per throughput figure; the median is reported (3)
 *   BENCH_MEMORY_COUNTS     idle-process counts for the memory figure    ("10000,100000")
 *   BENCH_PINGPONG          ping-pong round trips per round              (100,000)
 *   BENCH_FANIN_SENDERS     senders in the fan-in                        (10)
 *   BENCH_FANIN_MESSAGES    messages per sender per round                (20,000)
 *   BENCH_LATENCY_SAMPLES   samples per latency figure                   (10,000)
 *   BENCH_FAIRNESS_ROUNDS   round trips with and without the spinner     (5,000)
 */
export interface BenchParams {
  readonly spawn: number;
  readonly rounds: number;
  readonly memoryCounts: readonly number[];
  readonly pingPong: number;
  readonly fanInSenders: number;
  readonly fanInMessages: number;
  readonly latencySamples: number;
  readonly fairnessRounds: number;
}

export const DEFAULT_BENCH_PARAMS: BenchParams = Object.freeze({
  spawn: 20_000,
  rounds: 3,
  memoryCounts: [10_000, 100_000],
  pingPong: 100_000,
  fanInSenders: 10,
  fanInMessages: 20_000,
  latencySamples: 10_000,
  fairnessRounds: 5_000,
});

function parsePositiveInt(name: string, text: string): number {
  const value = Number(text.trim());
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${text}"`);
  return value;
}

function positiveInt(name: string, fallback: number): number {
  const text = process.env[name];
  return text === undefined || text === "" ? fallback : parsePositiveInt(name, text);
}

export function readBenchParams(): BenchParams {
  const d = DEFAULT_BENCH_PARAMS;
  const counts = process.env.BENCH_MEMORY_COUNTS;
  return {
    spawn: positiveInt("BENCH_SPAWN", d.spawn),
    rounds: positiveInt("BENCH_ROUNDS", d.rounds),
    memoryCounts:
      counts === undefined || counts === ""
        ? d.memoryCounts
        : counts.split(",").map((part) => parsePositiveInt("BENCH_MEMORY_COUNTS", part)),
    pingPong: positiveInt("BENCH_PINGPONG", d.pingPong),
    fanInSenders: positiveInt("BENCH_FANIN_SENDERS", d.fanInSenders),
    fanInMessages: positiveInt("BENCH_FANIN_MESSAGES", d.fanInMessages),
    latencySamples: positiveInt("BENCH_LATENCY_SAMPLES", d.latencySamples),
    fairnessRounds: positiveInt("BENCH_FAIRNESS_ROUNDS", d.fairnessRounds),
  };
}
