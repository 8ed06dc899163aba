/**
 * bench/hot-apply — how fast a running node adapts to registry changes, and how fast a
 * supervisor restarts a crashed child (issue 5). A real `RuntimeNode` (kernel, Lua, registry
 * view following PostgreSQL through LISTEN/NOTIFY, supervision) on a throwaway database on
 * DATABASE_URL's server, or on the embedded server when it is unset. The writer is a
 * `RegistryStore` on its own connection in the same Node process, on the real clock.
 *
 * Prints one JSON document (all times ms, percentiles over the measured samples):
 * - config:  apply start → a process subscribed to `events.subscribe("registry")` sees the
 *            changed `registry.entry` (`event_ms`), and has read it back with `registry.get`
 *            (`read_back_ms`);
 * - service: apply start → a service whose `process.lua` changed runs its new code
 *            (`on_change: restart`: old run cancelled and returned, new run started);
 * - upgrade: apply start → an upgradable process (`on_change: upgrade`) runs its new code
 *            with its pid and state kept — or `available: false` with what the node did instead;
 * - restart: a child of a `one_for_one` supervisor crashes → its new run is running.
 * Each figure carries `target {…, met}`; `targets_met` is all of them. Scenarios and entries:
 * `scenarios.ts`, `entries.ts`; parameters from the environment: `params.ts`.
 */
import os from "node:os";
import path from "node:path";
import { RegistryStore } from "@wippy/db";
import { RuntimeNode } from "@wippy/runtime/node";
import { benchDatabase, now } from "../lib";
import { createAll } from "./entries";
import { createBenchLog } from "./node-log";
import { readBenchParams } from "./params";
import { Probe } from "./probe";
import { measureConfig, measureRestart, measureService, measureUpgrade, type BenchContext } from "./scenarios";

/** Issue 5's targets, on the local database. */
const TARGETS = Object.freeze({
  hotApply: { p50_ms_max: 20, p99_ms_max: 100 },
  restart: { p50_ms_max: 5 },
});

const hotApplyTarget = (p: { p50: number; p99: number }) => ({ ...TARGETS.hotApply, met: p.p50 <= TARGETS.hotApply.p50_ms_max && p.p99 <= TARGETS.hotApply.p99_ms_max });
const progress = (line: string): void => void process.stderr.write(`hot-apply: ${line}\n`);

const params = readBenchParams();
const started = now();
const log = createBenchLog(params.verbose);
const probe = new Probe(params.timeoutMs, () => log.recent());

const db = await benchDatabase(path.join(os.tmpdir(), "wippy-bench-home"));
let node: RuntimeNode | null = null;
try {
  const store = new RegistryStore(db.sql);
  const created = await store.apply(createAll(), { author: "bench", source: "api" });
  if (!created.ok) throw new Error(`cannot create the bench entries: ${created.error.message}`);
  node = await RuntimeNode.start({ store, url: db.url, logger: log, modules: () => [probe.module] });
  const ctx: BenchContext = { store, node, probe, params };

  progress(`database ${db.server}; config …`);
  const config = await measureConfig(ctx);
  progress("service …");
  const service = await measureService(ctx);
  progress("upgrade …");
  const upgrade = await measureUpgrade(ctx);
  progress("restart …");
  const restart = await measureRestart(ctx);

  const targets = {
    config: hotApplyTarget(config.event_ms),
    service: hotApplyTarget(service.running_new_code_ms),
    upgrade: upgrade.available ? hotApplyTarget(upgrade.running_new_code_ms) : { ...TARGETS.hotApply, met: null },
    restart: { ...TARGETS.restart, met: restart.crash_to_running_ms.p50 <= TARGETS.restart.p50_ms_max },
  };
  const result = {
    bench: "hot-apply",
    database: db.server,
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length,
    params,
    config: { ...config, target: targets.config },
    service: { ...service, target: targets.service },
    upgrade: { ...upgrade, target: targets.upgrade },
    restart: { ...restart, target: targets.restart },
    // `null` (not measured) does not count as met.
    targets_met: Object.values(targets).every((t) => t.met === true),
    node_log: log.counts,
    duration_s: Math.round((now() - started) / 100) / 10,
  };
  progress(`done in ${result.duration_s} s`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await node?.stop();
  await db.done();
}
