/**
 * The inspector table's filters, search and sort (zustand), kept while people move between
 * the table and a process page. A change makes a new `query` object; an unchanged query keeps
 * its identity, which is what lets the selection skip sorting (process-selection.ts).
 */
import { create } from "zustand";
import { DEFAULT_PROCESS_QUERY, nextSort, type ProcessQuery, type SortColumn } from "./process-query";

type Filters = Omit<ProcessQuery, "sort">;

interface ProcessQueryState {
  readonly query: ProcessQuery;
  setFilters(change: Partial<Filters>): void;
  sortBy(column: SortColumn): void;
  clearFilters(): void;
}

export const useProcessQuery = create<ProcessQueryState>()((set) => ({
  query: DEFAULT_PROCESS_QUERY,
  setFilters: (change) => set(({ query }) => ({ query: { ...query, ...change } })),
  sortBy: (column) => set(({ query }) => ({ query: { ...query, sort: nextSort(query.sort, column) } })),
  clearFilters: () => set(({ query }) => ({ query: { ...DEFAULT_PROCESS_QUERY, sort: query.sort } })),
}));
