"use client";
/**
 * One row of the inspector table. Memoized on the row object (the table replaces only the
 * rows that changed) and the second the uptime is shown for; a click anywhere opens the
 * process page, the pid is the keyboard's link to it. Links do not prefetch: scrolling through
 * 10,000 rows would otherwise fetch a route for every row that passes by.
 */
import Link from "next/link";
import { memo } from "react";
import { formatBytes } from "@/lib/format";
import { describeState, formatCount, formatExact, formatUptime } from "@/lib/processes/process-format";
import { processHref } from "@/lib/processes/process-href";
import type { LiveProcess } from "@/lib/processes/live-process";
import { PidText } from "./PidText";
import styles from "./processes.module.css";

/** A mailbox this long is worth a look. */
export const BUSY_MAILBOX = 100;

interface ProcessRowViewProps {
  row: LiveProcess;
  /** Offset of the row in the table body, in pixels. */
  top: number;
  index: number;
  now: number;
  onOpen: (row: LiveProcess) => void;
}

export const ProcessRowView = memo(function ProcessRowView({ row, top, index, now, onOpen }: ProcessRowViewProps) {
  const state = describeState(row);
  return (
    <tr
      className={styles.row}
      role="row"
      aria-rowindex={index + 2}
      style={{ transform: `translateY(${top}px)` }}
      onClick={(event) => {
        if (!(event.target as HTMLElement).closest("a")) onOpen(row);
      }}
      data-testid="process-row"
      data-node-id={row.nodeId}
      data-pid={row.pid}
      data-entry={row.entry}
      data-service={row.service ?? ""}
      data-restarts={row.restarts ?? ""}
    >
      <td role="cell" className={styles.pid}>
        <Link href={processHref(row.nodeId, row.pid)} prefetch={false} data-testid="process-link">
          <PidText pid={row.pid} />
        </Link>
      </td>
      <td role="cell" title={row.service ? `${row.entry}\nservice ${row.service}` : row.entry}>
        {row.service ? <span className="badge accent">svc</span> : null} {row.entry}
      </td>
      <td role="cell" title={row.host}>{row.host}</td>
      <td role="cell" title={row.nodeId}>{row.nodeId}</td>
      <td role="cell" title={state}>
        <span className={styles.state}>
          <span className={styles.dot} data-state={row.state} aria-hidden="true" />
          {state}
        </span>
      </td>
      <td role="cell" className={`num ${row.mailbox >= BUSY_MAILBOX ? styles.hot : ""}`}>{row.mailbox}</td>
      <td role="cell" className="num" title={formatExact(row.reductions)}>
        {formatCount(row.reductions)}
      </td>
      <td role="cell" className="num">{formatBytes(row.memory)}</td>
      <td role="cell" className="num" title={row.links.join("\n")}>
        {row.links.length}
      </td>
      <td role="cell" className="num" title={row.monitors.join("\n")}>
        {row.monitors.length}
      </td>
      <td role="cell" title={row.names.join(", ")}>{row.names.length > 0 ? row.names.join(", ") : <span className={styles.dim}>—</span>}</td>
      <td role="cell" className="num">{formatUptime(now - row.startedAt)}</td>
      <td role="cell" className="num" data-testid="process-restarts">
        {row.restarts ?? <span className={styles.dim}>—</span>}
      </td>
      <td role="cell" className="num">v{row.version}</td>
    </tr>
  );
});
