"use client";
/** The workflow list's filter bar: run id search, workflow entry, creation time range. */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";
import { useTRPC } from "@/lib/trpc";
import { rangeProblem, type RunFilters } from "@/lib/workflow-filters";

export function RunFilterBar({ filters, onChange }: { filters: RunFilters; onChange: (patch: Partial<RunFilters>) => void }) {
  const trpc = useTRPC();
  const workflows = useQuery(trpc.registry.list.queryOptions({ kind: "workflow.lua", recursive: true, limit: 500 }, { staleTime: 30_000 }));
  const [id, setId] = useState(filters.id ?? "");
  const debounced = useDebouncedValue(id, 250);
  const latest = useRef({ filters, onChange });
  latest.current = { filters, onChange };

  // The URL changed from elsewhere (back/forward, Clear): follow it.
  useEffect(() => setId(filters.id ?? ""), [filters.id]);
  // Typing settles → the URL follows.
  useEffect(() => {
    const { filters: current, onChange: change } = latest.current;
    const next = debounced.trim() || undefined;
    if (next !== current.id) change({ id: next });
  }, [debounced]);

  const options: string[] = workflows.data?.items.map((e): string => e.id) ?? [];
  if (filters.workflow && !options.includes(filters.workflow)) options.push(filters.workflow);
  const problem = rangeProblem(filters);
  const any = Boolean(filters.id || filters.workflow || filters.from || filters.to || filters.status);

  return (
    <div className="toolbar" data-testid="run-filters">
      <input
        type="search"
        className="grow"
        placeholder="Run id contains…"
        aria-label="Run id contains"
        value={id}
        onChange={(e) => setId(e.target.value)}
        data-testid="filter-run-id"
      />
      <select value={filters.workflow ?? ""} onChange={(e) => onChange({ workflow: e.target.value || undefined })} aria-label="Workflow" data-testid="filter-workflow">
        <option value="">All workflows</option>
        {options.map((w) => (
          <option key={w} value={w}>
            {w}
          </option>
        ))}
      </select>
      <label className="row small-text">
        Created from
        <input type="datetime-local" value={filters.from ?? ""} onChange={(e) => onChange({ from: e.target.value || undefined })} aria-invalid={problem !== null} data-testid="filter-from" />
      </label>
      <label className="row small-text">
        until
        <input type="datetime-local" value={filters.to ?? ""} onChange={(e) => onChange({ to: e.target.value || undefined })} aria-invalid={problem !== null} data-testid="filter-to" />
      </label>
      {any ? (
        <button type="button" onClick={() => onChange({ id: undefined, workflow: undefined, from: undefined, to: undefined, status: undefined })} data-testid="filter-clear">
          Clear
        </button>
      ) : null}
      {problem ? (
        <span className="field-error" data-testid="filter-range-error">
          {problem}
        </span>
      ) : null}
    </div>
  );
}
