/**
 * WorkflowWorker — a node's executor of workflow runs: claims runs from the store, replays
 * them in its sandbox, executes what is new, and appends under its leases (each held run is a
 * `RunDriver`).
 *
 *   const worker = new WorkflowWorker({ store, owner: nodeId, clock, activities, resolveEntry });
 *   worker.start();            // polls, renews leases
 *   …; await worker.stop();    // releases every lease (another node takes the runs at once)
 *
 * Terms:
 * - Wake-ups: `claimRuns` every `pollMs` (new runs, expired leases, inbox items and due timers
 *   of runs held here), the drivers' local timers, and `wake()` for a run spawned or
 *   signalled on this node.
 * - Leases: renewed together every `leaseMs / 3`. A run missing from the renewal, or whose
 *   append is answered `Fenced`, belongs to another node now (or an operator ended it): its
 *   process is stopped at once and nothing more is written for it.
 * - `kill()`: as if the node died (tests of takeover): nothing is written or released.
 *
 * In: the store, a clock, an activity runner, the registry (code of child workflows).
 * Out: histories appended; `onRunEnded` listeners told when a run held here ends.
 */
import type { JsonValue, Lease, RunStatus, WorkflowError, WorkflowStore } from "@wippy/shared";
import type { Clock, TimerHandle } from "../kernel";
import { SILENT_LOGGER, type LuaLogger } from "../lua";
import type { ActivityRunner } from "./activities";
import type { EntryResolver } from "./code";
import { RunDriver, type DriverEnv } from "./run-driver";
import type { RunGuard } from "./run-security";
import { WorkflowSandbox } from "./sandbox";

export interface RunEnd {
  readonly runId: string;
  readonly status: RunStatus;
  readonly result?: JsonValue;
  readonly error?: WorkflowError;
}

export interface OutgoingMessage {
  readonly from: string;
  readonly to: string;
  readonly topic: string;
  readonly payloads: JsonValue[];
}

export interface WorkflowWorkerOptions {
  readonly store: WorkflowStore;
  /** This node's id: the owner of its leases. */
  readonly owner: string;
  readonly clock: Clock;
  readonly activities: ActivityRunner;
  /** The node's registry view: code of child workflows when they start. */
  readonly resolveEntry: EntryResolver;
  /** Messages workflows send (`process.send` inside), after they are committed. */
  readonly send?: (message: OutgoingMessage) => void;
  readonly logger?: LuaLogger;
  readonly leaseMs?: number;
  readonly pollMs?: number;
  /** Leases taken per claim at most (new runs and runs held here that need a step). */
  readonly capacity?: number;
  /** Only runs on these workflow hosts (default: all). */
  readonly hosts?: readonly string[];
  /** Each workflow host's share of the sandbox scheduler (`workflow.host` `workers`). */
  readonly hostWorkers?: number;
  /** The node's policies and kernel, to check what runs do (`run-security.ts`); none: nothing checked but activities. */
  readonly guard?: RunGuard;
}

export const DEFAULT_WORKER = Object.freeze({ leaseMs: 5000, pollMs: 500, capacity: 1000 });

export class WorkflowWorker {
  readonly sandbox: WorkflowSandbox;
  private readonly drivers = new Map<string, RunDriver>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly endListeners = new Set<(end: RunEnd) => void>();
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly capacity: number;
  private readonly logger: LuaLogger;
  private readonly env: DriverEnv;
  private pollTimer: TimerHandle | null = null;
  private renewTimer: TimerHandle | null = null;
  private polling: Promise<void> | null = null;
  private pollAgain = false;
  private running = false;

  constructor(private readonly options: WorkflowWorkerOptions) {
    this.leaseMs = options.leaseMs ?? DEFAULT_WORKER.leaseMs;
    this.pollMs = options.pollMs ?? DEFAULT_WORKER.pollMs;
    this.capacity = options.capacity ?? DEFAULT_WORKER.capacity;
    this.logger = options.logger ?? SILENT_LOGGER;
    const guard = options.guard;
    this.sandbox = new WorkflowSandbox(this.logger, options.hostWorkers, guard === undefined ? undefined : () => guard.policies());
    this.env = {
      owner: options.owner,
      store: options.store,
      clock: options.clock,
      sandbox: this.sandbox,
      activities: options.activities,
      resolveEntry: options.resolveEntry,
      send: options.send,
      guard,
      logger: this.logger,
      wake: () => this.wake(),
      track: (promise) => this.track(promise),
      ended: (end) => this.endListeners.forEach((listener) => listener(end)),
      dropped: (driver) => {
        if (this.drivers.get(driver.runId) === driver) this.drivers.delete(driver.runId);
      },
      failed: (what, thrown) => this.logFailure(what, thrown),
    };
  }

  get owner(): string {
    return this.options.owner;
  }

  /** Run ids this worker holds now. */
  held(): string[] {
    return [...this.drivers.keys()];
  }

  /** True while a poll, a renewal or a step of some run is in progress. */
  get busy(): boolean {
    return this.inFlight.size > 0;
  }

  /** Resolves once nothing is in progress (tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.wake();
    this.scheduleRenew();
  }

  /** Stops polling, drops every run (processes stopped) and releases their leases. */
  async stop(): Promise<void> {
    this.running = false;
    this.pollTimer?.cancel();
    this.renewTimer?.cancel();
    await this.polling;
    for (const driver of [...this.drivers.values()]) {
      driver.drop("worker stopped");
      await this.options.store.releaseLease(driver.lease);
    }
  }

  kill(): void {
    this.running = false;
    this.pollTimer?.cancel();
    this.renewTimer?.cancel();
    for (const driver of [...this.drivers.values()]) driver.drop("worker killed");
  }

  /** Stops a run here without writing (it was terminated, replaced or taken over elsewhere). */
  forget(runId: string, why: string): void {
    this.drivers.get(runId)?.drop(why);
  }

  onRunEnded(listener: (end: RunEnd) => void): () => void {
    this.endListeners.add(listener);
    return () => void this.endListeners.delete(listener);
  }

  /** Polls now (a run was spawned or signalled on this node). */
  wake(): void {
    if (!this.running) return;
    if (this.polling !== null) {
      this.pollAgain = true;
      return;
    }
    this.pollTimer?.cancel();
    this.polling = this.track(this.poll().catch((thrown: unknown) => this.logFailure("claiming runs", thrown))).finally(() => {
      this.polling = null;
      if (!this.running) return;
      if (this.pollAgain) {
        this.pollAgain = false;
        this.wake();
      } else {
        this.pollTimer = this.options.clock.setTimer(this.pollMs, { fire: () => this.wake() });
      }
    });
  }

  private async poll(): Promise<void> {
    const leases = await this.options.store.claimRuns(this.owner, this.leaseMs, this.capacity, this.options.hosts);
    for (const lease of leases) {
      const held = this.drivers.get(lease.runId);
      if (held !== undefined && held.lease.epoch === lease.epoch) {
        held.lease = lease;
        held.poke();
        continue;
      }
      held?.drop(`claimed again with epoch ${lease.epoch}`);
      this.hold(lease).open();
    }
  }

  private hold(lease: Lease): RunDriver {
    const driver = new RunDriver(lease, this.env);
    this.drivers.set(lease.runId, driver);
    return driver;
  }

  private scheduleRenew(): void {
    this.renewTimer = this.options.clock.setTimer(this.leaseMs / 3, {
      fire: () => {
        if (!this.running) return;
        void this.track(this.renew().catch((thrown: unknown) => this.logFailure("renewing leases", thrown))).finally(() => {
          if (this.running) this.scheduleRenew();
        });
      },
    });
  }

  private async renew(): Promise<void> {
    // The answer speaks for the drivers held when it was asked: a run claimed while it was on
    // its way is not in it, and must not be taken for lost (it would stall, still leased here).
    const asked = new Map(this.drivers);
    const renewed = new Map((await this.options.store.renewLeases(this.owner, this.leaseMs)).map((l) => [l.runId, l]));
    for (const [runId, driver] of asked) {
      if (this.drivers.get(runId) !== driver) continue; // replaced or gone meanwhile
      const lease = renewed.get(runId);
      if (lease !== undefined && lease.epoch === driver.lease.epoch) driver.lease = lease;
      else driver.drop("lease lost");
    }
    // A lease still ours that no driver holds would be renewed for nobody, forever: hold it.
    for (const [runId, lease] of renewed) {
      if (this.running && !this.drivers.has(runId) && !asked.has(runId)) this.hold(lease).open();
    }
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise)).catch(() => undefined);
    return promise;
  }

  private logFailure(what: string, thrown: unknown): void {
    const err = thrown instanceof Error ? { message: thrown.message, stack: thrown.stack } : { message: String(thrown) };
    this.logger.error({ owner: this.owner, err }, `workflow worker ${this.owner}: ${what} failed: ${err.message}`);
  }
}
