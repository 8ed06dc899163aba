/**
 * The in-process node of the bench: what a runtime node wires for workflows, and nothing
 * more — a kernel driven by a `Pump` on the real clock, a `LuaRuntime` (activities run on it as
 * function calls), and a `WorkflowService` (one `WorkflowWorker` per `workflow.host`) on the
 * real `PgWorkflowStore` (timed: `timed-store.ts`). The registry is the bench's app folder,
 * read once into memory (`app/`).
 *
 * Terms:
 * - `spawn(workflow, args)`: a run on `bench:workflows` through the service's client (which
 *   wakes the local worker, as a spawn from Lua on this node does).
 * - `settle(runIds, expected)`: waits for runs to end (any worker of this world reports its
 *   ends here), checks their results, and gives up on runs that stalled.
 * - `worker(owner, extra)`: a fresh `WorkflowWorker` of its own (its own sandbox), on the same
 *   store, runtime and registry — another node's worker, as far as the store can tell.
 *
 * In: the scratch database's pool. Out: the world; `stop()` releases every lease it holds.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Entry, JsonValue } from "@wippy/shared";
import { Kernel, Pump, RealClock } from "@wippy/runtime/kernel";
import { checkLuaSyntax, LuaRuntime } from "@wippy/runtime/lua";
import { formatDiagnostic, loadAppDir } from "@wippy/runtime/registry";
import { DEFAULT_WORKFLOW_HOST, LuaActivityRunner, processModuleWithWorkflows, WorkflowService, WorkflowWorker, type RunEnd, type WorkflowWorkerOptions } from "@wippy/runtime/workflow";
import { createBenchLog, type BenchLog } from "../hot-apply/node-log";
import { now } from "../lib";
import type { TimedWorkflowStore } from "./timed-store";

export const APP_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "app");
export const WORKFLOW_HOST = "bench:workflows";
const FUNCTIONS_HOST = "bench:functions";
/** Two default leases: by then a healthy run has ended, or been taken over and stepped again. */
export const STALL_MS = 2 * DEFAULT_WORKFLOW_HOST.leaseMs;

export interface Settled {
  readonly lastEndAt: number;
  readonly stalled: readonly string[];
}

/** The app folder's entries, or a thrown error listing its problems. */
export async function loadBenchApp(): Promise<Map<string, Entry>> {
  const loaded = await loadAppDir(APP_DIR, { checkLua: checkLuaSyntax });
  if (loaded.errors.length > 0) throw new Error(`${APP_DIR}:\n  ${loaded.errors.map(formatDiagnostic).join("\n  ")}`);
  return new Map(loaded.entries.map((e) => [e.id, e]));
}

export class World {
  readonly clock = new RealClock();
  readonly kernel: Kernel;
  readonly runtime: LuaRuntime;
  readonly service: WorkflowService;
  readonly log: BenchLog;
  private readonly ends = new Map<string, RunEnd>();
  private readonly endedAt = new Map<string, number>();
  private readonly extra: WorkflowWorker[] = [];

  constructor(
    readonly store: TimedWorkflowStore,
    private readonly entries: ReadonlyMap<string, Entry>,
    verbose: boolean,
  ) {
    this.log = createBenchLog(verbose);
    const pump = new Pump(setImmediate);
    this.kernel = new Kernel({ clock: this.clock, onWork: pump.onWork });
    pump.attach(this.kernel);
    this.kernel.hosts.add(FUNCTIONS_HOST);
    const resolveEntry = (id: string): Entry | undefined => entries.get(id);
    // The service needs the runtime for activities, the runtime the service's `process` module.
    // eslint-disable-next-line prefer-const
    let runtime: LuaRuntime;
    this.service = new WorkflowService({ store, nodeId: "bench", clock: this.clock, runtime: () => runtime, functionsHost: FUNCTIONS_HOST, resolveEntry, logger: this.log });
    runtime = new LuaRuntime({ kernel: this.kernel, resolveEntry, logger: this.log, modules: [processModuleWithWorkflows(this.service)] });
    this.runtime = runtime;
    this.service.onRunEnded((end) => this.ended(end));
    const problems = this.service.sync(entries.values());
    if (problems.length > 0) throw new Error(problems.join("\n"));
  }

  async spawn(workflow: string, args: JsonValue[], id?: string): Promise<{ pid: string; runId: string }> {
    const r = await this.service.client.spawn(workflow, WORKFLOW_HOST, args, { id });
    if (!r.ok) throw new Error(`spawn ${workflow}: ${r.error.kind}: ${r.error.message}`);
    return r.value;
  }

  worker(owner: string, extra: Partial<WorkflowWorkerOptions> = {}): WorkflowWorker {
    const w = new WorkflowWorker({
      store: this.store,
      owner,
      clock: this.clock,
      activities: new LuaActivityRunner(this.runtime, FUNCTIONS_HOST),
      resolveEntry: (id) => this.entries.get(id),
      logger: this.log,
      hosts: [WORKFLOW_HOST],
      ...extra,
    });
    w.onRunEnded((end) => this.ended(end));
    this.extra.push(w);
    w.start();
    return w;
  }

  /**
   * Waits until every run of `runIds` ended, and fails the bench unless each completed with
   * `expected`. A run still going once none of them ended for `STALL_MS` is *stalled*: it is
   * terminated, so that no later phase meets it, and returned; `lastEndAt` is when the last
   * run that did end ended (NaN: none did). (Seen: a run claimed while its worker's lease renewal is in flight
   * is dropped as "lease lost" by that renewal, yet its lease row still names the worker,
   * which goes on renewing it — so nobody runs it. `stalled_runs` in the output counts them.)
   */
  async settle(runIds: readonly string[], expected: JsonValue): Promise<Settled> {
    const called = now();
    for (;;) {
      const open = runIds.filter((id) => !this.ends.has(id));
      const lastEndAt = runIds.reduce((last, id) => Math.max(last, this.endedAt.get(id) ?? -Infinity), -Infinity);
      if (open.length === 0 || now() - Math.max(called, lastEndAt) > STALL_MS) {
        for (const id of open) await this.store.terminateRun(id, "stalled: the bench gave up on it");
        for (const id of runIds.filter((r) => !open.includes(r))) this.check(id, expected);
        return { lastEndAt: open.length === runIds.length ? NaN : lastEndAt, stalled: open };
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  private check(runId: string, expected: JsonValue): void {
    const end = this.ends.get(runId);
    if (end?.status !== "completed" || JSON.stringify(end.result) !== JSON.stringify(expected)) {
      throw new Error(`run ${runId} ended ${end?.status} with ${JSON.stringify(end?.result ?? end?.error)}, expected ${JSON.stringify(expected)}`);
    }
  }

  async stop(): Promise<void> {
    await this.service.stop();
    await Promise.all(this.extra.map((w) => w.stop()));
  }

  private ended(end: RunEnd): void {
    this.ends.set(end.runId, end);
    this.endedAt.set(end.runId, now());
  }
}
