/**
 * Host — a `process.host`: a run queue and the knobs of its share of the scheduler.
 *
 * Terms:
 * - `workers`: how many of this host's processes may run per scheduler tick. JS has one
 *   thread, so this is the host's share of turns per round (weighted round-robin across
 *   hosts), not parallelism. Changes apply live (`HostTable.configure`).
 * - `queueSize`: the run-queue length beyond which a spawner is asked to yield
 *   (backpressure): the spawn still succeeds, but `ctx.shouldYield()` turns true so the
 *   queue drains before the spawner adds more. Wake-ups are never refused — that would lose
 *   messages.
 * - `budget`: work units a process may spend per turn before `shouldYield()` says yes.
 *
 * In: processes made ready; `checkHostConfig` validates config at the edge. Out: processes in FIFO order, each queued at most once.
 */

import { invalid, ok, type Result } from "./errors";
import { Fifo } from "./fifo";
import type { ProcessRecord } from "./process";

export interface HostConfig {
  readonly workers: number;
  readonly queueSize: number;
  readonly budget: number;
}

export const DEFAULT_HOST_CONFIG: HostConfig = Object.freeze({ workers: 4, queueSize: 1024, budget: 2000 });

/** Fills defaults and checks that every knob is a positive integer. */
export function checkHostConfig(config: Partial<HostConfig>, base: HostConfig = DEFAULT_HOST_CONFIG): Result<HostConfig> {
  const merged: HostConfig = {
    workers: config.workers ?? base.workers,
    queueSize: config.queueSize ?? base.queueSize,
    budget: config.budget ?? base.budget,
  };
  for (const [key, value] of Object.entries(merged)) {
    if (!Number.isInteger(value) || value < 1) return invalid(`host ${key} must be a positive integer, got ${String(value)}`);
  }
  return ok(merged);
}

export class Host implements HostConfig {
  workers: number;
  queueSize: number;
  budget: number;
  /** Live processes on this host. */
  live = 0;
  private readonly runQueue = new Fifo<ProcessRecord>();

  constructor(
    readonly id: string,
    config: HostConfig,
    private readonly onReady: () => void,
  ) {
    this.workers = config.workers;
    this.queueSize = config.queueSize;
    this.budget = config.budget;
  }

  get queued(): number {
    return this.runQueue.length;
  }

  get congested(): boolean {
    return this.runQueue.length >= this.queueSize;
  }

  makeReady(proc: ProcessRecord): void {
    proc.state = "ready";
    if (proc.queued) return;
    proc.queued = true;
    this.runQueue.push(proc);
    this.onReady();
  }

  /** The next runnable process; processes that died while queued are skipped. */
  next(): ProcessRecord | undefined {
    for (;;) {
      const proc = this.runQueue.shift();
      if (proc === undefined) return undefined;
      proc.queued = false;
      if (proc.state === "ready") return proc;
    }
  }
}
