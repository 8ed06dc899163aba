/** The inspector table's columns: the header each shows, its width and alignment. */
import type { SortColumn } from "@/lib/processes/process-query";

export interface ProcessColumn {
  readonly id: SortColumn;
  readonly label: string;
  /** Pixels: fixed, so 10,000 changing rows never move a column. */
  readonly width: number;
  readonly numeric: boolean;
  readonly title: string;
  /** Share of the room left in a wide window (text columns); numbers keep their width. */
  readonly grow?: number;
}

export const PROCESS_COLUMNS: readonly ProcessColumn[] = [
  { id: "pid", label: "Pid", width: 150, numeric: false, title: "Process id (host and number)" },
  { id: "entry", grow: 2, label: "Entry", width: 160, numeric: false, title: "The registry entry it runs; svc: it runs as a service" },
  { id: "host", grow: 1, label: "Host", width: 120, numeric: false, title: "The process host" },
  { id: "node", grow: 1, label: "Node", width: 110, numeric: false, title: "The runtime node" },
  { id: "state", grow: 1, label: "State", width: 140, numeric: false, title: "State, and what it waits on" },
  { id: "mailbox", label: "Mailbox", width: 80, numeric: true, title: "Messages waiting in its mailbox" },
  { id: "reductions", label: "Reductions", width: 100, numeric: true, title: "Instructions run (work units)" },
  { id: "memory", label: "Memory", width: 80, numeric: true, title: "Memory estimate" },
  { id: "links", label: "Links", width: 64, numeric: true, title: "Linked processes" },
  { id: "monitors", label: "Mon.", width: 60, numeric: true, title: "Processes it monitors" },
  { id: "names", grow: 1, label: "Names", width: 100, numeric: false, title: "Registered names" },
  { id: "uptime", label: "Uptime", width: 84, numeric: true, title: "Time since it started" },
  { id: "restarts", label: "Restarts", width: 84, numeric: true, title: "Restarts of its service" },
  { id: "version", label: "Ver.", width: 58, numeric: true, title: "Registry version of its code" },
];

/** The table's least width: it scrolls sideways in narrower windows, the pid column staying in view. */
export const PROCESS_TABLE_WIDTH = PROCESS_COLUMNS.reduce((sum, c) => sum + c.width, 0);

/** The rows' CSS grid template (`--process-columns`). */
export const PROCESS_GRID_COLUMNS = PROCESS_COLUMNS.map((c) => (c.grow ? `minmax(${c.width}px, ${c.grow}fr)` : `${c.width}px`)).join(" ");
