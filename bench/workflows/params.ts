/**
 * Run parameters of the workflows bench: defaults, `--quick` (a smoke run of well under a
 * minute), then the environment (all optional; each wins over both; counts are integers):
 *
 *   DATABASE_URL           server the scratch database is made on, and dropped from
 *                          (postgres://postgres@127.0.0.1:5432/postgres: the machine's own)
 *   BENCH_COMMITS          bare single-row INSERT + commit samples                    (500)
 *   BENCH_ACTIVITIES       activities per measured chain run (per_activity)            (200)
 *   BENCH_CHAINS           measured chain runs, after one unmeasured                   (3)
 *   BENCH_RUNS             concurrent runs (throughput)                                (200)
 *   BENCH_RUN_ACTIVITIES   activities per concurrent run                               (5)
 *   BENCH_RESUME_CALLS     activities in a resumed history (2 events each, +1 started) (500)
 *   BENCH_RESUMES          resume repetitions, each a fresh worker                     (7)
 *   BENCH_NODES            `wippy start` node processes (failover)                     (3)
 *   BENCH_FAILOVERS        kills of the node holding the run; 0 skips failover         (10)
 *   BENCH_TICK_MS          the failover run's sleep between its activities             (50)
 *   BENCH_TIMEOUT_MS       how long any one wait may take before the bench fails       (30000)
 *   BENCH_VERBOSE          1: warnings and errors of the in-process node go to stderr as they happen
 */
export interface BenchParams {
  readonly quick: boolean;
  readonly databaseUrl: string;
  readonly commits: number;
  readonly activities: number;
  readonly chains: number;
  readonly runs: number;
  readonly runActivities: number;
  readonly resumeCalls: number;
  readonly resumes: number;
  readonly nodes: number;
  readonly failovers: number;
  readonly tickMs: number;
  readonly timeoutMs: number;
  readonly verbose: boolean;
}

export const DEFAULT_BENCH_PARAMS: BenchParams = Object.freeze({
  quick: false,
  databaseUrl: "postgres://postgres@127.0.0.1:5432/postgres",
  commits: 500,
  activities: 200,
  chains: 3,
  runs: 200,
  runActivities: 5,
  resumeCalls: 500,
  resumes: 7,
  nodes: 3,
  failovers: 10,
  tickMs: 50,
  timeoutMs: 30_000,
  verbose: false,
});

const QUICK: Partial<BenchParams> = { quick: true, commits: 200, chains: 1, runs: 50, resumes: 3, nodes: 2, failovers: 2 };

function count(name: string, fallback: number, min = 1): number {
  const text = process.env[name];
  if (text === undefined || text.trim() === "") return fallback;
  const value = Number(text.trim());
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${text}"`);
  return value;
}

export function readBenchParams(argv: readonly string[] = process.argv.slice(2)): BenchParams {
  const unknown = argv.filter((a) => a !== "--quick");
  if (unknown.length > 0) throw new Error(`unknown argument(s) ${unknown.join(" ")}; usage: npm run bench -- workflows [--quick]`);
  const d: BenchParams = { ...DEFAULT_BENCH_PARAMS, ...(argv.includes("--quick") ? QUICK : {}) };
  return {
    quick: d.quick,
    databaseUrl: process.env.DATABASE_URL || d.databaseUrl,
    commits: count("BENCH_COMMITS", d.commits),
    activities: count("BENCH_ACTIVITIES", d.activities, 2),
    chains: count("BENCH_CHAINS", d.chains),
    runs: count("BENCH_RUNS", d.runs),
    runActivities: count("BENCH_RUN_ACTIVITIES", d.runActivities),
    resumeCalls: count("BENCH_RESUME_CALLS", d.resumeCalls),
    resumes: count("BENCH_RESUMES", d.resumes),
    nodes: count("BENCH_NODES", d.nodes, 2),
    failovers: count("BENCH_FAILOVERS", d.failovers, 0),
    tickMs: count("BENCH_TICK_MS", d.tickMs),
    timeoutMs: count("BENCH_TIMEOUT_MS", d.timeoutMs),
    verbose: process.env.BENCH_VERBOSE === "1",
  };
}
