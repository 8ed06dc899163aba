/**
 * Exit propagation — what happens when a process ends (LUA_API.md §3).
 *
 * For a process P ending with reason R, in this order:
 * 1. P leaves the world: state `exited`, its select withdrawn, removed from the process table,
 *    its names released, its body disposed.
 * 2. Monitors: every watcher of P gets EXIT `{from = P, result, at}` and forgets P; every
 *    target P watched forgets P; `awaitExit` channels get the same EXIT.
 * 3. Links: every linked L forgets P (both sides cleaned). If R is an error exit, L gets
 *    LINK_DOWN when it traps links, or else is killed with `link_down` — which cascades
 *    along L's own links. A normal exit sends nothing over links.
 * 4. P's mailbox channels are closed; the observer hears about the exit.
 *
 * Kills are processed from a work list, not by recursion, so a chain of 100k linked
 * processes cannot overflow the stack. A kill aimed at the process that is running right now
 * is parked in `pendingExit` and applied by the scheduler when the turn ends.
 *
 * In: a record and a reason. Out: events delivered, cascaded kills, the tables cleaned.
 */

import type { Clock } from "./clock";
import { exitEvent, linkDownEvent } from "./events";
import { exitResult, linkDownError, type ExitReason } from "./exit";
import type { NameRegistry } from "./names";
import type { Pid } from "./pid";
import { mailboxOf, type ProcessRecord } from "./process";

export interface KernelObserver {
  spawned?(pid: Pid, id: string, host: string): void;
  exited?(pid: Pid, id: string, reason: ExitReason): void;
  /** A body's `dispose` threw; the exit went on regardless. */
  disposeFailed?(pid: Pid, thrown: unknown): void;
}

export interface ExitEnv {
  readonly clock: Clock;
  readonly names: NameRegistry;
  readonly table: Map<Pid, ProcessRecord>;
  readonly observer: KernelObserver | undefined;
}

export function exitProcess(env: ExitEnv, proc: ProcessRecord, reason: ExitReason): void {
  const work: [ProcessRecord, ExitReason][] = [[proc, reason]];
  for (let i = 0; i < work.length; i++) {
    const [target, why] = work[i] as [ProcessRecord, ExitReason];
    if (target.state === "exited") continue;
    if (target.state === "running") {
      target.pendingExit ??= why;
      continue;
    }
    finalize(env, target, why, work);
  }
}

function finalize(env: ExitEnv, proc: ProcessRecord, reason: ExitReason, work: [ProcessRecord, ExitReason][]): void {
  proc.state = "exited";
  proc.exitReason = reason;
  proc.pendingExit = null;
  proc.waiter?.cancel();
  proc.waiter = null;
  env.table.delete(proc.pid);
  env.names.releaseAll(proc);
  proc.host.live--;
  disposeBody(env, proc, reason);

  const result = exitResult(reason);
  const at = env.clock.now();
  for (const target of proc.monitors ?? []) target.monitoredBy?.delete(proc);
  if (proc.monitoredBy !== null || proc.exitWatchers !== null) {
    const event = exitEvent(proc.pid, result, at);
    for (const watcher of proc.monitoredBy ?? []) {
      watcher.monitors?.delete(proc);
      mailboxOf(watcher).deliverEvent(event);
    }
    for (const channel of proc.exitWatchers ?? []) channel.trySend(event);
  }
  // exitResult carries an error exactly for error exits, the only ones that travel over links.
  const error = result.error;
  for (const linked of proc.links ?? []) {
    linked.links?.delete(proc);
    if (error === undefined) continue;
    if (linked.trapLinks) mailboxOf(linked).deliverEvent(linkDownEvent(proc.pid, result, at));
    else work.push([linked, { kind: "link_down", from: proc.pid, error: linkDownError(proc.pid, error) }]);
  }
  proc.links = proc.monitors = proc.monitoredBy = null;
  proc.exitWatchers = null;
  proc.mailbox?.close();
  env.observer?.exited?.(proc.pid, proc.id, reason);
}

function disposeBody(env: ExitEnv, proc: ProcessRecord, reason: ExitReason): void {
  const body = proc.behaviour;
  proc.behaviour = null;
  proc.factory = null;
  proc.args = null;
  if (body === null || body.dispose === undefined) return;
  try {
    body.dispose(reason);
  } catch (thrown) {
    // Host code failed while tearing a dead process down; the exit must still complete,
    // so the failure is reported, not rethrown.
    env.observer?.disposeFailed?.(proc.pid, thrown);
  }
}
