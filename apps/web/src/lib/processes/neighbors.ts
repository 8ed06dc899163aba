/**
 * A process's neighbours for the process page's graph: the processes it is linked to, those
 * it monitors, and — read from the live table of its node — those that monitor it. A pid can
 * be several of these at once. Pure (tested in neighbors.test.ts).
 */
import type { ProcessRow } from "@wippy/shared";
import type { LiveProcess } from "./live-process";

export type Relation = "link" | "monitors" | "monitoredBy";

export interface Neighbor {
  readonly pid: string;
  readonly relations: readonly Relation[];
  /** The entry it runs, when the live table knows the pid. */
  readonly entry?: string;
}

export function neighborsOf(row: Pick<ProcessRow, "pid" | "links" | "monitors">, nodeRows: Iterable<LiveProcess>): Neighbor[] {
  const relations = new Map<string, Set<Relation>>();
  const add = (pid: string, relation: Relation) => {
    if (pid === row.pid) return;
    const set = relations.get(pid) ?? new Set<Relation>();
    set.add(relation);
    relations.set(pid, set);
  };
  for (const pid of row.links) add(pid, "link");
  for (const pid of row.monitors) add(pid, "monitors");
  const entries = new Map<string, string>();
  for (const other of nodeRows) {
    if (other.monitors.includes(row.pid)) add(other.pid, "monitoredBy");
    if (relations.has(other.pid)) entries.set(other.pid, other.entry);
  }
  return [...relations]
    .map(([pid, set]) => ({ pid, relations: [...set].sort(), ...(entries.has(pid) ? { entry: entries.get(pid) } : {}) }))
    .sort((a, b) => (a.pid < b.pid ? -1 : a.pid > b.pid ? 1 : 0));
}
