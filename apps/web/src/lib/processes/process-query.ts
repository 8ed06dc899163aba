/**
 * What the inspector's table shows: filters (node, host, state, entry or service), a search
 * (pid, entry, service, registered names) and a sort on any column. Pure functions over
 * `LiveProcess` rows (tested in process-query.test.ts).
 *
 * Terms:
 * - `ProcessQuery`: the filters, the search text and the sort; `""` means "any";
 * - `target`: one entry (`entry:<id>`) or one service (`service:<id>`);
 * - a `SortColumn`'s value is a number or a string; `uptime` sorts by start time (the
 *   youngest first when ascending); ties go by node and pid, so the order is stable.
 */
import type { ProcessRow } from "@wippy/shared";
import type { LiveProcess } from "./live-process";

export type ProcessState = ProcessRow["state"];

export const SORT_COLUMNS = ["pid", "entry", "host", "node", "state", "mailbox", "reductions", "memory", "links", "monitors", "names", "uptime", "restarts", "version"] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type SortDirection = "asc" | "desc";

export interface ProcessSort {
  readonly column: SortColumn;
  readonly dir: SortDirection;
}

export interface ProcessQuery {
  readonly search: string;
  readonly node: string;
  readonly host: string;
  readonly state: ProcessState | "";
  readonly target: string;
  readonly sort: ProcessSort;
}

export const DEFAULT_PROCESS_QUERY: ProcessQuery = Object.freeze({ search: "", node: "", host: "", state: "", target: "", sort: Object.freeze({ column: "pid", dir: "asc" }) });

/** Numbers first sort biggest first: what people look for in a mailbox or memory column. */
export const NUMERIC_COLUMNS: ReadonlySet<SortColumn> = new Set(["mailbox", "reductions", "memory", "links", "monitors", "uptime", "restarts", "version"]);

export function entryTarget(entry: string): string {
  return `entry:${entry}`;
}

export function serviceTarget(service: string): string {
  return `service:${service}`;
}

export function sortValue(row: LiveProcess, column: SortColumn): number | string {
  switch (column) {
    case "pid":
      return row.pid;
    case "entry":
      return row.entry;
    case "host":
      return row.host;
    case "node":
      return row.nodeId;
    case "state":
      return `${row.state} ${row.waiting.join(",")}`;
    case "mailbox":
      return row.mailbox;
    case "reductions":
      return row.reductions;
    case "memory":
      return row.memory;
    case "links":
      return row.links.length;
    case "monitors":
      return row.monitors.length;
    case "names":
      return row.names.join(",");
    case "uptime":
      return -row.startedAt;
    case "restarts":
      return row.restarts ?? -1;
    case "version":
      return row.version;
    default:
      return assertNever(column);
  }
}

function compareValues(a: number | string, b: number | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function comparatorOf(sort: ProcessSort): (a: LiveProcess, b: LiveProcess) => number {
  const sign = sort.dir === "asc" ? 1 : -1;
  return (a, b) => sign * compareValues(sortValue(a, sort.column), sortValue(b, sort.column)) || compareValues(a.key, b.key);
}

/** Lower-cased search text per row object; rows are immutable, so it is computed once per version of a row. */
const haystacks = new WeakMap<LiveProcess, string>();

function haystackOf(row: LiveProcess): string {
  let text = haystacks.get(row);
  if (text === undefined) {
    text = `${row.pid}\n${row.entry}\n${row.service ?? ""}\n${row.names.join("\n")}`.toLowerCase();
    haystacks.set(row, text);
  }
  return text;
}

export function matcherOf(query: ProcessQuery): (row: LiveProcess) => boolean {
  const needle = query.search.trim().toLowerCase();
  const [targetKind, targetId] = splitTarget(query.target);
  return (row) =>
    (query.node === "" || row.nodeId === query.node) &&
    (query.host === "" || row.host === query.host) &&
    (query.state === "" || row.state === query.state) &&
    (targetKind === null || (targetKind === "entry" ? row.entry === targetId : row.service === targetId)) &&
    (needle === "" || haystackOf(row).includes(needle));
}

function splitTarget(target: string): ["entry" | "service" | null, string] {
  if (target.startsWith("entry:")) return ["entry", target.slice("entry:".length)];
  if (target.startsWith("service:")) return ["service", target.slice("service:".length)];
  return [null, ""];
}

export function isFiltered(query: ProcessQuery): boolean {
  return query.search.trim() !== "" || query.node !== "" || query.host !== "" || query.state !== "" || query.target !== "";
}

/** Clicking a column: the same column flips direction; a new one starts at its natural order. */
export function nextSort(current: ProcessSort, column: SortColumn): ProcessSort {
  if (current.column === column) return { column, dir: current.dir === "asc" ? "desc" : "asc" };
  return { column, dir: NUMERIC_COLUMNS.has(column) && column !== "uptime" ? "desc" : "asc" };
}

function assertNever(value: never): never {
  throw new Error(`unknown sort column: ${String(value)}`);
}
