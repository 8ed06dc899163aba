"use client";
/**
 * The inspector's live table, virtualized: only the rows in view (and a few around) are in
 * the DOM, each placed at its offset in a body as tall as all rows, so 10,000 processes cost
 * what 40 do. Rows are CSS grids on one column template (`--process-columns`) and are
 * positioned, not flowed: a row coming into view lays out alone instead of the whole table.
 * Row heights are fixed (`ROW_HEIGHT`): nothing is measured while the data streams in.
 */
import { useVirtualizer } from "@tanstack/react-virtual";
import { useRouter } from "next/navigation";
import { useCallback, useRef, type CSSProperties } from "react";
import { useNow } from "@/lib/hooks/use-now";
import type { LiveProcess } from "@/lib/processes/live-process";
import { processHref } from "@/lib/processes/process-href";
import type { ProcessSort, SortColumn } from "@/lib/processes/process-query";
import { PROCESS_GRID_COLUMNS, PROCESS_TABLE_WIDTH } from "./process-columns";
import { ProcessRowView } from "./ProcessRowView";
import { ProcessTableHead } from "./ProcessTableHead";
import styles from "./processes.module.css";

export const ROW_HEIGHT = 35;
const OVERSCAN = 10;
const GRID_STYLE = { "--process-columns": PROCESS_GRID_COLUMNS, minWidth: PROCESS_TABLE_WIDTH } as CSSProperties;

interface ProcessTableProps {
  rows: readonly LiveProcess[];
  sort: ProcessSort;
  onSort: (column: SortColumn) => void;
}

export function ProcessTable({ rows, sort, onSort }: ProcessTableProps) {
  const router = useRouter();
  const scroller = useRef<HTMLDivElement>(null);
  const now = useNow();
  // Items are keyed by index (the default): rows all have one height, and a key function that
  // changes with every update would make the virtualizer measure all 10,000 rows again. React
  // keys rows by process below.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
  });
  const open = useCallback((row: LiveProcess) => router.push(processHref(row.nodeId, row.pid)), [router]);
  const items = virtualizer.getVirtualItems();

  return (
    <div className={`card ${styles.scroller}`} ref={scroller} data-testid="process-table-scroller">
      <table className={`table ${styles.grid}`} style={GRID_STYLE} role="table" aria-rowcount={rows.length + 1} data-testid="process-table" data-rows={rows.length}>
        <ProcessTableHead sort={sort} onSort={onSort} />
        <tbody className={styles.body} style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index];
            return row ? <ProcessRowView key={row.key} row={row} top={item.start} index={item.index} now={now} onOpen={open} /> : null;
          })}
        </tbody>
      </table>
    </div>
  );
}
