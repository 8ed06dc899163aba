/**
 * Scheduler — decides who runs: weighted round-robin across hosts, FIFO within a host.
 *
 * Terms:
 * - turn: one `resume` of one process, with a fresh budget of `host.budget` work units.
 * - tick: one round over the hosts, giving each up to `host.workers` turns.
 * - slice: ticks until `maxTurns` turns ran or nothing is ready. The embedder calls
 *   `runSlice` (tests: `runUntilIdle`); the kernel never schedules itself. `onWork` is called
 *   when the scheduler goes from idle to having work, so a pump can arrange the next slice.
 * - After a turn: `yield` → back to the tail of the run queue; `block` → parked on its
 *   channels (or straight back to ready if a case is ready already); `wait` → waiting until
 *   `ctx.wake()`; `exit` → exit propagation. A kill that arrived during the turn (`pendingExit`) wins over the step.
 *
 * This is the one place where a body's crash is caught: whatever `resume` (or the behaviour
 * factory) throws becomes a `crash` exit reason.
 *
 * In: hosts with ready processes. Out: turns, step handling.
 */

import { CONTINUE, type Behaviour, type Step } from "./behaviour";
import { assertNever, toWippyError } from "./errors";
import type { ExitReason } from "./exit";
import type { Host } from "./host";
import type { ProcessRecord } from "./process";
import { select, SelectWaiter } from "./select";

export const DEFAULT_SLICE_TURNS = 1000;
/** A bound on `runUntilIdle`, so a livelocked test fails instead of hanging. */
export const DEFAULT_IDLE_TURN_LIMIT = 10_000_000;

export interface SchedulerHooks {
  /** Builds the body of a process on its first turn. */
  start(proc: ProcessRecord): Behaviour;
  exit(proc: ProcessRecord, reason: ExitReason): void;
  onWork?: () => void;
}

export class Scheduler {
  /** Replaced, never mutated, so a slice can iterate while a turn adds or removes a host. */
  private hosts: readonly Host[] = [];
  private current: ProcessRecord | null = null;
  private signaled = false;

  constructor(private readonly hooks: SchedulerHooks) {}

  get running(): ProcessRecord | null {
    return this.current;
  }

  addHost(host: Host): void {
    this.hosts = [...this.hosts, host];
  }

  removeHost(host: Host): void {
    this.hosts = this.hosts.filter((h) => h !== host);
  }

  /** Called by hosts when a process becomes ready. */
  signal(): void {
    if (this.signaled) return;
    this.signaled = true;
    this.hooks.onWork?.();
  }

  hasWork(): boolean {
    return this.hosts.some((h) => h.queued > 0);
  }

  runSlice(maxTurns: number = DEFAULT_SLICE_TURNS): number {
    if (this.current !== null) throw new Error("runSlice called from inside a process turn");
    let turns = 0;
    while (turns < maxTurns) {
      let ran = false;
      for (const host of this.hosts) {
        for (let w = 0; w < host.workers && turns < maxTurns; w++) {
          const proc = host.next();
          if (proc === undefined) break;
          this.turn(proc);
          turns++;
          ran = true;
        }
      }
      if (!ran) break;
    }
    if (!this.hasWork()) this.signaled = false;
    return turns;
  }

  runUntilIdle(limit: number = DEFAULT_IDLE_TURN_LIMIT): number {
    let total = 0;
    for (;;) {
      const turns = this.runSlice();
      total += turns;
      if (turns === 0) return total;
      if (total > limit) throw new Error(`runUntilIdle: still busy after ${total} turns`);
    }
  }

  private turn(proc: ProcessRecord): void {
    const host = proc.host;
    proc.state = "running";
    proc.budgetLeft = host.budget;
    proc.yieldRequested = false;
    const wake = proc.wake;
    proc.wake = CONTINUE;
    this.current = proc;
    let step: Step;
    try {
      const body = (proc.behaviour ??= this.hooks.start(proc));
      step = body.resume(wake);
    } catch (thrown) {
      step = { kind: "exit", reason: { kind: "crash", error: toWippyError(thrown) } };
    } finally {
      this.current = null;
    }
    // At least one per turn: a process that only ever runs short turns (handles a message and
    // waits) still shows its work, as Erlang counts every call.
    proc.reductions += Math.max(1, host.budget - proc.budgetLeft);
    proc.state = "ready";
    if (proc.pendingExit !== null) {
      this.hooks.exit(proc, proc.pendingExit);
      return;
    }
    switch (step.kind) {
      case "yield":
        host.makeReady(proc);
        return;
      case "block": {
        const outcome = select(step.cases, proc);
        if (outcome instanceof SelectWaiter) {
          proc.state = "waiting";
          proc.waiter = outcome;
        } else proc.onSelected(outcome);
        return;
      }
      case "wait":
        proc.state = "waiting";
        return;
      case "exit":
        this.hooks.exit(proc, step.reason);
        return;
      default:
        assertNever(step);
    }
  }
}
