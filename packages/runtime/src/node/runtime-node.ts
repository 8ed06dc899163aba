/**
 * RuntimeNode — one Wippy runtime node: the kernel and its Lua processes, the registry view
 * that follows PostgreSQL, the event bus, and supervision, wired together.
 *
 * - Hosts come from `process.host` / `terminal.host` entries (live resize and removal), plus
 *   two of the node's own: `wippy:functions` (where functions called from outside run, e.g. by
 *   `wippy test`) and `wippy:terminal` when the app declares no terminal host.
 * - Every registry version the view applies is hot-applied: hosts synced, then
 *   `supervision.reconcile` over all entries. A version supervision refuses (a cycle, a
 *   service without its process) is logged and the running tree is kept as it was.
 * - Functions and processes always run the code of the view at the time they start; an
 *   upgradable process whose code changed gets OUTDATED and may `process.upgrade` in place.
 * - A version that would break the system reaching the node anyway (another writer skipped the
 *   checks) is not run as is: the entries it breaks keep their last good revision, the error
 *   is logged and published (`node` / `version.held`), the rest of the version applies.
 * - Lua gets `funcs`, `events` (this node's bus), `registry` (reads from the view, writes
 *   through the store after the same "would it run?" check the CLI makes) and `sql` (a pool
 *   per `db.sql.postgres` entry, closed when the entry changes and when the node stops).
 * - Security (issue 9): the policy index (policies, groups, strict mode) is rebuilt from the
 *   effective registry state at every version that changes it, and every check reads the
 *   current one; services run with the actor and scope of their `lifecycle.security`.
 * - Change requests (issue 9): with a change-request store, Lua's `changes:propose()` writes
 *   through it (after the same "would it run?" check), and every decision on any request is
 *   published on this node's bus (`registry.change_request`, `change-request-events.ts`).
 *
 * In: a registry store + database URL, a logger, optional terminal, environment and extra modules.
 * Out: spawn/run/call for the CLI, the supervision tree and process list for `wippy ps`.
 */
import { hostname } from "node:os";
import type { ChangeRequestStore, RegistryStore } from "@wippy/db";
import type { Entry } from "@wippy/shared";
import { EventBus, publishRegistryChanges } from "../events";
import { fail, Kernel, ok, Pump, RealClock, wippyError, type Clock, type ExitResult, type Pid, type ProcessInfo, type Result } from "../kernel";
import { eventsModule, funcsModule, LuaRuntime, notifyOutdated, registryModule, sqlModule, upgradeProcess, type LuaLogger, type ModuleDefinition, type TerminalIo } from "../lua";
import { followRegistry, RegistryView, type RegistryFollower, type RegistryUpdate } from "../registry";
import { Supervision, formatIssues, type SupervisorNode } from "../supervision";
import { PolicyIndex, POLICY_KIND, readSecurityBlock, SETTINGS_KIND } from "../security";
import { securityBlockOf } from "./check-security";
import { processModuleWithWorkflows, WorkflowService } from "../workflow";
import { PostgresConnector, type EnvLookup } from "../sql";
import type { WorkflowStore } from "@wippy/shared";
import { waitForExit } from "./await-exit";
import { publishChangeRequestEvents } from "./change-request-events";
import { guardedChangeRequests, guardedStore } from "./guarded-store";
import { effectiveState } from "./last-good";
import { syncHosts } from "./hosts";

export const FUNCTIONS_HOST = "wippy:functions";

/** Kinds whose changes can alter what runs (code, services, supervisors, hosts). */
const RUNNABLE_KINDS: ReadonlySet<string> = new Set([
  "process.service",
  "process.supervisor",
  "process.lua",
  "function.lua",
  "library.lua",
  "workflow.lua",
  "process.host",
  "terminal.host",
  "workflow.host",
  // Checked like code (an invalid policy is held at its last good revision), and they change
  // what services may do.
  POLICY_KIND,
  SETTINGS_KIND,
]);
export const TERMINAL_HOST = "wippy:terminal";

export interface NodeLogger extends LuaLogger {
  child?(bindings: object): NodeLogger;
}

/** What extra modules get to see of the node (funcs, registry and events are built on it). */
export interface NodeServices {
  readonly kernel: Kernel;
  readonly runtime: () => LuaRuntime;
  readonly view: RegistryView;
  readonly store: RegistryStore;
  readonly bus: EventBus;
}

export interface RuntimeNodeOptions {
  readonly store: RegistryStore;
  /** PostgreSQL URL the registry follower LISTENs on. */
  readonly url: string;
  readonly logger: NodeLogger;
  readonly clock?: Clock;
  /** stdin/stdout for `terminal.host` processes (`wippy run -x`). */
  readonly terminal?: TerminalIo;
  readonly modules?: (services: NodeServices) => readonly ModuleDefinition[];
  /** Registry safety-net poll interval (ms); NOTIFY does the real work. */
  readonly safetyIntervalMs?: number;
  /** Durable workflows: runs of `workflow.lua` on `workflow.host`s are stored here. */
  readonly workflowStore?: WorkflowStore;
  /** This node's identity in workflow leases (default `<hostname>:<os pid>`). */
  readonly nodeId?: string;
  /** Environment variables for `<field>_env` fields of database entries (default: none). */
  readonly environment?: EnvLookup;
  /** Change requests: where `changes:propose()` writes, and whose outcomes the bus announces. */
  readonly changeRequests?: ChangeRequestStore;
}

/** Restarts and failures of services and supervisors are worth a log line, not only an event. */
function logSupervisorEvent(logger: NodeLogger, event: { kind: string; path: string; data?: unknown }): void {
  const data = (event.data ?? {}) as { state?: string; error?: { message?: string }; delay_ms?: number; attempt?: number; cause?: string };
  switch (event.kind) {
    case "service.failed":
      logger.warn({ service: event.path, state: data.state, error: data.error?.message }, `${event.path} ${data.state === "terminal" ? "gave up" : "failed"}: ${data.error?.message ?? "no error"}`);
      break;
    case "service.restart":
      logger.info({ service: event.path, delayMs: data.delay_ms, attempt: data.attempt, cause: data.cause }, `restarting ${event.path}${data.delay_ms ? ` in ${data.delay_ms} ms` : ""}`);
      break;
    default:
      logger.debug({ service: event.path, kind: event.kind, state: data.state }, `${event.kind} ${event.path}`);
  }
}

export class RuntimeNode {
  private readonly managedHosts = new Set<string>();
  /** What this node runs: the registry, minus entries held at their last good revision. */
  private effective = new Map<string, Entry>();
  private heldBack = new Set<string>();
  /** The security policies in force: rebuilt from the effective state when they change. */
  private policyIndex = PolicyIndex.EMPTY;
  private unsubscribe: (() => void) | null = null;
  private stopRegistryEvents: (() => void) | null = null;
  private changeRequestEvents: { close(): Promise<void> } | null = null;
  private stopped = false;

  private constructor(
    readonly kernel: Kernel,
    readonly runtime: LuaRuntime,
    readonly view: RegistryView,
    readonly bus: EventBus,
    readonly supervision: Supervision,
    readonly workflows: WorkflowService | undefined,
    private readonly follower: RegistryFollower,
    private readonly databases: PostgresConnector,
    private readonly logger: NodeLogger,
    private readonly terminalHost: string | undefined,
  ) {}

  static async start(opts: RuntimeNodeOptions): Promise<RuntimeNode> {
    const clock = opts.clock ?? new RealClock();
    const pump = new Pump(setImmediate);
    const kernel = new Kernel({ clock, onWork: pump.onWork });
    pump.attach(kernel);
    kernel.hosts.add(FUNCTIONS_HOST);

    const view = new RegistryView({ log: opts.logger });
    // Assigned below; the resolver only runs once processes spawn, after that.
    // eslint-disable-next-line prefer-const
    let node: RuntimeNode;
    const bus = new EventBus();
    const services: NodeServices = {
      kernel,
      // Modules are built before the runtime exists; they may only call this later, at run time.
      runtime: () => runtime,
      view,
      store: opts.store,
      bus,
    };
    const follower = await followRegistry({ store: opts.store, url: opts.url, view, log: opts.logger, safetyIntervalMs: opts.safetyIntervalMs });

    const terminalEntries = view.entriesOfKind("terminal.host");
    let terminalHost: string | undefined;
    if (opts.terminal) {
      terminalHost = terminalEntries[0]?.id ?? TERMINAL_HOST;
      if (terminalEntries.length === 0) kernel.hosts.add(TERMINAL_HOST);
    }
    const terminal = opts.terminal;
    const databases = new PostgresConnector({ view, env: opts.environment, logger: opts.logger });
    const workflows = opts.workflowStore
      ? new WorkflowService({
          store: opts.workflowStore,
          nodeId: opts.nodeId ?? `${hostname()}:${process.pid}`,
          clock,
          runtime: () => runtime,
          functionsHost: FUNCTIONS_HOST,
          resolveEntry: (id) => view.get(id),
          logger: opts.logger,
        })
      : undefined;
    const runtime: LuaRuntime = new LuaRuntime({
      kernel,
      // Held-back entries resolve to their last good revision; new ones come from the view.
      resolveEntry: (id) => node.effectiveEntry(id) ?? view.get(id),
      logger: opts.logger,
      codeVersion: () => view.version,
      policies: () => node.policies,
      modules: [
        funcsModule(),
        eventsModule(bus),
        registryModule({
          view,
          store: guardedStore(opts.store, view),
          ...(opts.changeRequests && { changeRequests: guardedChangeRequests(opts.changeRequests, view) }),
        }),
        sqlModule(databases),
        // With workflows, `process` also routes workflow hosts and pids to the store.
        ...(workflows ? [processModuleWithWorkflows(workflows)] : []),
        ...(opts.modules?.(services) ?? []),
      ],
      terminal: (host) => (terminal && (host === TERMINAL_HOST || view.get(host)?.kind === "terminal.host") ? terminal : undefined),
    });
    const supervision = new Supervision({
      kernel,
      publish: (event) => {
        void bus.publish(event);
        logSupervisorEvent(opts.logger, event);
      },
      // on_change: upgrade — an upgradable process gets OUTDATED and upgrades itself; any
      // other process is refused here, and supervision restarts it instead.
      upgrade: (pid, entry) => {
        const security = readSecurityBlock(securityBlockOf(entry), entry.id, node.policies);
        return security.ok ? upgradeProcess(runtime, pid, entry, { security: security.context }) : fail(wippyError("Invalid", security.problems.map((p) => p.message).join("; ")));
      },
      resolveBody: (service, processEntry) => {
        const host = typeof service.data.host === "string" ? service.data.host : "";
        const args = Array.isArray(service.data.input) ? service.data.input : [];
        // Fail closed: a service never starts with less security than its entry declares.
        const security = readSecurityBlock(securityBlockOf(service), service.id, node.policies);
        if (!security.ok) return fail(wippyError("Invalid", security.problems.map((p) => p.message).join("; "), { retryable: false, details: { service: service.id } }));
        const spec = runtime.spawnSpec(processEntry.id, host, args, { security: security.context });
        return spec.ok ? ok({ host, behaviour: spec.value.behaviour, args }) : spec;
      },
    });

    node = new RuntimeNode(kernel, runtime, view, bus, supervision, workflows, follower, databases, opts.logger, terminalHost);
    node.stopRegistryEvents = publishRegistryChanges(view, bus);
    if (opts.changeRequests) {
      node.changeRequestEvents = await publishChangeRequestEvents({ store: opts.changeRequests, url: opts.url, view, bus, logger: opts.logger });
    }
    node.applyVersion(view.version);
    node.unsubscribe = view.subscribe((update) => node.onUpdate(update));
    return node;
  }

  /** The host `wippy run -x` runs its entry on. */
  get terminal(): string | undefined {
    return this.terminalHost;
  }

  /** Spawns `id` on `host` as the system and resolves with its exit. */
  run(id: string, host: string, args: readonly unknown[] = []): Result<{ pid: Pid; exit: Promise<ExitResult> }> {
    const pid = this.runtime.spawn(id, host, args);
    if (!pid.ok) return pid;
    const exit = waitForExit(this.kernel, pid.value);
    return exit.ok ? ok({ pid: pid.value, exit: exit.value }) : exit;
  }

  /** Calls a function entry from outside (its own process on `wippy:functions`). */
  call(id: string, args: readonly unknown[] = []): Result<{ pid: Pid; exit: Promise<ExitResult> }> {
    return this.run(id, FUNCTIONS_HOST, args);
  }

  tree(): SupervisorNode {
    return this.supervision.tree();
  }

  processes(): ProcessInfo[] {
    return this.kernel.processes();
  }

  /** Stops every service (reverse order, stop timeouts), then stops following the registry. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.unsubscribe?.();
    this.stopRegistryEvents?.();
    await this.changeRequestEvents?.close();
    await this.supervision.stopAll();
    await this.workflows?.stop(); // releases every lease, so another node takes over at once
    await this.databases.close(); // after the services: their last statements may still run
    await this.follower.close();
  }

  private onUpdate(update: RegistryUpdate): void {
    if (this.stopped) return;
    const touchesRunningSystem = update.changes.some((c) => RUNNABLE_KINDS.has(c.before?.kind ?? "") || RUNNABLE_KINDS.has(c.after?.kind ?? ""));
    if (touchesRunningSystem) {
      this.applyVersion(update.version);
    } else {
      // Only configuration changed (registry.entry and kinds nothing here runs): nothing to
      // plan, and re-planning costs O(registry size) per version.
      for (const c of update.changes) {
        if (c.after) this.effective.set(c.id, c.after);
        else this.effective.delete(c.id);
      }
    }
    // Upgradable processes whose code (or an imported library) changed hear about it.
    const changed = update.changes.map((c) => c.id).filter((id) => !this.heldBack.has(id));
    if (changed.length > 0) notifyOutdated(this.runtime, changed);
  }

  /** The security policies, groups and strict mode in force on this node now. */
  get policies(): PolicyIndex {
    return this.policyIndex;
  }

  /** The revision of `id` this node runs, when it differs from the registry's or is held. */
  effectiveEntry(id: string): Entry | undefined {
    return this.effective.get(id);
  }

  private updatePolicies(version: number, entries: readonly Entry[]): void {
    const previous = this.policyIndex;
    this.policyIndex = PolicyIndex.fromEntries(entries);
    const fresh = this.policyIndex.problems.filter((p) => !previous.problems.includes(p));
    if (fresh.length > 0) this.logger.error({ version, problems: fresh }, `security: ${fresh.join("; ")}`);
    if (previous.strictMode !== this.policyIndex.strictMode) this.logger.info({ version, strictMode: this.policyIndex.strictMode }, `security strict mode is ${this.policyIndex.strictMode ? "on" : "off"}`);
  }

  private applyVersion(version: number): void {
    const state = effectiveState(this.view.entries(), this.effective);
    if (state.problems.length > 0) {
      const lines = [...new Set(state.problems.map((p) => p.message))];
      this.logger.error(
        { version, held: state.held },
        `registry version ${version} would break the running system; keeping the last good configuration of ${state.held.join(", ")}:\n  ${lines.join("\n  ")}`,
      );
      void this.bus.publish({ system: "node", kind: "version.held", path: String(version), data: { version, held: state.held, problems: lines } });
    }
    this.effective = state.entries;
    this.heldBack = new Set(state.held);
    const entries: Entry[] = [...state.entries.values()];
    this.updatePolicies(version, entries);
    const hosts = syncHosts(this.kernel, entries, this.managedHosts);
    for (const problem of hosts.problems) this.logger.error({ version }, problem);
    for (const problem of this.workflows?.sync(entries) ?? []) this.logger.error({ version }, problem);
    const reconciled = this.supervision.reconcile(entries);
    if (!reconciled.ok) {
      // effectiveState only returns states that plan; this is a bug if it happens.
      this.logger.error({ version, issues: reconciled.error }, `registry version ${version} cannot run; keeping the running services as they are:\n${formatIssues(reconciled.error)}`);
      return;
    }
    const { added, removed, changed } = reconciled.value;
    if (added.length + removed.length + changed.length > 0) {
      this.logger.info({ version, added, removed, changed }, `registry version ${version} applied`);
    }
  }
}
