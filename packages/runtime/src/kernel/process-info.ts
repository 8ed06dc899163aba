/**
 * ProcessInfo — a plain snapshot of one live process, for tools, telemetry and tests.
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
}

const pidsOf = (set: Set<ProcessRecord> | null): Pid[] => [...(set ?? [])].map((p) => p.pid);

export function describeProcess(p: ProcessRecord): ProcessInfo {
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
  };
}
