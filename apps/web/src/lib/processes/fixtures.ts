/** Rows, snapshots and deltas for the inspector's unit tests. */
import type { ProcessDelta, ProcessRow, ProcessSnapshot } from "@wippy/shared";

export function row(pid: string, extra: Partial<ProcessRow> = {}): ProcessRow {
  return { pid, entry: "app:worker", host: "app:procs", state: "waiting", waiting: ["inbox"], mailbox: 0, reductions: 1, memory: 4096, links: [], monitors: [], names: [], startedAt: 1_000, version: 1, ...extra };
}

export function snapshot(seq: number, processes: ProcessRow[]): ProcessSnapshot {
  return {
    seq,
    at: 0,
    tree: { kind: "supervisor", id: "wippy:root", state: "running", pid: null, restarts: 0, attempts: 0, lastExit: null, uptimeMs: 0, restartType: "permanent", nextRestartAt: null, strategy: "one_for_one", intensity: null, periodMs: null, children: [] },
    processes,
  };
}

export function delta(seq: number, upsert: ProcessRow[] = [], remove: string[] = [], patch: ProcessDelta["patch"] = []): ProcessDelta {
  return { seq, upsert, patch, remove };
}
