/**
 * Supervision — a node's services and supervisors on one kernel: the public entry point.
 *
 * Terms:
 * - `reconcile(entries)`: the one way in. Plans the tree from all registry entries; a set that
 *   cannot run is refused whole (`SupervisionIssue`s, nothing touched). Otherwise the plan
 *   becomes current and every live supervisor reconciles its children (`reconcile-core.ts`).
 *   The first successful reconcile spawns the root supervisor, which starts the `auto_start`
 *   children; `validate(entries)` runs the same checks without applying (before a commit).
 * - `start(id)` / `stop(id)` / `restart(id)`: operator commands for one child (its supervisor
 *   must be running). A restart or a start resets the child's failure streak.
 * - `stopAll()`: CANCEL to the root, which stops its children in reverse start order (each
 *   subtree the same way, each service given `stop_timeout`), then ends. Resolves when the root
 *   process is gone. Later reconciles keep the plan current but start nothing.
 * - `tree()`: the live tree (`tree.ts`); `subscribe(fn)`: a call per state change.
 * - Dependencies: a child starts only when every service/supervisor it depends on is
 *   `running`; until then it is `starting` and waits (it does not start its dependencies).
 *   Dependencies on entries of other kinds are satisfied.
 *
 * - The root has no parent: if it is killed from outside, everything under it dies through
 *   links, `service.failed` is published for it, and nothing restarts it.
 * - `resolveBody`, `publish`, `upgrade` and subscribers run inside supervisor steps and must
 *   not throw (a throw crashes that supervisor); failures are returned, events are best effort.
 *
 * In: a kernel, `resolveBody`, optional `publish` / `upgrade` / `random`. Out: results, the tree.
 */

import type { Entry } from "@wippy/shared";
import { exitResult, fail, ok, wippyError, type Kernel, type Pid, type Result } from "../kernel";
import type { ChildRecord } from "./child-record";
import { ROOT_SPEC, type ChildSpec, type ServiceSpec } from "./child-spec";
import type { CoreEnv, ResolveBody, ServiceBody, SupervisionChange, Upgrade } from "./core-env";
import { errorData, SUPERVISOR_EVENT, supervisorEvent, type Publish } from "./events";
import type { SupervisionIssue } from "./issues";
import { EMPTY_PLAN, planSupervision, supervisorIn, type Plan } from "./plan";
import { reconcileCore } from "./reconcile-core";
import { SupervisorCore } from "./supervisor-core";
import { supervisorBehaviour } from "./supervisor-behaviour";
import { DEFAULT_SUPERVISION, ROOT_SUPERVISOR, STOP_REASON } from "./terms";
import { describeRoot, type SupervisorNode } from "./tree";

export interface SupervisionOptions {
  readonly kernel: Kernel;
  readonly resolveBody: ResolveBody;
  readonly publish?: Publish;
  readonly upgrade?: Upgrade;
  /** For restart jitter; [0, 1). */
  readonly random?: () => number;
  readonly systemHost?: string;
}

export interface ReconcileReport {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

export class Supervision {
  private plan: Plan = EMPTY_PLAN;
  private root: SupervisorCore | null = null;
  private readonly cores = new Map<string, SupervisorCore>();
  private readonly listeners = new Set<(change: SupervisionChange) => void>();
  private stopping: Promise<void> | null = null;
  private rootGone: (() => void) | null = null;
  private readonly env: CoreEnv;
  private readonly kernel: Kernel;

  constructor(private readonly options: SupervisionOptions) {
    this.kernel = options.kernel;
    const systemHost = options.systemHost ?? DEFAULT_SUPERVISION.systemHost;
    if (this.kernel.hosts.get(systemHost) === undefined) this.kernel.hosts.add(systemHost);
    this.env = {
      clock: this.kernel.clock,
      random: options.random ?? Math.random,
      systemHost,
      publish: options.publish ?? (() => undefined),
      upgrade: options.upgrade,
      plan: () => this.plan,
      resolveBody: (spec) => this.resolveBody(spec),
      dependenciesReady: (spec) => this.dependenciesReady(spec),
      childRunning: () => this.cores.forEach((core) => core.startWaiting()),
      changed: (change) => this.listeners.forEach((listener) => listener(change)),
      createCore: (spec, parent) => new SupervisorCore(spec, this.env, parent),
      coreStarted: (core) => void this.cores.set(core.id, core),
      coreEnded: (core) => this.coreEnded(core),
    };
  }

  validate(entries: Iterable<Entry>): readonly SupervisionIssue[] {
    const planned = planSupervision(entries);
    return planned.ok ? [] : planned.error;
  }

  reconcile(entries: Iterable<Entry>): Result<ReconcileReport, readonly SupervisionIssue[]> {
    const planned = planSupervision(entries);
    if (!planned.ok) return planned;
    const report = compare(this.plan, planned.value);
    this.plan = planned.value;
    for (const core of [...this.cores.values()]) {
      const spec = supervisorIn(this.plan, core.id);
      if (spec === undefined || spec.parent !== core.spec.parent || !core.accepting) continue; // its parent stops it
      reconcileCore(core, spec, this.plan.children.get(core.id) ?? []);
    }
    if (this.root === null && this.stopping === null) this.spawnRoot();
    return ok(report);
  }

  start(id: string): Result<true> {
    return this.command(id, (core, record) => core.startById(record));
  }

  stop(id: string): Result<true> {
    return this.command(id, (core, record) => core.stopById(record));
  }

  restart(id: string): Result<true> {
    return this.command(id, (core, record) => core.restartById(record));
  }

  stopAll(): Promise<void> {
    if (this.stopping !== null) return this.stopping;
    const root = this.root;
    if (root === null || root.phase === "stopped" || root.pid === null) {
      this.stopping = Promise.resolve();
      return this.stopping;
    }
    this.stopping = new Promise((resolve) => (this.rootGone = resolve));
    this.kernel.cancel(root.pid, STOP_REASON);
    return this.stopping;
  }

  tree(): SupervisorNode {
    return describeRoot(this.root, ROOT_SPEC, this.plan, this.kernel.clock.now());
  }

  subscribe(listener: (change: SupervisionChange) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** The pid of a child's current run, if it has one. */
  pidOf(id: string): Pid | null {
    return this.recordOf(id)?.record.pid ?? null;
  }

  private spawnRoot(): void {
    const core = new SupervisorCore(ROOT_SPEC, this.env);
    this.root = core;
    const spawned = this.kernel.spawn({ host: this.env.systemHost, behaviour: supervisorBehaviour(core), id: ROOT_SUPERVISOR.id, trapLinks: true });
    // The supervision host was made in the constructor and the root has no name: spawn cannot fail.
    if (spawned.ok) core.pid = spawned.value;
  }

  private coreEnded(core: SupervisorCore): void {
    if (this.cores.get(core.id) === core) this.cores.delete(core.id);
    if (core !== this.root) return;
    // The root has no parent to report to: its death (only ever from outside) is published here.
    const error = core.ended !== null ? exitResult(core.ended).error : undefined;
    if (error !== undefined) this.env.publish(supervisorEvent(SUPERVISOR_EVENT.FAILED, core.id, { pid: core.pid, state: "terminal", error: errorData(error) }));
    this.rootGone?.();
    this.rootGone = null;
    this.stopping ??= Promise.resolve();
  }

  private command(id: string, run: (core: SupervisorCore, record: ChildRecord) => void): Result<true> {
    const found = this.recordOf(id);
    if (found === undefined) {
      const planned = this.plan.specs.has(id);
      return fail(wippyError("NotFound", planned ? `${id}: its supervisor is not running` : `${id} is not a service or supervisor`));
    }
    run(found.core, found.record);
    return ok(true);
  }

  private recordOf(id: string): { core: SupervisorCore; record: ChildRecord } | undefined {
    const parent = this.plan.specs.get(id)?.parent;
    const core = parent === undefined ? undefined : this.cores.get(parent);
    const record = core?.accepting === true ? core.find(id) : undefined;
    return core !== undefined && record !== undefined ? { core, record } : undefined;
  }

  private resolveBody(spec: ServiceSpec): Result<ServiceBody> {
    return this.options.resolveBody(spec.entry, spec.process);
  }

  private dependenciesReady(spec: ChildSpec): boolean {
    return spec.lifecycle.dependsOn.every((dep) => !this.plan.specs.has(dep) || this.recordOf(dep)?.record.state === "running");
  }
}

function compare(before: Plan, after: Plan): ReconcileReport {
  const added = [...after.specs.keys()].filter((id) => !before.specs.has(id));
  const removed = [...before.specs.keys()].filter((id) => !after.specs.has(id));
  const changed = [...after.specs.values()]
    .filter((spec) => {
      const old = before.specs.get(spec.id);
      return old !== undefined && (old.fingerprint !== spec.fingerprint || old.parent !== spec.parent || old.order !== spec.order);
    })
    .map((spec) => spec.id);
  return { added, removed, changed };
}

