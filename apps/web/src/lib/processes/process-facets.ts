/**
 * The filter choices of the inspector table — every node, host, entry and service — and the
 * count of processes per state, over every row (not only the shown ones).
 *
 * An update that changed none of those fields of any row (the usual 1 Hz delta: reductions,
 * memory, mailbox) keeps the previous facets: `keepsFacets` says so in one pass over the
 * replaced rows, cheaper than counting 10,000 rows again. Pure (tested in process-query.test.ts).
 */
import { PROCESS_STATES } from "@wippy/shared";
import type { LiveProcess } from "./live-process";
import type { ProcessState } from "./process-query";
import type { RowSource } from "./process-selection";
import type { TableChanges } from "./process-table";

export interface ProcessFacets {
  readonly nodes: readonly string[];
  readonly hosts: readonly string[];
  readonly entries: readonly string[];
  readonly services: readonly string[];
  readonly states: Readonly<Record<ProcessState, number>>;
}

/** The values the filters offer, from every row (not only the shown ones). */
export function facetsOf(rows: Iterable<LiveProcess>): ProcessFacets {
  const nodes = new Set<string>();
  const hosts = new Set<string>();
  const entries = new Set<string>();
  const services = new Set<string>();
  const states = Object.fromEntries(PROCESS_STATES.map((s) => [s, 0])) as Record<ProcessState, number>;
  for (const row of rows) {
    nodes.add(row.nodeId);
    hosts.add(row.host);
    entries.add(row.entry);
    if (row.service) services.add(row.service);
    states[row.state] += 1;
  }
  const sorted = (set: Set<string>) => [...set].sort();
  return { nodes: sorted(nodes), hosts: sorted(hosts), entries: sorted(entries), services: sorted(services), states };
}

/** True when `changes` cannot have changed the facets. */
export function keepsFacets(source: RowSource, changes: TableChanges): boolean {
  if (changes.structural) return false;
  for (const old of changes.replaced) {
    const current = source.find(old.nodeId, old.pid);
    if (!current || current.state !== old.state || current.host !== old.host || current.entry !== old.entry || current.service !== old.service) return false;
  }
  return true;
}
