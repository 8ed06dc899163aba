/**
 * The rows the table shows, in order — recomputed as little as a 1 Hz stream of 10,000 rows
 * allows. A full pass filters and sorts every row; when the table only replaced rows (no row
 * came or went) and none of the replaced rows changed its sort value or whether it matches,
 * the previous order is kept and only the row objects are swapped in (O(n), no sort).
 *
 * In: the table's rows, the query, the table's `TableChanges` since the previous selection.
 * Out: a `ProcessSelection` (tested in process-selection.test.ts).
 */
import type { LiveProcess } from "./live-process";
import { comparatorOf, matcherOf, sortValue, type ProcessQuery } from "./process-query";
import type { TableChanges } from "./process-table";

export interface ProcessSelection {
  readonly query: ProcessQuery;
  readonly rows: readonly LiveProcess[];
  /** Whether this selection sorted (false: it kept the previous order). For tests and the bench. */
  readonly sorted: boolean;
}

export interface RowSource {
  values(): Iterable<LiveProcess>;
  find(nodeId: string, pid: string): LiveProcess | undefined;
}

export function selectProcesses(source: RowSource, query: ProcessQuery, previous: ProcessSelection | null, changes: TableChanges | null): ProcessSelection {
  const matches = matcherOf(query);
  if (previous && changes && previous.query === query && keepsOrder(source, query, changes, matches)) {
    if (changes.replaced.length === 0) return previous;
    return { query, rows: previous.rows.map((row) => source.find(row.nodeId, row.pid) ?? row), sorted: false };
  }
  const rows: LiveProcess[] = [];
  for (const row of source.values()) if (matches(row)) rows.push(row);
  rows.sort(comparatorOf(query.sort));
  return { query, rows, sorted: true };
}

function keepsOrder(source: RowSource, query: ProcessQuery, changes: TableChanges, matches: (row: LiveProcess) => boolean): boolean {
  if (changes.structural) return false;
  for (const old of changes.replaced) {
    const current = source.find(old.nodeId, old.pid);
    if (!current) return false;
    const was = matches(old);
    if (was !== matches(current)) return false;
    if (was && sortValue(old, query.sort.column) !== sortValue(current, query.sort.column)) return false;
  }
  return true;
}
