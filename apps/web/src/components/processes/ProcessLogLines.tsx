"use client";
/**
 * The process's own log lines (the node's last ones for this pid), oldest first; the box
 * follows new lines while it is scrolled to the bottom. "Open in Logs" continues in the live
 * log view, filtered to this pid.
 */
import Link from "next/link";
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { LogLine } from "@wippy/shared";
import { LogLineDetail } from "@/components/logs/LogLineDetail";
import { LogLineRow } from "@/components/logs/LogLineRow";
import styles from "@/components/logs/logs.module.css";
import { EmptyState } from "@/components/ui/EmptyState";
import type { LiveLogLine } from "@/lib/logs/log-book";
import { processLogsHref } from "@/lib/processes/process-href";

/** Pixels from the bottom that still count as "at the bottom". */
const STICK_PX = 24;

export function ProcessLogLines({ nodeId, pid, lines }: { nodeId: string; pid: string; lines: readonly LogLine[] }) {
  const box = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const [selected, setSelected] = useState<string | null>(null);
  const live = useMemo<LiveLogLine[]>(() => lines.map((l) => ({ ...l, nodeId, key: `${nodeId}|${l.seq}|${l.at}` })), [lines, nodeId]);
  const select = useCallback((line: LiveLogLine) => setSelected((current) => (current === line.key ? null : line.key)), []);
  useLayoutEffect(() => {
    const el = box.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [live]);

  const chosen = live.find((l) => l.key === selected);
  return (
    <div className="stack" style={{ gap: 8 }}>
      {live.length === 0 ? (
        <EmptyState testId="process-logs-empty">This process has not logged anything the node still holds.</EmptyState>
      ) : (
        <div
          ref={box}
          className={styles.short}
          onScroll={(e) => {
            const el = e.currentTarget;
            stick.current = el.scrollHeight - el.scrollTop - el.clientHeight <= STICK_PX;
          }}
          data-testid="process-logs"
        >
          {live.map((line) => (
            <LogLineRow key={line.key} line={line} showNode={false} selected={line.key === selected} onSelect={select} />
          ))}
        </div>
      )}
      {chosen ? <LogLineDetail line={chosen} /> : null}
      <div>
        <Link href={processLogsHref(nodeId, pid)} className="small-text" data-testid="open-in-logs">
          Open in Logs →
        </Link>
      </div>
    </div>
  );
}
