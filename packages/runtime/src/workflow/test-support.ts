/**
 * Test support for the workflow engine (used by `*.test.ts` here only): a simulated clock,
 * an in-memory store, a node kernel + Lua runtime where activities run, workers, a client,
 * and a ledger activities write to (so a test can count what really ran).
 *
 *   const t = workflowTest({ "app:flow": wf(`…`), "app:charge": fn(`…`) });
 *   const w = t.worker("node-a");
 *   const pid = await t.spawn("app:flow", [42]);
 *   await t.advance(10_000);
 *   expect(await t.exit(pid)).toEqual({ value: … });
 *
 * Activities reach the ledger as `require("ledger")`: `ledger.add(name, value?)` → the number
 * of entries named `name` so far (including this one); `ledger.count(name)`.
 * `advance(ms)` moves the clock timer by timer, letting workers, activities and the store
 * finish everything due before each next step (as `kernel.settle` does for processes).
 */
import type { Entry, JsonValue } from "@wippy/shared";
import { Kernel, SimulatedClock, type Clock, type ExitReason, type ExitResult } from "../kernel";
import { defineModule, LuaRuntime, returnValue, checkString, copyOut, type LuaLogger } from "../lua";
import { processModuleWithWorkflows } from "../lua/modules/workflow/outside";
import { PolicyIndex, type SecurityContext } from "../security";
import { LuaActivityRunner } from "./activities";
import { WorkflowClient, type SpawnOptions } from "./client";
import { InMemoryWorkflowStore } from "./memory-store";
import { nodeGuard } from "./run-security";
import { WorkflowService } from "./service";
import { WorkflowWorker, type WorkflowWorkerOptions } from "./worker";

export const EPOCH = 1_700_000_000_000;
export const WF_HOST = "app:workflows";
export const FN_HOST = "app:functions";
export const LEASE_MS = 5000;
export const POLL_MS = 500;

type Source = { kind: string; source: string; data?: Record<string, unknown>; meta?: Record<string, unknown> };

export const wf = (source: string, modules: string[] = ["funcs", "time", "uuid", "workflow"], data: Record<string, unknown> = {}): Source => ({ kind: "workflow.lua", source, data: { modules, ...data } });
export const host = (data: Record<string, unknown> = {}): Source => ({ kind: "workflow.host", source: "", data });
export const proc = (source: string, modules: string[] = ["time"]): Source => ({ kind: "process.lua", source, data: { modules } });
export const fn = (source: string, modules: string[] = ["ledger", "ctx", "time"]): Source => ({ kind: "function.lua", source, data: { modules } });
export const lib = (source: string): Source => ({ kind: "library.lua", source });

export interface LedgerEntry {
  readonly name: string;
  readonly value: unknown;
  readonly at: number;
}

export interface LogLine {
  readonly level: string;
  readonly fields: Record<string, unknown>;
  readonly message: string | undefined;
}

export function toEntry(id: string, s: Source): Entry {
  return { id, kind: s.kind, meta: (s.meta ?? {}) as Entry["meta"], data: { source: s.source, method: "main", ...s.data } as Entry["data"] };
}

export interface WorkflowTestOptions {
  /** A `WorkflowService` for the node (workers per `workflow.host` entry), with the node's
   * Lua `process` module routing workflow hosts and pids to it. */
  readonly service?: boolean;
}

export function workflowTest(entries: Record<string, Source>, options: WorkflowTestOptions = {}) {
  const clock = new SimulatedClock(EPOCH);
  const store = new InMemoryWorkflowStore(clock);
  const registry = new Map<string, Entry>(Object.entries(entries).map(([id, s]) => [id, toEntry(id, s)]));
  const ledger: LedgerEntry[] = [];
  const logs: LogLine[] = [];
  const record =
    (level: string) =>
    (fields: object, message?: string): void =>
      void logs.push({ level, fields: fields as Record<string, unknown>, message });
  const logger: LuaLogger = { debug: () => undefined, info: record("info"), warn: record("warn"), error: record("error") };
  const ledgerModule = defineModule({
    name: "ledger",
    functions: {
      add: (L) => {
        const name = checkString(L, 1);
        const value = copyOut(L, 2);
        ledger.push({ name, value: value.ok ? value.value : undefined, at: clock.now() });
        return returnValue(L, ledger.filter((e) => e.name === name).length);
      },
      count: (L) => returnValue(L, ledger.filter((e) => e.name === checkString(L, 1)).length),
    },
  });
  const exits = new Map<string, ExitReason>();
  const kernel = new Kernel({ clock, observer: { exited: (pid, _id, reason) => void exits.set(pid, reason) } });
  kernel.hosts.add(FN_HOST);
  const resolveEntry = (id: string): Entry | undefined => registry.get(id);
  // eslint-disable-next-line prefer-const -- the service needs the runtime, the runtime the service's module
  let runtime: LuaRuntime;
  const service = options.service === true ? new WorkflowService({ store, nodeId: "node-s", clock, runtime: () => runtime, functionsHost: FN_HOST, resolveEntry, logger, pollMs: POLL_MS }) : undefined;
  // Policies are `security.policy` entries of the registry, read again at every check.
  const policies = (): PolicyIndex => PolicyIndex.fromEntries(registry.values());
  runtime = new LuaRuntime({ kernel, resolveEntry, logger, policies, modules: service === undefined ? [ledgerModule] : [ledgerModule, processModuleWithWorkflows(service)] });
  service?.sync(registry.values());
  const workers: WorkflowWorker[] = [];

  const worker = (owner: string, extra: Partial<WorkflowWorkerOptions> & { clock?: Clock } = {}): WorkflowWorker => {
    const w = new WorkflowWorker({ store, owner, clock, activities: new LuaActivityRunner(runtime, FN_HOST), resolveEntry, logger, leaseMs: LEASE_MS, pollMs: POLL_MS, guard: nodeGuard(() => runtime), ...extra });
    workers.push(w);
    w.start();
    return w;
  };
  const client = (w?: WorkflowWorker): WorkflowClient => new WorkflowClient({ store, resolveEntry, clock, worker: w, pollMs: POLL_MS });

  const allWorkers = (): WorkflowWorker[] => [...workers, ...(service?.workers() ?? [])];
  const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  const settle = async (): Promise<void> => {
    let quiet = 0;
    for (let i = 0; i < 100_000 && quiet < 3; i++) {
      kernel.runUntilIdle();
      await Promise.all(allWorkers().map((w) => w.idle()));
      await nextTurn();
      quiet = kernel.hasWork() || allWorkers().some((w) => w.busy) ? 0 : quiet + 1;
    }
  };
  const advance = async (ms: number): Promise<void> => {
    const end = clock.now() + ms;
    await settle();
    for (;;) {
      const due = clock.nextDueAt();
      if (due === undefined || due > end) break;
      clock.advanceTo(due);
      await settle();
    }
    clock.advanceTo(end);
    await settle();
  };

  return {
    service,
    exits,
    /** Spawns a process (not a workflow) on the functions host, as the system (with `security`: that actor and scope). */
    process: (id: string, args: unknown[] = [], security?: SecurityContext): string => {
      const pid = runtime.spawn(id, FN_HOST, args, { security });
      if (!pid.ok) throw new Error(pid.error.message);
      return pid.value;
    },
    clock,
    store,
    registry,
    ledger,
    logs,
    kernel,
    runtime,
    resolveEntry,
    worker,
    client,
    settle,
    advance,
    /** Spawns through a client without a worker of its own (the workers poll the store). */
    spawn: async (id: string, args: JsonValue[] = [], options: SpawnOptions = {}): Promise<string> => {
      const r = await client().spawn(id, WF_HOST, args, options);
      if (!r.ok) throw new Error(`spawn ${id}: ${r.error.kind}: ${r.error.message}`);
      return r.value.pid;
    },
    /** The exit of a run that has ended (throws when it is still running). */
    exit: async (pid: string): Promise<ExitResult> => {
      const run = await client().info(pid);
      if (run === undefined || run.status === "running") throw new Error(`run ${pid} is ${run?.status ?? "unknown"}${run?.halted ? ` (halted: ${run.halted.message})` : ""}`);
      const r = await client().awaitExit(pid);
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    },
    history: async (runId: string) => store.history(runId),
    types: async (runId: string) => (await store.history(runId)).map((e) => e.type),
    count: (name: string) => ledger.filter((e) => e.name === name).length,
    setEntry: (id: string, s: Source) => void registry.set(id, toEntry(id, s)),
  };
}

export type WorkflowTest = ReturnType<typeof workflowTest>;
