/**
 * ChildRecord — a supervisor's live bookkeeping for one child (OTP's `#child{}`).
 *
 * Terms:
 * - `pid`: the current run's process, null between runs.
 * - `startedAt` / `runningSince`: when the run was spawned / when its body was built.
 * - `streak`: runs in the current failure streak (see `restart-policy.ts`).
 * - `restarts`: runs started by a restart (a strategy or a policy), over the record's life.
 * - `pending`: a scheduled restart this child is part of (one per group restart; merged when
 *   groups overlap, so a child never has two).
 * - `waitingDeps`: wants to start; waits until every dependency is running.
 * - `timer`: the current run's `start_timeout` or `stop_timeout`.
 * - `onStopped`: who waits for the stop in progress (the supervisor's operation queue).
 * - `core`: for a supervisor child, the supervisor of its latest run (kept after it ended, so
 *   the tree still shows which grandchild failed).
 * - `removed`: gone from the registry; dropped once its stop completes.
 *
 * In: state changes by the supervisor core. Out: `LastExit` summaries and fields the tree reads.
 */

import type { Pid, TimerHandle, WippyError } from "../kernel";
import type { ChildSpec } from "./child-spec";
import type { SupervisorCore } from "./supervisor-core";
import type { ChildState, ExitClass } from "./terms";

export interface LastExit {
  readonly at: number;
  readonly class: ExitClass;
  readonly error?: WippyError;
}

export interface PendingRestart {
  readonly members: readonly ChildRecord[];
  readonly dueAt: number;
  timer: TimerHandle | null;
}

export class ChildRecord {
  state: ChildState = "stopped";
  pid: Pid | null = null;
  restarts = 0;
  streak = 0;
  lastExit: LastExit | null = null;
  startedAt: number | null = null;
  runningSince: number | null = null;
  waitingDeps = false;
  timedOut = false;
  timer: TimerHandle | null = null;
  pending: PendingRestart | null = null;
  onStopped: (() => void) | null = null;
  core: SupervisorCore | null = null;
  removed = false;

  constructor(public spec: ChildSpec) {}

  get id(): string {
    return this.spec.id;
  }

  /** Has a run, or is about to get one: what a group restart takes along. */
  get live(): boolean {
    return this.pid !== null || this.pending !== null || this.waitingDeps;
  }

  clearTimer(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  /** Leaves any scheduled restart; the group's other members still restart. */
  clearPending(): void {
    this.pending = null;
  }
}
