"use client";
/**
 * The rows the inspector table shows for `query`, recomputed once per store flush. The
 * previous selection and the flush's changes let an update that moved nothing skip the sort
 * (lib/processes/process-selection.ts); a skipped version or a new query sorts again.
 */
import { useMemo, useRef } from "react";
import { selectProcesses, type ProcessSelection } from "@/lib/processes/process-selection";
import { facetsOf, keepsFacets, type ProcessFacets } from "@/lib/processes/process-facets";
import type { ProcessQuery } from "@/lib/processes/process-query";
import { useProcessStore } from "@/lib/processes/process-store";

export function useProcessSelection(query: ProcessQuery): ProcessSelection {
  const version = useProcessStore((s) => s.version);
  const last = useRef<{ version: number; selection: ProcessSelection } | null>(null);
  return useMemo(() => {
    const { table, changes } = useProcessStore.getState();
    const previous = last.current;
    const usable = previous && previous.version === version - 1 ? changes : null;
    const selection = selectProcesses(table, query, previous?.selection ?? null, usable);
    last.current = { version, selection };
    return selection;
  }, [version, query]);
}

/** Filter choices and state counts over every row; counted again only when an update may have moved them. */
export function useProcessFacets(): ProcessFacets {
  const version = useProcessStore((s) => s.version);
  const last = useRef<{ version: number; facets: ProcessFacets } | null>(null);
  return useMemo(() => {
    const { table, changes } = useProcessStore.getState();
    const previous = last.current;
    const facets = previous && previous.version === version - 1 && changes && keepsFacets(table, changes) ? previous.facets : facetsOf(table.values());
    last.current = { version, facets };
    return facets;
  }, [version]);
}
