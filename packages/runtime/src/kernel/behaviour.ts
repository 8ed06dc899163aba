/**
 * Behaviour — the contract between the kernel and a process body.
 *
 * The kernel drives; the body runs only inside `resume`. A body is anything that can be
 * resumed with a *wake reason* and runs until it must stop, returning a *step*:
 *
 *   kernel ──resume(wake)──▶ body ──▶ Step
 *     wake = start                  first run (the factory has just built the body)
 *          | continue               after a `yield` step (preempted) — carry on
 *          | selected {outcome}     a `block` step completed: which case, value, ok
 *          | woken                  someone called `ctx.wake()` while the body waited
 *     Step = yield                  budget spent (or `ctx.shouldYield()`): requeue me at the tail
 *          | block {cases}          wait until one of these channel cases can proceed
 *          | wait                   wait for `ctx.wake()`: the body parked its own waiters
 *          | exit {reason}          the body returned (value / `nil, err`) or raised
 *
 * `block` is the simple case: one select, owned by the kernel. `wait` is for bodies that run
 * several coroutines (Lua's `coroutine.spawn`): each coroutine parks its own `SelectWaiter`
 * (with an owner of the body's choosing), and the owner calls `ctx.wake()` when one fires.
 * Such waiters are the body's to cancel in `dispose`. `ctx.wake()` on a process that is
 * running or ready does nothing — the body sees its own state on the next resume anyway.
 *
 * Preemption is expressed through the context: the body reports work with
 * `ctx.charge(units)` and asks `ctx.shouldYield()`; the kernel owns the budget per turn
 * (`host.budget`) and also says "yield" under spawn backpressure or when the process is being
 * killed. The Lua layer charges from an instruction-count hook and yields the coroutine; the
 * generator behaviour (tests) charges one unit per step plus explicit `work` effects.
 *
 * Everything that does not block (send, spawn, link, names, …) is a plain call on the
 * `ProcessContext`. A throw out of `resume` is a crash: the kernel catches it in exactly one
 * place (the scheduler's turn) and turns it into a `crash` exit.
 *
 * `dispose(reason)` is called once when the process ends, whatever the reason (its own exit
 * step, terminate, link_down, shutdown, a throw) — e.g. to end its other coroutines.
 */

import type { Channel, SelectOutcome } from "./channel";
import type { Clock } from "./clock";
import type { Result } from "./errors";
import type { ExitEvent, ProcessEvent } from "./events";
import type { BodyExit, ExitReason } from "./exit";
import type { Listener, ListenOptions } from "./mailbox";
import type { Message } from "./message";
import type { Pid } from "./pid";
import type { SelectCase } from "./select";

export type Wake =
  | { readonly kind: "start" }
  | { readonly kind: "continue" }
  | { readonly kind: "selected"; readonly outcome: SelectOutcome }
  | { readonly kind: "woken" };

export type Step =
  | { readonly kind: "yield" }
  | { readonly kind: "block"; readonly cases: readonly SelectCase[] }
  | { readonly kind: "wait" }
  | { readonly kind: "exit"; readonly reason: BodyExit };

export const START: Wake = Object.freeze({ kind: "start" });
export const CONTINUE: Wake = Object.freeze({ kind: "continue" });
export const WOKEN: Wake = Object.freeze({ kind: "woken" });
export const YIELD: Step = Object.freeze({ kind: "yield" });
export const WAIT: Step = Object.freeze({ kind: "wait" });

export interface Behaviour {
  resume(wake: Wake): Step;
  dispose?(reason: ExitReason): void;
  /** What the body knows of itself beyond the kernel's record (for `ProcessInfo`). */
  describe?(): BehaviourInfo;
}

export interface BehaviourInfo {
  /** Labels of what it waits on when it parked itself (the kernel knows its own selects). */
  readonly waiting?: readonly string[];
  /** Bytes it holds, estimated. */
  readonly memory?: number;
  /** The registry version its code came from. */
  readonly version?: number;
  /** The entry whose code runs now, when it is not the one it was spawned as (a service runs a `process.lua`; an upgrade changes it). */
  readonly entry?: string;
}

/** Builds the body when the process first runs (so a failing factory is a crash exit, not a failed spawn). */
export type BehaviourFactory = (ctx: ProcessContext, args: readonly unknown[]) => Behaviour;

export interface SpawnSpec {
  /** Host id; the process runs on this host's run queue. */
  readonly host: string;
  readonly behaviour: BehaviourFactory;
  readonly args?: readonly unknown[];
  /** The registry entry being run (`process.id()`); informational for the kernel. */
  readonly id?: string;
  /** Registered before the process first runs; a taken name fails the spawn (`AlreadyExists`). */
  readonly name?: string;
  /** Link / monitor the spawning process to the child before the child runs. */
  readonly link?: boolean;
  readonly monitor?: boolean;
  readonly trapLinks?: boolean;
}

export interface ProcessOptions {
  readonly trapLinks: boolean;
}

/** The kernel as one process sees it. `dest` is a pid or a registered name everywhere. */
export interface ProcessContext {
  readonly pid: Pid;
  readonly id: string;
  readonly host: string;
  readonly clock: Clock;

  charge(units: number): void;
  shouldYield(): boolean;
  isAlive(): boolean;
  /** Ends a `wait` (or a `block`, withdrawing its select): the next resume gets `woken`. */
  wake(): void;

  send(dest: string, topic: string, payloads?: readonly unknown[]): Result<true>;
  inbox(): Channel<Message>;
  events(): Channel<ProcessEvent>;
  listen(topic: string, options?: ListenOptions): Result<Listener>;
  unlisten(channel: Channel<Message>): boolean;

  spawn(spec: SpawnSpec): Result<Pid>;
  link(dest: string): Result<true>;
  unlink(dest: string): Result<true>;
  monitor(dest: string): Result<true>;
  unmonitor(dest: string): Result<true>;
  cancel(dest: string, reason?: string): Result<true>;
  terminate(dest: string): Result<true>;
  /** A one-shot channel that receives the EXIT event of `dest` (for `process.exec`). */
  awaitExit(dest: string): Result<Channel<ExitEvent>>;
  options(): ProcessOptions;
  setOptions(options: Partial<ProcessOptions>): void;

  register(name: string, dest?: string): Result<true>;
  lookup(name: string): Result<Pid>;
  unregister(name: string): boolean;
}
