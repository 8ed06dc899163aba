"use client";
/**
 * /logs — every node's log, live: the recent lines and those streamed since, filtered by
 * node, pid, entry, minimum level and text. Pause freezes the view (new lines are still kept
 * and counted); the newest `DEFAULT_LOG_BOOK_CAPACITY` lines are held. `?node=&pid=&entry=&level=`
 * set the first filters (the process page links here).
 */
import { useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { LOG_LEVELS, type LogLevel } from "@wippy/shared";
import { LiveIndicator } from "@/components/processes/LiveIndicator";
import { EmptyState } from "@/components/ui/EmptyState";
import { Loading } from "@/components/ui/Loading";
import { PageHeader } from "@/components/ui/PageHeader";
import { useLiveLogs } from "@/lib/hooks/use-live-logs";
import { DEFAULT_LOG_BOOK_CAPACITY, type LiveLogLine } from "@/lib/logs/log-book";
import { DEFAULT_LOG_FILTER, isLogFiltered, logFacetsOf, logMatcherOf, type LogFilter } from "@/lib/logs/log-filter";
import { formatExact } from "@/lib/processes/process-format";
import { LogLineDetail } from "./LogLineDetail";
import { LogList } from "./LogList";
import { LogToolbar } from "./LogToolbar";
import styles from "./logs.module.css";

function filterFromParams(params: URLSearchParams): LogFilter {
  const level = params.get("level");
  return {
    ...DEFAULT_LOG_FILTER,
    node: params.get("node") ?? "",
    pid: params.get("pid") ?? "",
    entry: params.get("entry") ?? "",
    level: level && (LOG_LEVELS as readonly string[]).includes(level) ? (level as LogLevel) : DEFAULT_LOG_FILTER.level,
  };
}

export function LogsPage() {
  const params = useSearchParams();
  const { lines, status } = useLiveLogs();
  const [filter, setFilter] = useState<LogFilter>(() => filterFromParams(params));
  const [frozen, setFrozen] = useState<readonly LiveLogLine[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const source = frozen ?? lines;
  const shown = useMemo(() => source.filter(logMatcherOf(filter)), [source, filter]);
  const facets = useMemo(() => logFacetsOf(lines), [lines]);
  const change = useCallback((next: Partial<LogFilter>) => setFilter((f) => ({ ...f, ...next })), []);
  const select = useCallback((line: LiveLogLine) => setSelected((current) => (current === line.key ? null : line.key)), []);
  const pause = (paused: boolean) => setFrozen(paused ? lines : null);
  const waiting = frozen ? lines.length - frozen.length + countDropped(frozen, lines) : 0;
  const chosen = selected ? shown.find((l) => l.key === selected) : undefined;

  return (
    <>
      <PageHeader title="Logs" subtitle="Every runtime node's log, live. Lines of a process carry its pid and entry.">
        <LiveIndicator connection={status.connection} testId="logs-live" />
      </PageHeader>
      {status.problem ? <div className="notice warning" data-testid="logs-problem">{status.problem}</div> : null}
      {status.nodeErrors.map((n) => (
        <div key={n.nodeId} className="notice warning" data-testid="logs-node-error">
          The recent lines of node <span className="mono">{n.nodeId}</span> could not be read ({n.error}); its new lines still appear.
        </div>
      ))}
      <LogToolbar filter={filter} onChange={change} facets={facets} paused={frozen !== null} onPause={pause} />
      <div className={styles.bar} data-testid="log-counts" data-shown={shown.length}>
        <span>
          Showing <strong>{formatExact(shown.length)}</strong> of <strong>{formatExact(source.length)}</strong> lines
          <span className="small-text"> · the newest {formatExact(DEFAULT_LOG_BOOK_CAPACITY)} are kept</span>
        </span>
        {frozen ? (
          <span className="badge warning" data-testid="log-paused">
            Paused · {formatExact(waiting)} new {waiting === 1 ? "line" : "lines"}
          </span>
        ) : null}
      </div>
      {status.connection === "connecting" && lines.length === 0 ? (
        <Loading label="Loading log lines…" testId="logs-loading" />
      ) : shown.length === 0 ? (
        <EmptyState testId="logs-empty">
          {isLogFiltered(filter) ? (
            <>
              No line matches these filters.{" "}
              <button type="button" className="btn-sm" onClick={() => setFilter(DEFAULT_LOG_FILTER)}>
                Clear filters
              </button>
            </>
          ) : (
            "No log lines yet. Lines appear here as the nodes write them."
          )}
        </EmptyState>
      ) : (
        <LogList lines={shown} showNode={facets.nodes.length > 1} selected={selected} onSelect={select} />
      )}
      {chosen ? <LogLineDetail line={chosen} /> : null}
    </>
  );
}

/** Lines that left the book while paused (it is capped) also arrived after the pause. */
function countDropped(frozen: readonly LiveLogLine[], lines: readonly LiveLogLine[]): number {
  const first = lines[0];
  if (!first) return 0;
  const at = frozen.findIndex((l) => l.key === first.key);
  return at < 0 ? frozen.length : at;
}
