"use client";
/**
 * One log line on one row: time, level, node (when several), pid (a link to the process),
 * entry, message and fields. A button: selecting it shows the whole line below the list.
 */
import Link from "next/link";
import { memo } from "react";
import type { LiveLogLine } from "@/lib/logs/log-book";
import { formatClock, formatFields } from "@/lib/logs/log-format";
import { processHref } from "@/lib/processes/process-href";
import { PidText } from "@/components/processes/PidText";
import { LevelBadge } from "./LevelBadge";
import styles from "./logs.module.css";

interface LogLineRowProps {
  line: LiveLogLine;
  showNode: boolean;
  selected: boolean;
  onSelect: (line: LiveLogLine) => void;
}

export const LogLineRow = memo(function LogLineRow({ line, showNode, selected, onSelect }: LogLineRowProps) {
  const fields = formatFields(line.fields);
  return (
    <div
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      className={`${styles.line} ${showNode ? styles.withNode : ""}`}
      onClick={(e) => !(e.target as HTMLElement).closest("a") && onSelect(line)}
      onKeyDown={(e) => (e.key === "Enter" || e.key === " ") && (e.preventDefault(), onSelect(line))}
      data-testid="log-line"
      data-level={line.level}
      data-pid={line.pid ?? ""}
      data-entry={line.entry ?? ""}
      data-node-id={line.nodeId}
    >
      <span className={`${styles.cell} ${styles.time}`}>{formatClock(line.at)}</span>
      <span className={styles.cell}>
        <LevelBadge level={line.level} />
      </span>
      {showNode ? (
        <span className={styles.cell} title={line.nodeId}>
          {line.nodeId}
        </span>
      ) : (
        <span />
      )}
      <span className={styles.cell}>
        {line.pid ? (
          <Link href={processHref(line.nodeId, line.pid)} prefetch={false} tabIndex={-1}>
            <PidText pid={line.pid} />
          </Link>
        ) : null}
      </span>
      <span className={styles.cell} title={line.entry}>
        {line.entry ?? ""}
      </span>
      <span className={styles.cell} title={fields ? `${line.msg}\n${fields}` : line.msg} data-testid="log-msg">
        {line.msg}
        {fields ? <span className={styles.fields}>{fields}</span> : null}
      </span>
    </div>
  );
});
