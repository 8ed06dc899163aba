/**
 * RunDriver — one run held by a worker: its lease, its `Execution`, and the serial queue of
 * its steps (replay, deliveries, commits happen in order, one at a time).
 *
 * Terms:
 * - Open: load the run, its pinned code and history; replay; commit what the code did past
 *   the end of the history; restart what was pending (attempts, timers, children); catch up.
 * - Catch-up: record inbox items (signals, cancel requests, child results) and due timers.
 * - Step: deliver live resolutions one by one (each recorded, then the code runs until quiet),
 *   append everything the step recorded in one transaction, then start what it asked for
 *   (activities, local timers, children, messages) — never before the commit.
 * - Attempts: one activity attempt at a time per command; a failure is final or becomes a
 *   recorded `activity.failed` with `retryAt`, a durable timer, and a local timer for the retry.
 * - Security: attempts and children get the run's context (`run-security.ts`); a child is
 *   checked before it is first started, a refusal recorded as its failure.
 * - Drop: the run leaves this node — attempts cancelled, timers disarmed, process stopped, no
 *   more writes. After `Fenced`, a lost lease, a halt, the run's end, or a stop.
 *
 * In: a lease and the worker's services (`DriverEnv`). Out: appends under that lease.
 */
import type { AppendEffects, HistoryEvent, Lease, WorkflowError, WorkflowStore } from "@wippy/shared";
import { finalOutcome, isFinalEvent } from "@wippy/shared";
import { fail, type Clock, type TimerHandle, type WippyError } from "../kernel";
import type { LuaLogger } from "../lua";
import type { Resolution } from "../lua/modules/workflow";
import type { ActivityRunner, RunningActivity } from "./activities";
import { bundleCode, bundleJson, codeHash, parseBundle, type EntryResolver } from "./code";
import { Execution, type LiveEffect, type OutstandingChild } from "./execution";
import { toJson, toWorkflowError } from "./json";
import { replay } from "./replay";
import { afterFailure } from "./retry";
import { checkRun, runSecurityOf, type RunGuard } from "./run-security";
import type { WorkflowSandbox } from "./sandbox";
import type { OutgoingMessage, RunEnd } from "./worker";

export interface DriverEnv {
  readonly owner: string;
  readonly store: WorkflowStore;
  readonly clock: Clock;
  readonly sandbox: WorkflowSandbox;
  readonly activities: ActivityRunner;
  readonly resolveEntry: EntryResolver;
  readonly send: ((message: OutgoingMessage) => void) | undefined;
  readonly guard: RunGuard | undefined;
  readonly logger: LuaLogger;
  /** Claim soon (a child run was started). */
  wake(): void;
  track<T>(promise: Promise<T>): Promise<T>;
  ended(end: RunEnd): void;
  dropped(driver: RunDriver): void;
  failed(what: string, thrown: unknown): void;
}

type LiveInput = { readonly event: HistoryEvent; readonly effects?: AppendEffects };

export class RunDriver {
  private exec: Execution | null = null;
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly attempts = new Map<number, RunningActivity>();
  private readonly timers = new Map<string, TimerHandle>();

  constructor(
    public lease: Lease,
    private readonly env: DriverEnv,
  ) {}

  get runId(): string {
    return this.lease.runId;
  }

  open(): void {
    this.enqueue(() => this.load());
  }

  /** Something may have arrived (inbox item, due timer): catch up after the steps queued. */
  poke(): void {
    this.enqueue(() => this.catchUp());
  }

  private enqueue(step: () => Promise<void>): void {
    this.queue = this.env.track(
      this.queue.then(async () => {
        if (this.stopped) return;
        try {
          await step();
        } catch (thrown) {
          // A bug in the engine or a failing store: the run leaves this node and the next
          // claim replays it from its history; nothing half-done was committed.
          this.env.failed(`workflow run ${this.runId}`, thrown);
          this.drop("engine error");
          await this.env.store.releaseLease(this.lease);
        }
      }),
    );
  }

  private async load(): Promise<void> {
    const { store, sandbox, clock } = this.env;
    const run = await store.getRun(this.runId);
    if (run === undefined || run.status !== "running") return this.drop("run not running");
    const bundle = parseBundle(await store.getCode(run.codeHash), run.codeHash);
    if (!bundle.ok) return this.halt(toWorkflowError(bundle.error));
    const exec = new Execution(run, bundle.value, await store.history(this.runId), this.env.guard);
    this.exec = exec;
    const spawned = sandbox.spawn(exec);
    if (!spawned.ok) {
      exec.failToStart(toWorkflowError(spawned.error), clock.now());
      await this.commit();
      return;
    }
    if ((await replay(sandbox, exec)) === "diverged") return this.halt(exec.divergence);
    if (!(await this.commit())) return;
    this.resumeOutstanding(exec);
    await this.catchUp();
  }

  private async catchUp(): Promise<void> {
    const exec = this.exec;
    if (exec === null) return;
    const inputs: LiveInput[] = [];
    for (const item of await this.env.store.pendingInbox(exec.runId)) {
      const consumed = { consumed: [item.id] };
      if (item.kind === "signal") inputs.push({ event: { type: "signal.received", topic: item.topic, payloads: item.payloads, from: item.from }, effects: consumed });
      else if (item.kind === "cancel") inputs.push({ event: { type: "cancel.requested", reason: item.reason, from: item.from }, effects: consumed });
      else if (!exec.children.has(item.command)) exec.addEffects(consumed);
      else if (item.error !== undefined) inputs.push({ event: { type: "child.failed", command: item.command, error: item.error }, effects: consumed });
      else inputs.push({ event: { type: "child.completed", command: item.command, result: item.result ?? null }, effects: consumed });
    }
    const now = this.env.clock.now();
    const due = [...exec.timers].filter(([, fireAt]) => fireAt <= now).sort(([c1, a], [c2, b]) => a - b || c1 - c2);
    for (const [command] of due) inputs.push({ event: { type: "timer.fired", command }, effects: { clearTimers: [command] } });
    await this.step(inputs);
  }

  private async step(inputs: readonly LiveInput[]): Promise<void> {
    const exec = this.exec;
    if (exec === null || exec.ended) return;
    for (const input of inputs) {
      exec.recordLive(input.event, this.env.clock.now(), input.effects);
      await this.env.sandbox.runUntilQuiet(exec);
      if (exec.divergence !== null) return this.halt(exec.divergence);
      if (exec.ended) break;
    }
    await this.commit();
  }

  /** Appends the execution's batch; false when the run is no longer this node's (or ended). */
  private async commit(): Promise<boolean> {
    const exec = this.exec;
    if (exec === null || this.stopped) return false;
    const batch = exec.takeBatch();
    const { consumed = [], timers = [], clearTimers = [] } = batch.effects;
    if (batch.events.length === 0 && consumed.length + timers.length + clearTimers.length === 0) return true;
    const appended = await this.env.store.append(this.lease, batch.events, batch.effects);
    if (!appended.ok) {
      this.env.logger.warn({ run: exec.runId, owner: this.env.owner, epoch: this.lease.epoch, kind: appended.error.kind }, `workflow run ${exec.runId}: append refused (${appended.error.message}); stopping it here`);
      this.drop(appended.error.kind);
      return false;
    }
    exec.committed(appended.value);
    const last = batch.events.at(-1);
    if (last !== undefined && isFinalEvent(last)) {
      this.drop("ended");
      this.env.ended({ runId: exec.runId, ...finalOutcome(last) });
      return false;
    }
    for (const effect of batch.afterCommit) this.afterCommit(exec, effect);
    return true;
  }

  private afterCommit(exec: Execution, effect: LiveEffect): void {
    switch (effect.kind) {
      case "activity":
        return this.startAttempt(exec, effect.command, 1);
      case "timer":
        return this.armTimer(`timer:${effect.command}`, effect.fireAt, () => this.catchUp());
      case "child":
        return void this.startChild(exec, effect.command);
      case "send":
        if (this.env.send === undefined) this.env.logger.warn({ run: exec.runId, to: effect.to }, `workflow ${exec.pid} sent ${effect.topic} to ${effect.to}, but this worker cannot deliver messages`);
        else this.env.send({ from: exec.pid, to: effect.to, topic: effect.topic, payloads: effect.payloads });
        return;
    }
  }

  /** After a replay: attempts, timers and children that were pending when the last holder stopped. */
  private resumeOutstanding(exec: Execution): void {
    const now = this.env.clock.now();
    for (const [command, activity] of exec.activities) {
      const attempt = activity.attempts + 1;
      if (activity.retryAt !== undefined && activity.retryAt > now) this.armTimer(`retry:${command}`, activity.retryAt, async () => this.startAttempt(exec, command, attempt));
      else this.startAttempt(exec, command, attempt);
    }
    for (const [command, fireAt] of exec.timers) this.armTimer(`timer:${command}`, fireAt, () => this.catchUp());
    for (const command of exec.children.keys()) void this.startChild(exec, command);
  }

  private armTimer(key: string, at: number, step: () => Promise<void>): void {
    const { clock } = this.env;
    this.timers.get(key)?.cancel();
    const handle = clock.setTimer(Math.max(0, at - clock.now()), {
      fire: () => {
        this.timers.delete(key);
        this.enqueue(step);
      },
    });
    this.timers.set(key, handle);
  }

  private startAttempt(exec: Execution, command: number, attempt: number): void {
    const activity = exec.activities.get(command);
    if (activity === undefined || this.stopped || this.attempts.has(command)) return;
    const running = this.env.activities.start({ runId: exec.runId, pid: exec.pid, security: exec.security, command, attempt, activity: activity.activity, args: activity.args, options: activity.options });
    this.attempts.set(command, running);
    void running.done.then((resolution) => {
      if (this.attempts.get(command) === running) this.enqueue(() => this.attemptDone(exec, command, attempt, resolution));
    });
  }

  private async attemptDone(exec: Execution, command: number, attempt: number, resolution: Resolution): Promise<void> {
    this.attempts.delete(command);
    const activity = exec.activities.get(command);
    if (activity === undefined) return;
    const clear = attempt > 1 ? { clearTimers: [command] } : {};
    if (!("error" in resolution)) return this.step([{ event: { type: "activity.completed", command, result: toJson(resolution.value), attempt }, effects: clear }]);
    const error = toWorkflowError(resolution.error);
    const decision = afterFailure(activity.options.retry, attempt, error, this.env.clock.now());
    if (decision.final) return this.step([{ event: { type: "activity.failed", command, error, attempt, final: true }, effects: clear }]);
    const { retryAt } = decision;
    await this.step([{ event: { type: "activity.failed", command, error, attempt, final: false, retryAt }, effects: { timers: [{ command, fireAt: retryAt }] } }]);
    if (!this.stopped) this.armTimer(`retry:${command}`, retryAt, async () => this.startAttempt(exec, command, attempt + 1));
  }

  /** Starts (or finds, after a takeover) the child run of `command`; failing to start it is the child's failure. */
  private async startChild(exec: Execution, command: number): Promise<void> {
    const child = exec.children.get(command);
    if (child === undefined) return;
    const { store } = this.env;
    const denied = await this.refuseChild(exec, child);
    const bundle = denied === null ? bundleCode(this.env.resolveEntry, child.workflow) : fail(denied);
    let error: WorkflowError | undefined;
    if (bundle.ok) {
      const hash = codeHash(bundle.value);
      await store.putCode(hash, bundleJson(bundle.value));
      const parent = { id: exec.runId, command };
      const started = await store.startRun({ id: child.childId, workflow: child.workflow, host: exec.run.host, codeHash: hash, input: child.input, parent, security: runSecurityOf(exec.security) }, "use_existing");
      if (started.ok) this.env.wake();
      else error = { kind: started.error.kind, message: started.error.message };
    } else {
      error = toWorkflowError(bundle.error);
    }
    if (error !== undefined) {
      const failure = error;
      this.enqueue(() => this.step([{ event: { type: "child.failed", command, error: failure } }]));
    }
  }

  /** A child is a `process.exec` of its workflow on the run's host, checked once: not again for a child that a takeover finds started. */
  private async refuseChild(exec: Execution, child: OutstandingChild): Promise<WippyError | null> {
    const guard = this.env.guard;
    if (guard === undefined || !(exec.security !== undefined || guard.policies().strictMode)) return null;
    if ((await this.env.store.getRun(child.childId)) !== undefined) return null;
    const host = exec.run.host;
    return checkRun(guard, exec.security, exec.pid, "process.exec", child.workflow, () => ({ host })) ?? checkRun(guard, exec.security, exec.pid, "process.host", host, () => ({ entry: child.workflow }));
  }

  private async halt(error: WorkflowError | null): Promise<void> {
    if (this.stopped) return;
    const reason = error ?? { kind: "Internal", message: "halted without a reason" };
    this.env.logger.error({ run: this.runId, entry: this.exec?.entryId, err: reason }, `workflow run ${this.runId} halted: ${reason.message}`);
    this.drop("halted");
    const halted = await this.env.store.haltRun(this.lease, reason);
    if (!halted.ok) this.env.logger.warn({ run: this.runId, kind: halted.error.kind }, `workflow run ${this.runId}: halt refused (${halted.error.message})`);
  }

  drop(why: string): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const attempt of this.attempts.values()) attempt.cancel();
    this.attempts.clear();
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
    if (this.exec !== null) this.env.sandbox.stop(this.exec);
    this.env.dropped(this);
    this.env.logger.debug({ run: this.runId, owner: this.env.owner, why }, `workflow run ${this.runId} left ${this.env.owner}: ${why}`);
  }
}
