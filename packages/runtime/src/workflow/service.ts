/**
 * WorkflowService — durable workflows on one runtime node: a worker per `workflow.host`
 * entry, the client every spawn/send/monitor goes through, and the gateway the node's Lua
 * `process` module routes workflow hosts and pids to (`processModuleWithWorkflows`).
 *
 *   const workflows = new WorkflowService({ store, nodeId, clock, runtime, functionsHost, resolveEntry, logger });
 *   new LuaRuntime({ …, modules: [..., processModuleWithWorkflows(workflows)] });   // before the runtime exists,
 *   workflows.sync(entries);        // on every registry version: workers follow workflow.host entries
 *   await workflows.upgrade(runId); // operator: replay-checked upgrade to the current code
 *   await workflows.stop();         // releases every lease
 *
 * Terms:
 * - Worker per host: owner `<node id>/<host id>`, lease and scheduler share from the entry;
 *   a changed `lease` replaces the worker (its runs are released and claimed again at once).
 * - Messages a workflow sends: to a workflow pid → a signal; to any other pid or name → the
 *   node kernel (they arrive from the system, `""`, since the sender is not a kernel process).
 * - Security: a run spawned through the gateway keeps the spawner's context (`run-security.ts`);
 *   the workers check what runs do against the runtime's policies.
 * - The runtime may be given lazily (`runtime: () => …`) because the node builds its modules,
 *   this gateway among them, before its `LuaRuntime` exists.
 *
 * In: the store, the node's clock, runtime and registry view. Out: runs executed; the gateway.
 */
import type { Entry, JsonValue, WorkflowStore } from "@wippy/shared";
import { fail, wippyError, type Clock, type ExitResult, type Result } from "../kernel";
import { SILENT_LOGGER, type LuaLogger, type LuaRuntime } from "../lua";
import type { WorkflowGateway } from "../lua/modules/workflow/outside";
import type { SecurityContext } from "../security";
import { LuaActivityRunner, type ActivityCall, type ActivityRunner } from "./activities";
import { CONFLICT_POLICIES, WorkflowClient, type WorkerHandle } from "./client";
import type { EntryResolver } from "./code";
import { WORKFLOW_HOST_KIND, workflowHostConfig, type WorkflowHostConfig } from "./hosts";
import { toJson } from "./json";
import { parseWorkflowPid, workflowPid } from "./pid";
import { nodeGuard, type RunGuard } from "./run-security";
import { upgradeRun, type UpgradeReport } from "./upgrade";
import { WorkflowWorker, type OutgoingMessage, type RunEnd } from "./worker";

export interface WorkflowServiceOptions {
  readonly store: WorkflowStore;
  readonly nodeId: string;
  readonly clock: Clock;
  /** The node's Lua runtime: activities run on it as function calls. */
  readonly runtime: LuaRuntime | (() => LuaRuntime);
  /** Where activities without `meta.default_host` run. */
  readonly functionsHost: string;
  /** The node's registry view (code of new runs and children, upgrades). */
  readonly resolveEntry: EntryResolver;
  readonly logger?: LuaLogger;
  readonly pollMs?: number;
}

interface HostWorker {
  readonly config: WorkflowHostConfig;
  readonly worker: WorkflowWorker;
  readonly unsubscribe: () => void;
}

export class WorkflowService implements WorkflowGateway, WorkerHandle {
  readonly client: WorkflowClient;
  private readonly hosts = new Map<string, HostWorker>();
  private readonly endListeners = new Set<(end: RunEnd) => void>();
  private readonly activities: ActivityRunner;
  private readonly guard: RunGuard;
  private readonly logger: LuaLogger;

  constructor(private readonly options: WorkflowServiceOptions) {
    this.logger = options.logger ?? SILENT_LOGGER;
    this.client = new WorkflowClient({ store: options.store, resolveEntry: options.resolveEntry, clock: options.clock, worker: this, pollMs: options.pollMs });
    let runner: LuaActivityRunner | null = null;
    this.activities = { start: (call: ActivityCall) => (runner ??= new LuaActivityRunner(this.runtime(), options.functionsHost, options.nodeId)).start(call) };
    this.guard = nodeGuard(() => this.runtime());
  }

  /** Makes the workers match the registry's `workflow.host` entries; returns the problems. */
  sync(entries: Iterable<Entry>): string[] {
    const problems: string[] = [];
    const wanted = new Map<string, WorkflowHostConfig>();
    for (const entry of entries) {
      if (entry.kind !== WORKFLOW_HOST_KIND) continue;
      const config = workflowHostConfig(entry);
      if (config.ok) wanted.set(entry.id, config.value);
      else problems.push(config.error.message);
    }
    for (const [id, current] of [...this.hosts]) {
      const next = wanted.get(id);
      if (next !== undefined && next.leaseMs === current.config.leaseMs && next.workers === current.config.workers) continue;
      this.hosts.delete(id);
      current.unsubscribe();
      void current.worker.stop();
    }
    for (const [id, config] of wanted) if (!this.hosts.has(id)) this.startHost(config);
    return problems;
  }

  private startHost(config: WorkflowHostConfig): void {
    const { store, nodeId, clock, resolveEntry, pollMs } = this.options;
    const worker = new WorkflowWorker({
      store,
      owner: `${nodeId}/${config.id}`,
      clock,
      activities: this.activities,
      resolveEntry,
      send: (message) => this.deliver(message),
      logger: this.logger,
      leaseMs: config.leaseMs,
      pollMs,
      hosts: [config.id],
      hostWorkers: config.workers,
      guard: this.guard,
    });
    const unsubscribe = worker.onRunEnded((end) => this.endListeners.forEach((listener) => listener(end)));
    this.hosts.set(config.id, { config, worker, unsubscribe });
    worker.start();
  }

  workers(): WorkflowWorker[] {
    return [...this.hosts.values()].map((h) => h.worker);
  }

  upgrade(runId: string): Promise<UpgradeReport> {
    return upgradeRun({ store: this.options.store, resolveEntry: this.options.resolveEntry, logger: this.logger, policies: this.guard.policies() }, runId);
  }

  async stop(): Promise<void> {
    const all = [...this.hosts.values()];
    this.hosts.clear();
    for (const h of all) h.unsubscribe();
    await Promise.all(all.map((h) => h.worker.stop()));
  }

  // ── WorkerHandle (for the client) ───────────────────────────────────────────────────────

  wake(): void {
    for (const h of this.hosts.values()) h.worker.wake();
  }

  forget(runId: string, why: string): void {
    for (const h of this.hosts.values()) h.worker.forget(runId, why);
  }

  onRunEnded(listener: (end: RunEnd) => void): () => void {
    this.endListeners.add(listener);
    return () => void this.endListeners.delete(listener);
  }

  // ── WorkflowGateway (for the node's Lua `process` module) ───────────────────────────────

  isWorkflowHost(host: string): boolean {
    return this.hosts.has(host);
  }

  isWorkflowPid(pid: string): boolean {
    const parsed = parseWorkflowPid(pid);
    return parsed !== undefined && this.hosts.has(parsed.host);
  }

  runPid(host: string, runId: string): string {
    return workflowPid(host, runId);
  }

  spawn(id: string, host: string, args: readonly unknown[], options: Readonly<Record<string, unknown>> | undefined, security?: SecurityContext): Promise<Result<string>> {
    const workflowId = options?.["workflow.id"];
    const policy = options?.["workflow.id_conflict_policy"];
    if (workflowId !== undefined && typeof workflowId !== "string") return Promise.resolve(fail(wippyError("Invalid", "workflow.id must be a string", { retryable: false })));
    if (policy !== undefined && !CONFLICT_POLICIES.includes(policy as never)) {
      return Promise.resolve(fail(wippyError("Invalid", `workflow.id_conflict_policy must be one of ${CONFLICT_POLICIES.join(", ")}, got ${JSON.stringify(policy)}`, { retryable: false })));
    }
    return this.client
      .spawn(id, host, args.map(toJson), { id: workflowId, conflictPolicy: policy as (typeof CONFLICT_POLICIES)[number] | undefined, security })
      .then((r) => (r.ok ? { ok: true, value: r.value.pid } : r));
  }

  send(pid: string, topic: string, payloads: readonly unknown[], from: string): Promise<Result<true>> {
    return this.client.send(pid, topic, payloads.map(toJson), from);
  }

  cancel(pid: string, reason: string, from: string): Promise<Result<true>> {
    return this.client.cancel(pid, reason, from);
  }

  terminate(pid: string): Promise<Result<true>> {
    return this.client.terminate(pid);
  }

  awaitExit(pid: string): Promise<Result<ExitResult>> {
    return this.client.awaitExit(pid);
  }

  private runtime(): LuaRuntime {
    const runtime = this.options.runtime;
    return typeof runtime === "function" ? runtime() : runtime;
  }

  private deliver(message: OutgoingMessage): void {
    const { to, topic, payloads } = message;
    if (this.isWorkflowPid(to)) {
      void this.client.send(to, topic, payloads as JsonValue[], message.from).then((r) => {
        if (!r.ok) this.logger.warn({ from: message.from, to, topic }, `message from workflow ${message.from} to ${to} not delivered: ${r.error.message}`);
      });
      return;
    }
    const sent = this.runtime().kernel.send(to, topic, payloads);
    if (!sent.ok) this.logger.warn({ from: message.from, to, topic }, `message from workflow ${message.from} to ${to} not delivered: ${sent.error.message}`);
  }
}
