"use client";
/** How many processes the table shows of how many, on how many nodes, by state. */
import { memo } from "react";
import { PROCESS_STATES } from "@wippy/shared";
import { formatExact } from "@/lib/processes/process-format";
import type { ProcessFacets } from "@/lib/processes/process-facets";
import styles from "./processes.module.css";

export const ProcessCounts = memo(function ProcessCounts({ shown, total, nodes, facets }: { shown: number; total: number; nodes: number; facets: ProcessFacets }) {
  return (
    <div className={styles.counts} data-testid="process-counts" data-shown={shown} data-total={total}>
      <span>
        Showing <strong>{formatExact(shown)}</strong> of <strong>{formatExact(total)}</strong> processes on <strong>{nodes}</strong> {nodes === 1 ? "node" : "nodes"}
      </span>
      {PROCESS_STATES.filter((s) => facets.states[s] > 0).map((s) => (
        <span key={s} className={styles.state}>
          <span className={styles.dot} data-state={s} aria-hidden="true" />
          {s} {formatExact(facets.states[s])}
        </span>
      ))}
    </div>
  );
});
