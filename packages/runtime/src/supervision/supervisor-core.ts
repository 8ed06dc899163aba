/**
 * SupervisorCore — one supervisor's logic: start children, react to their exits, stop them.
 *
 * Design: the core is a TS object driven by kernel events. Its process (see
 * `supervisor-behaviour.ts`) hands it the EXIT events of its children (spawned linked and
 * monitored through its `ProcessContext`) and CANCEL; timers (restart delays, start/stop
 * timeouts) come from the injected clock. Commands from the node (reconcile, start/stop a
 * child) are plain calls. JS runs one thing at a time, so the core is never re-entered in the
 * middle of a step; it never runs kernel turns itself.
 *
 * Terms:
 * - operation (`operations.ts`): "stop these children one at a time, then do this"; one at a
 *   time, so a group restart never interleaves with another. Stopping one child: CANCEL
 *   ("service stopping"), then terminate after its `stop_timeout`.
 * - exit of a child, one clause per case:
 *     stopping (we asked)        → stopped, the operation goes on
 *     while shutting down        → stopped (nothing restarts)
 *     else                       → `decideRestart` (restart type × exit class × attempts):
 *       exited | terminal        → recorded, nothing else happens
 *       restart                  → intensity check (exceeded → escalate), then the strategy's
 *                                  group is stopped and restarted after the child's delay
 * - escalate: stop every child (reverse order), then exit with an error, so the parent
 *   supervisor applies its own strategy to this one.
 * - shutdown (CANCEL from the parent, or `stopAll`): stop every child, then exit normally.
 *   LINK_DOWN from the parent (it died): the same, then exit with the parent's error.
 *
 * In: events, timer fires, node commands. Out: spawns, cancels, terminates, published events.
 */

import { wippyError, type BodyExit, type ExitReason, type ExitResult, type Pid, type ProcessContext, type ProcessEvent } from "../kernel";
import { ChildRecord, type PendingRestart } from "./child-record";
import type { SupervisorSpec } from "./child-spec";
import type { CoreEnv } from "./core-env";
import { errorData, SUPERVISOR_EVENT, supervisorEvent, type EventData, type SupervisorEventKind } from "./events";
import { OperationQueue, type Operation } from "./operations";
import { supervisorIn } from "./plan";
import { classifyExit, decideRestart, nextStreak, restartDelay } from "./restart-policy";
import { spawnChild } from "./spawn-child";
import { RestartWindow, restartGroup } from "./strategy";
import { STOP_REASON, unreachable } from "./terms";

export type CorePhase = "spawned" | "running" | "stopping" | "stopped";

const NOTHING = (): void => undefined;

export class SupervisorCore {
  records: ChildRecord[] = [];
  phase: CorePhase = "spawned";
  pid: Pid | null = null;
  startedAt: number | null = null;
  exitRequest: BodyExit | null = null;
  /** Why the process ended, once it has. */
  ended: ExitReason | null = null;
  private ctx: ProcessContext | null = null;
  private readonly window = new RestartWindow();
  private ending: BodyExit | null = null;
  private readonly ops = new OperationQueue(
    (r, done) => this.stopChild(r, done),
    () => this.ending !== null,
  );

  constructor(
    public spec: SupervisorSpec,
    readonly env: CoreEnv,
    /** The supervisor that started this one (null for the root). */
    private readonly parent: Pid | null = null,
  ) {}

  get id(): string {
    return this.spec.id;
  }

  // ── the process ─────────────────────────────────────────────────────────────────────

  attach(ctx: ProcessContext): void {
    this.ctx = ctx;
    this.pid = ctx.pid;
    this.phase = "running";
    this.startedAt = this.env.clock.now();
    // A reconcile may have changed this supervisor between its spawn and its first turn.
    this.spec = supervisorIn(this.env.plan(), this.id) ?? this.spec;
    this.records = (this.env.plan().children.get(this.id) ?? []).map((spec) => new ChildRecord(spec));
    this.env.coreStarted(this);
    for (const record of this.records) if (record.spec.lifecycle.autoStart) this.startChild(record);
  }

  detach(reason: ExitReason): void {
    this.phase = "stopped";
    this.ended = reason;
    this.ops.clear();
    for (const r of this.records) {
      // Children still running die with this process through their links.
      r.clearTimer();
      r.pending = null;
      r.waitingDeps = false;
      const had = r.pid !== null || r.state === "starting" || r.state === "stopping" || r.state === "failed";
      r.pid = null;
      if (had) this.setState(r, "stopped");
    }
    this.env.coreEnded(this);
  }

  handleEvent(event: ProcessEvent): void {
    switch (event.kind) {
      case "pid.exit":
        return this.onExit(event.from, event.result, event.at);
      case "pid.cancel":
        return this.shutdown({ kind: "normal", value: null });
      case "pid.link.down":
        // From the parent: it died, so this supervisor stops its children and follows it (as
        // OTP's "EXIT from parent"). From a child: ignored, its EXIT (monitor) says the same.
        if (event.from === this.parent && event.result.error !== undefined) this.shutdown({ kind: "error", error: event.result.error });
        return;
      default:
        return unreachable(event);
    }
  }

  /** Stop every child in reverse order, then end the process with `exit`. */
  shutdown(exit: BodyExit): void {
    if (this.ending !== null || this.phase !== "running") return;
    this.ending = exit;
    this.phase = "stopping";
    this.ops.clear();
    for (const r of this.records) {
      r.pending = null;
      r.waitingDeps = false;
    }
    this.enqueue({ stop: [...this.records].reverse(), then: () => this.finish(exit), final: true });
  }

  // ── node commands ───────────────────────────────────────────────────────────────────

  find(id: string): ChildRecord | undefined {
    return this.records.find((r) => r.id === id && !r.removed);
  }

  startById(record: ChildRecord): void {
    if (record.live) return;
    record.streak = 0;
    this.startChild(record);
  }

  stopById(record: ChildRecord): void {
    this.enqueue({ stop: [record], then: NOTHING });
  }

  restartById(record: ChildRecord): void {
    this.enqueue({ stop: [record], then: () => this.startById(record) });
  }

  enqueue(op: Operation): void {
    this.ops.push(op);
  }

  get accepting(): boolean {
    return this.phase === "running" && this.ending === null;
  }

  startChild(r: ChildRecord): void {
    if (!this.accepting || r.removed) return;
    r.pending = null;
    if (!this.env.dependenciesReady(r.spec)) {
      r.waitingDeps = true;
      this.setState(r, "starting");
      return;
    }
    r.waitingDeps = false;
    this.spawnRun(r);
  }

  /** Children waiting for dependencies re-check them (a child somewhere reached `running`). */
  startWaiting(): void {
    for (const r of this.records) if (r.waitingDeps && this.accepting && this.env.dependenciesReady(r.spec)) this.startChild(r);
  }

  // ── runs ────────────────────────────────────────────────────────────────────────────

  private spawnRun(r: ChildRecord): void {
    const ctx = this.ctx as ProcessContext;
    const at = this.env.clock.now();
    r.startedAt = at;
    r.runningSince = null;
    r.timedOut = false;
    const spawned = spawnChild(ctx, this.env, r, (pid) => this.built(r, pid));
    if (!spawned.ok) return this.childDown(r, { error: spawned.error }, at);
    const pid = spawned.value;
    r.pid = pid;
    this.setState(r, "starting");
    const timeout = r.spec.lifecycle.startTimeoutMs;
    if (Number.isFinite(timeout)) {
      r.timer = this.env.clock.setTimer(timeout, {
        fire: () => {
          if (r.pid !== pid || r.state !== "starting") return;
          r.timedOut = true;
          ctx.terminate(pid);
        },
      });
    }
  }

  /** Runs inside the child's first turn, once its body exists: the run is up. */
  private built(r: ChildRecord, pid: Pid): void {
    if (r.pid !== pid || r.state !== "starting") return;
    r.clearTimer();
    r.runningSince = this.env.clock.now();
    this.setState(r, "running");
    this.emit(SUPERVISOR_EVENT.START, r, { pid, restarts: r.restarts });
    this.env.childRunning(r.id);
  }

  private onExit(from: Pid, result: ExitResult, at: number): void {
    const r = this.records.find((c) => c.pid === from);
    if (r === undefined) return; // a run this supervisor no longer tracks
    r.clearTimer();
    r.pid = null;
    r.runningSince = null;
    if (r.state === "stopping") return this.stopped(r, result, at, from);
    const timedOut = r.timedOut;
    r.timedOut = false;
    const error = timedOut ? wippyError("Timeout", `${r.id} did not start within ${r.spec.lifecycle.startTimeoutMs}ms`, { retryable: true }) : undefined;
    this.childDown(r, error === undefined ? result : { error }, at, from);
  }

  private stopped(r: ChildRecord, result: ExitResult, at: number, pid: Pid): void {
    r.lastExit = { at, class: classifyExit(result), ...(result.error && { error: result.error }) };
    this.setState(r, "stopped");
    this.emit(SUPERVISOR_EVENT.STOP, r, { pid, state: "stopped" });
    const done = r.onStopped;
    r.onStopped = null;
    done?.();
  }

  private childDown(r: ChildRecord, result: ExitResult, at: number, pid: Pid | null = null): void {
    const exit = classifyExit(result);
    r.lastExit = { at, class: exit, ...(result.error && { error: result.error }) };
    r.streak = nextStreak(r.streak, at - (r.startedAt ?? at), r.spec.lifecycle.stableThresholdMs);
    const facts = { pid, ...(result.error && { error: errorData(result.error) }) };
    if (!this.accepting) {
      this.setState(r, "stopped");
      return this.emit(result.error ? SUPERVISOR_EVENT.FAILED : SUPERVISOR_EVENT.STOP, r, { ...facts, state: "stopped" });
    }
    const decision = decideRestart(r.spec.lifecycle.restartType, exit, r.streak, r.spec.lifecycle.restart.maxAttempts);
    switch (decision.kind) {
      case "exited":
        this.setState(r, "exited");
        return this.emit(SUPERVISOR_EVENT.STOP, r, { ...facts, state: "exited" });
      case "terminal":
        this.setState(r, "terminal");
        return this.emit(SUPERVISOR_EVENT.FAILED, r, { ...facts, state: "terminal", why: decision.why });
      case "restart":
        this.setState(r, exit === "normal" ? "exited" : "failed");
        this.emit(exit === "normal" ? SUPERVISOR_EVENT.STOP : SUPERVISOR_EVENT.FAILED, r, { ...facts, state: r.state });
        return this.restart(r);
      default:
        return unreachable(decision);
    }
  }

  // ── strategies ──────────────────────────────────────────────────────────────────────

  private restart(failed: ChildRecord): void {
    const now = this.env.clock.now();
    if (!this.window.admit(now, this.spec.intensity, this.spec.periodMs)) return this.escalate(failed);
    const group = restartGroup(this.spec.strategy, this.records.filter((r) => !r.removed), failed);
    const members = group.filter((r) => r === failed || (r.live && r.spec.lifecycle.restartType !== "temporary"));
    const stop = group.filter((r) => r !== failed && r.pid !== null).reverse();
    const delay = restartDelay(failed.spec.lifecycle.restart, failed.streak, this.env.random);
    this.enqueue({ stop, then: () => this.schedule(members, delay, failed) });
  }

  private schedule(members: readonly ChildRecord[], delay: number, cause: ChildRecord): void {
    const all = new Set(members);
    for (const m of members) for (const other of m.pending?.members ?? []) if (other.pending === m.pending) all.add(other);
    const pending: PendingRestart = { members: this.records.filter((r) => all.has(r)), dueAt: this.env.clock.now() + delay, timer: null };
    for (const m of pending.members) {
      m.pending?.timer?.cancel();
      m.pending = pending;
      this.emit(SUPERVISOR_EVENT.RESTART, m, { delay_ms: delay, attempt: m.streak + 1, cause: cause.id });
      this.notify(m);
    }
    pending.timer = this.env.clock.setTimer(delay, { fire: () => this.restartPending(pending) });
  }

  private restartPending(pending: PendingRestart): void {
    if (!this.accepting) return;
    for (const m of pending.members) {
      if (m.pending !== pending) continue;
      m.pending = null;
      if (m.pid !== null || m.removed) continue;
      m.restarts++;
      this.startChild(m);
    }
  }

  private escalate(failed: ChildRecord): void {
    const { intensity, periodMs } = this.spec;
    const error = wippyError("Internal", `supervisor ${this.id}: more than ${intensity} restarts in ${periodMs}ms (last: ${failed.id})`, {
      retryable: true,
      details: { supervisor: this.id, intensity, period_ms: periodMs, child: failed.id },
    });
    this.shutdown({ kind: "error", error });
  }

  private finish(exit: BodyExit): void {
    this.exitRequest = exit;
    this.ctx?.wake();
  }

  // ── stopping one child ──────────────────────────────────────────────────────────────

  private stopChild(r: ChildRecord, done: () => void): void {
    r.pending = null;
    r.waitingDeps = false;
    const pid = r.pid;
    if (pid === null) {
      if (r.state === "starting" || r.state === "failed" || r.state === "running") this.setState(r, "stopped");
      return done();
    }
    const ctx = this.ctx as ProcessContext;
    r.onStopped = done;
    r.clearTimer();
    this.setState(r, "stopping");
    ctx.cancel(pid, STOP_REASON);
    const timeout = r.spec.lifecycle.stopTimeoutMs;
    if (Number.isFinite(timeout)) {
      r.timer = this.env.clock.setTimer(timeout, { fire: () => void (r.pid === pid && r.state === "stopping" && ctx.terminate(pid)) });
    }
  }

  // ── reporting ───────────────────────────────────────────────────────────────────────

  private setState(r: ChildRecord, state: ChildRecord["state"]): void {
    r.state = state;
    this.notify(r);
  }

  private notify(r: ChildRecord): void {
    this.env.changed({ id: r.id, supervisor: this.id, state: r.state, pid: r.pid, at: this.env.clock.now() });
  }

  private emit(kind: SupervisorEventKind, r: ChildRecord, data: EventData): void {
    this.env.publish(supervisorEvent(kind, r.id, data));
  }
}
