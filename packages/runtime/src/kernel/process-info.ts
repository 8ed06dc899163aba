/**
 * ProcessInfo — a plain snapshot of one live process, for tools, telemetry and tests.
 *
 * - `waiting`: labels of the channels a waiting process is parked on (`Channel.label`):
 *   `inbox`, `topic:<t>`, `events`, `timer`, `call`, `channel` — empty unless it waits.
 * - `mailbox`: messages delivered and not yet received (inbox and listeners).
 * - `memory`, `version`: what its body reports (`Behaviour.describe`); 0 when it reports none.
 *
 * In: a process record. Out: pids and names as arrays; nothing that aliases kernel state.
 */

import type { Pid } from "./pid";
import type { ProcessRecord, ProcessState } from "./process";

export interface ProcessInfo {
  readonly pid: Pid;
  readonly id: string;
  readonly host: string;
  readonly state: ProcessState;
  readonly trapLinks: boolean;
  readonly links: Pid[];
  readonly monitors: Pid[];
  readonly monitoredBy: Pid[];
  readonly names: string[];
  readonly reductions: number;
  readonly startedAt: number;
  /** The entry whose code runs (`id` is what it was spawned as, e.g. a service id). */
  readonly entry: string;
  readonly waiting: string[];
  readonly mailbox: number;
  readonly memory: number;
  readonly version: number;
}

/** A record's own cost: the object, its pid and the sets it created (a rough, stable figure). */
const RECORD_BYTES = 400;

const pidsOf = (set: Set<ProcessRecord> | null): Pid[] => [...(set ?? [])].map((p) => p.pid);

export function describeProcess(p: ProcessRecord): ProcessInfo {
  const body = p.behaviour?.describe?.();
  const waiting = p.state !== "waiting" ? [] : p.waiter ? p.waiter.labels() : [...(body?.waiting ?? [])];
  return {
    pid: p.pid,
    id: p.id,
    host: p.host.id,
    state: p.state,
    trapLinks: p.trapLinks,
    links: pidsOf(p.links),
    monitors: pidsOf(p.monitors),
    monitoredBy: pidsOf(p.monitoredBy),
    names: [...(p.names ?? [])],
    reductions: p.reductions,
    startedAt: p.startedAt,
    entry: body?.entry ?? p.id,
    waiting,
    mailbox: p.mailbox?.queued ?? 0,
    memory: RECORD_BYTES + (body?.memory ?? 0),
    version: body?.version ?? 0,
  };
}
