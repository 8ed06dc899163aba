"use client";
/** The live log's filters (level, node, entry, pid, text) and the pause button. Entry and pid match any part; entries seen are offered. */
import { useId } from "react";
import { LOG_LEVELS, type LogLevel } from "@wippy/shared";
import { DEFAULT_LOG_FILTER, isLogFiltered, type LogFilter } from "@/lib/logs/log-filter";
import styles from "./logs.module.css";

interface LogToolbarProps {
  filter: LogFilter;
  onChange: (change: Partial<LogFilter>) => void;
  facets: { nodes: readonly string[]; entries: readonly string[] };
  paused: boolean;
  onPause: (paused: boolean) => void;
}

export function LogToolbar({ filter, onChange, facets, paused, onPause }: LogToolbarProps) {
  const entriesId = useId();
  const withCurrent = (values: readonly string[], current: string) => (current && !values.includes(current) ? [...values, current] : values);
  return (
    <div className="toolbar" role="search" data-testid="log-toolbar">
      <input type="search" className="grow" placeholder="Search text…" aria-label="Search log lines" value={filter.search} onChange={(e) => onChange({ search: e.target.value })} data-testid="log-search" />
      <select aria-label="Minimum level" value={filter.level} onChange={(e) => onChange({ level: e.target.value as LogLevel })} data-testid="log-level-filter">
        {LOG_LEVELS.map((level) => (
          <option key={level} value={level}>
            {level === "trace" ? "All levels" : `${level} and above`}
          </option>
        ))}
      </select>
      <select aria-label="Node" value={filter.node} onChange={(e) => onChange({ node: e.target.value })} data-testid="log-node-filter">
        <option value="">All nodes</option>
        {withCurrent(facets.nodes, filter.node).map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      <input
        className={styles.entryInput}
        placeholder="Entry"
        aria-label="Entry"
        list={entriesId}
        value={filter.entry}
        onChange={(e) => onChange({ entry: e.target.value })}
        data-testid="log-entry-filter"
      />
      <datalist id={entriesId}>
        {facets.entries.map((entry) => (
          <option key={entry} value={entry} />
        ))}
      </datalist>
      <input className={styles.pidInput} placeholder="Pid" aria-label="Pid" value={filter.pid} onChange={(e) => onChange({ pid: e.target.value })} data-testid="log-pid-filter" />
      {isLogFiltered(filter) ? (
        <button type="button" className="btn-sm" onClick={() => onChange(DEFAULT_LOG_FILTER)} data-testid="log-clear-filters">
          Clear filters
        </button>
      ) : null}
      <button type="button" className={paused ? "primary" : undefined} onClick={() => onPause(!paused)} aria-pressed={paused} data-testid="log-pause">
        {paused ? "▶ Resume" : "❚❚ Pause"}
      </button>
    </div>
  );
}
