"use client";
/** The inspector table's header: each column sorts on click (again: the other way). */
import { memo } from "react";
import type { ProcessSort, SortColumn } from "@/lib/processes/process-query";
import { PROCESS_COLUMNS } from "./process-columns";
import styles from "./processes.module.css";

export const ProcessTableHead = memo(function ProcessTableHead({ sort, onSort }: { sort: ProcessSort; onSort: (column: SortColumn) => void }) {
  return (
    <thead className={styles.head}>
      <tr role="row">
        {PROCESS_COLUMNS.map((column) => {
          const active = sort.column === column.id;
          return (
            <th key={column.id} role="columnheader" className={column.numeric ? styles.numHead : undefined} aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : "none"} title={column.title}>
              <button type="button" className={styles.sortButton} onClick={() => onSort(column.id)} data-testid={`sort-${column.id}`}>
                {column.label}
                <span className={styles.sortMark} aria-hidden="true">
                  {active ? (sort.dir === "asc" ? "▲" : "▼") : ""}
                </span>
              </button>
            </th>
          );
        })}
      </tr>
    </thead>
  );
});
