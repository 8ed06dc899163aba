/**
 * bench/workflows — the durable workflow engine on a real PostgreSQL (issue 6's targets).
 * A scratch database on DATABASE_URL's server (default: the machine's PostgreSQL on
 * 127.0.0.1:5432), dropped at the end. The app the runs execute is `app/` (YAML + Lua).
 *
 * Prints one JSON document (times in ms, percentiles over the samples):
 * - bare_commit:  a single-row INSERT + commit on the same database, sampled in batches
 *                 between the per_activity runs                           — `commit.ts`
 * - per_activity: per-activity cost of one run calling trivial activities in a row on an
 *                 in-process node (`WorkflowService` on `PgWorkflowStore`), and
 *                 `ratio_p50` = its p50 / bare_commit's p50 (target ≤ 2) — `per-activity.ts`
 * - throughput:   many concurrent runs on that node: runs/s, activities/s — `throughput.ts`
 * - resume:       a fresh worker taking over a 1,001-event history: claim → replayed and
 *                 ready for the next command (target p50 ≤ 200 ms)       — `resume.ts`
 * - failover:     SIGKILL of the `wippy start` node holding a steadily stepping run → the next
 *                 history event another node commits (target p99 ≤ 5 s)  — `failover.ts`
 * `stalled_runs` (per_activity, throughput, resume): runs that stopped making progress for
 * good and were left out of the figure (`World.settle`); anything but 0 is an engine problem.
 * Each target is `{…, met}`; `targets_met` is all of them. Parameters: `params.ts`
 * (`--quick` for a short run). Progress goes to stderr.
 */
import os from "node:os";
import path from "node:path";
import { benchDatabase, now } from "../lib";
import { BareCommit } from "./commit";
import { measureFailover, type Failover } from "./failover";
import { readBenchParams } from "./params";
import { measurePerActivity } from "./per-activity";
import { measureResume } from "./resume";
import { measureThroughput } from "./throughput";
import { TimedWorkflowStore } from "./timed-store";
import { loadBenchApp, World } from "./world";

/** Issue 6's targets, on the local database. */
const TARGETS = Object.freeze({
  perActivityRatioP50Max: 2,
  resumeP50MsMax: 200,
  failoverP99MsMax: 5_000,
});

const progress = (line: string): void => void process.stderr.write(`workflows: ${line}\n`);
const round = (x: number): number => Math.round(x * 100) / 100;

const params = readBenchParams();
const started = now();
// Other work on the machine shows in every figure here: the load is part of the result.
const loadAtStart = os.loadavg()[0] ?? NaN;
const entries = await loadBenchApp();
const db = await benchDatabase(path.join(os.tmpdir(), "wippy-bench-home"), params.databaseUrl);
let world: World | undefined;
try {
  world = new World(new TimedWorkflowStore(db.sql), entries, params.verbose);
  progress(`database ${db.server}; bare_commit and per_activity (${params.chains} × ${params.activities} activities) …`);
  const bare = new BareCommit(db.sql);
  await bare.prepare();
  const batch = Math.ceil(params.commits / (params.chains + 1));
  const perActivity = await measurePerActivity(world, params.activities, params.chains, () => bare.sample(batch));
  const bareCommit = bare.result();
  progress(`throughput (${params.runs} runs × ${params.runActivities} activities) …`);
  const throughput = await measureThroughput(world, params.runs, params.runActivities);
  progress(`resume (${params.resumes} × ${1 + 2 * params.resumeCalls} events) …`);
  const resume = await measureResume(world, db.sql, params.resumeCalls, params.resumes, params.timeoutMs);
  await world.stop(); // its workers must not take the failover run from the real nodes
  let failover: Failover | null = null;
  if (params.failovers > 0) {
    progress(`failover (${params.nodes} nodes, ${params.failovers} kills) …`);
    failover = await measureFailover(db.sql, db.url, entries, params, progress);
  }

  const ratio = round(perActivity.per_activity_ms.p50 / bareCommit.p50);
  const targets = {
    per_activity: { ratio_p50_max: TARGETS.perActivityRatioP50Max, met: ratio <= TARGETS.perActivityRatioP50Max },
    resume: { p50_ms_max: TARGETS.resumeP50MsMax, met: resume.claim_to_ready_ms.p50 <= TARGETS.resumeP50MsMax },
    // `null` (not measured, BENCH_FAILOVERS=0) does not count as met.
    failover: { p99_ms_max: TARGETS.failoverP99MsMax, met: failover === null ? null : failover.kill_to_next_event_ms.p99 <= TARGETS.failoverP99MsMax },
  };
  const { databaseUrl: _url, ...shownParams } = params;
  const result = {
    bench: "workflows",
    database: db.server,
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length,
    load_average_1m: { start: round(loadAtStart), end: round(os.loadavg()[0] ?? NaN) },
    params: shownParams,
    bare_commit_ms: bareCommit,
    per_activity: { ...perActivity, ratio_p50: ratio, target: targets.per_activity },
    throughput,
    resume: { ...resume, target: targets.resume },
    failover: failover === null ? null : { ...failover, target: targets.failover },
    targets_met: Object.values(targets).every((t) => t.met === true),
    node_log: world.log.counts,
    duration_s: Math.round((now() - started) / 100) / 10,
  };
  progress(`done in ${result.duration_s} s`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await world?.stop();
  await db.done();
}
