"use client";
/** One button per status with how many runs the other filters leave in it; the pressed one filters the list. */
import type { RouterOutputs } from "@/lib/trpc";
import { RUN_STATUS_FILTERS, type RunStatusFilter } from "@/lib/workflow-filters";
import styles from "./workflows.module.css";

type Counts = RouterOutputs["workflows"]["list"]["counts"];

export function StatusTabs({ status, counts, onSelect }: { status: RunStatusFilter | undefined; counts: Counts | undefined; onSelect: (status: RunStatusFilter | undefined) => void }) {
  const tabs: { id: RunStatusFilter | undefined; label: string; count: number | undefined }[] = [
    { id: undefined, label: "All", count: counts?.all },
    ...RUN_STATUS_FILTERS.map((s) => ({ id: s, label: s[0]?.toUpperCase() + s.slice(1), count: counts?.[s] })),
  ];
  return (
    <div className={styles.statusTabs} role="group" aria-label="Status" data-testid="status-tabs">
      {tabs.map((tab) => (
        <button
          key={tab.id ?? "all"}
          type="button"
          className={`btn-sm ${styles.statusTab}`}
          aria-pressed={status === tab.id}
          onClick={() => onSelect(tab.id)}
          data-testid={`status-${tab.id ?? "all"}`}
        >
          {tab.label}
          <span className={styles.count} data-testid={`status-count-${tab.id ?? "all"}`}>
            {tab.count ?? "…"}
          </span>
        </button>
      ))}
    </div>
  );
}
