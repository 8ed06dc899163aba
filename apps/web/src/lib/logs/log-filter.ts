/**
 * Filters of the live log view: node, pid, entry, a minimum level and a text search over the
 * message and its fields. Pure (tested in log-book.test.ts).
 */
import { LOG_LEVELS, type LogLevel } from "@wippy/shared";
import type { LiveLogLine } from "./log-book";

export interface LogFilter {
  readonly node: string;
  /** Part of a pid (`0x0002` finds `{app|0x00002}`… when typed in full it finds one). */
  readonly pid: string;
  /** Part of an entry id, any case (`announcer` finds `adapt:announcer`). */
  readonly entry: string;
  readonly level: LogLevel;
  readonly search: string;
}

export const DEFAULT_LOG_FILTER: LogFilter = Object.freeze({ node: "", pid: "", entry: "", level: "trace", search: "" });

const RANK: Readonly<Record<LogLevel, number>> = Object.fromEntries(LOG_LEVELS.map((level, i) => [level, i])) as Record<LogLevel, number>;

export function atLeast(level: LogLevel, min: LogLevel): boolean {
  return RANK[level] >= RANK[min];
}

const texts = new WeakMap<LiveLogLine, string>();

function textOf(line: LiveLogLine): string {
  let text = texts.get(line);
  if (text === undefined) {
    text = `${line.msg}\n${Object.keys(line.fields).length > 0 ? JSON.stringify(line.fields) : ""}`.toLowerCase();
    texts.set(line, text);
  }
  return text;
}

export function logMatcherOf(filter: LogFilter): (line: LiveLogLine) => boolean {
  const search = filter.search.trim().toLowerCase();
  const pid = filter.pid.trim();
  const entry = filter.entry.trim().toLowerCase();
  return (line) =>
    (filter.node === "" || line.nodeId === filter.node) &&
    (pid === "" || (line.pid !== undefined && line.pid.includes(pid))) &&
    (entry === "" || (line.entry !== undefined && line.entry.toLowerCase().includes(entry))) &&
    atLeast(line.level, filter.level) &&
    (search === "" || textOf(line).includes(search));
}

export function isLogFiltered(filter: LogFilter): boolean {
  return filter.node !== "" || filter.pid.trim() !== "" || filter.entry.trim() !== "" || filter.level !== "trace" || filter.search.trim() !== "";
}

/** Nodes and entries the filters offer, from the lines held. */
export function logFacetsOf(lines: readonly LiveLogLine[]): { nodes: string[]; entries: string[] } {
  const nodes = new Set<string>();
  const entries = new Set<string>();
  for (const line of lines) {
    nodes.add(line.nodeId);
    if (line.entry) entries.add(line.entry);
  }
  return { nodes: [...nodes].sort(), entries: [...entries].sort() };
}
