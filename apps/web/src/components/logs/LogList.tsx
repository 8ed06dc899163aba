"use client";
/**
 * The live log's lines, virtualized (fixed 28 px rows), oldest first. It follows new lines
 * while it is scrolled to the bottom; scrolling up stops that (a "Jump to latest" button
 * brings it back), so reading an older line is never interrupted.
 */
import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useLayoutEffect, useRef, useState } from "react";
import type { LiveLogLine } from "@/lib/logs/log-book";
import { LogLineRow } from "./LogLineRow";
import styles from "./logs.module.css";

export const LOG_ROW_HEIGHT = 28;
/** Pixels from the bottom that still count as "at the bottom". */
const STICK_PX = LOG_ROW_HEIGHT;

interface LogListProps {
  lines: readonly LiveLogLine[];
  showNode: boolean;
  selected: string | null;
  onSelect: (line: LiveLogLine) => void;
}

export function LogList({ lines, showNode, selected, onSelect }: LogListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  // Items are keyed by index (the default): every line has one height, so nothing is measured
  // again when lines come and go. React keys lines by their own key below.
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => LOG_ROW_HEIGHT,
    overscan: 20,
  });
  const total = virtualizer.getTotalSize();
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && follow) el.scrollTop = el.scrollHeight;
  }, [lines, follow, total]);
  const jump = useCallback(() => setFollow(true), []);

  return (
    <div className="card" style={{ position: "relative" }}>
      <div
        ref={scroller}
        className={styles.scroller}
        onScroll={(e) => {
          const el = e.currentTarget;
          const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= STICK_PX;
          if (atBottom !== follow) setFollow(atBottom);
        }}
        aria-label="Log lines"
        data-testid="log-list"
        data-follow={follow}
        data-count={lines.length}
      >
        <div style={{ height: total, position: "relative" }}>
          {virtualizer.getVirtualItems().map((item) => {
            const line = lines[item.index];
            if (!line) return null;
            return (
              <div key={line.key} style={{ position: "absolute", top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}>
                <LogLineRow line={line} showNode={showNode} selected={line.key === selected} onSelect={onSelect} />
              </div>
            );
          })}
        </div>
      </div>
      {!follow ? (
        <button type="button" className={`primary btn-sm ${styles.jumpButton}`} onClick={jump} data-testid="log-jump">
          ↓ Jump to latest
        </button>
      ) : null}
    </div>
  );
}
