/**
 * A process as the inspector holds it: the node's `ProcessRow` tagged with the node it runs
 * on. Pids are unique per node only (two nodes running one app both have `{app:procs|0x00002}`),
 * so a process is known by its `key` — node id and pid together.
 *
 * Row objects are never mutated once in the table: a change replaces the object, so an
 * unchanged row keeps its identity and a memoized table row skips re-rendering it. A row that
 * just came off the wire is adopted — tagged in place, not copied (`adoptRow`): copying
 * 10,000 rows a second costs more than all the rest of an update.
 */
import type { ProcessRow } from "@wippy/shared";

export interface LiveProcess extends ProcessRow {
  readonly nodeId: string;
  readonly key: string;
}

/** A separator no node id or pid contains. */
const SEPARATOR = "\u0000";

export function processKey(nodeId: string, pid: string): string {
  return `${nodeId}${SEPARATOR}${pid}`;
}

export function toLiveProcess(nodeId: string, row: ProcessRow): LiveProcess {
  return { ...row, nodeId, key: processKey(nodeId, row.pid) };
}

/** Tags a row nobody else holds (freshly parsed from a delta or a snapshot) as `nodeId`'s. */
export function adoptRow(nodeId: string, row: ProcessRow): LiveProcess {
  const live = row as ProcessRow & { nodeId: string; key: string };
  live.nodeId = nodeId;
  live.key = processKey(nodeId, row.pid);
  return live;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/** True when every field people see is the same (a snapshot then keeps the old object). */
export function sameProcess(a: ProcessRow, b: ProcessRow): boolean {
  return (
    a.pid === b.pid &&
    a.entry === b.entry &&
    a.host === b.host &&
    a.state === b.state &&
    a.mailbox === b.mailbox &&
    a.reductions === b.reductions &&
    a.memory === b.memory &&
    a.startedAt === b.startedAt &&
    a.version === b.version &&
    a.service === b.service &&
    a.restarts === b.restarts &&
    sameList(a.waiting, b.waiting) &&
    sameList(a.links, b.links) &&
    sameList(a.monitors, b.monitors) &&
    sameList(a.names, b.names)
  );
}
