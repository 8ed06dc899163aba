"use client";
/** The inspector's search box and filters (node, host, state, entry or service). */
import { memo } from "react";
import { PROCESS_STATES } from "@wippy/shared";
import type { ProcessFacets } from "@/lib/processes/process-facets";
import { entryTarget, isFiltered, serviceTarget, type ProcessState } from "@/lib/processes/process-query";
import { useProcessQuery } from "@/lib/processes/process-query-store";
import styles from "./processes.module.css";

export const ProcessToolbar = memo(function ProcessToolbar({ facets }: { facets: ProcessFacets }) {
  const query = useProcessQuery((s) => s.query);
  const setFilters = useProcessQuery((s) => s.setFilters);
  const clearFilters = useProcessQuery((s) => s.clearFilters);
  // A filter set to a value no row has any more (its node left) stays selectable, so it can be seen and cleared.
  const withCurrent = (values: readonly string[], current: string) => (current && !values.includes(current) ? [...values, current] : values);

  return (
    <div className={`toolbar ${styles.toolbar}`} role="search" data-testid="process-toolbar">
      <input
        type="search"
        className="grow"
        placeholder="Search pid, entry, service, name…"
        aria-label="Search processes"
        value={query.search}
        onChange={(e) => setFilters({ search: e.target.value })}
        data-testid="process-search"
      />
      <select aria-label="Node" value={query.node} onChange={(e) => setFilters({ node: e.target.value })} data-testid="filter-node">
        <option value="">All nodes</option>
        {withCurrent(facets.nodes, query.node).map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      <select aria-label="Host" value={query.host} onChange={(e) => setFilters({ host: e.target.value })} data-testid="filter-host">
        <option value="">All hosts</option>
        {withCurrent(facets.hosts, query.host).map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </select>
      <select aria-label="State" value={query.state} onChange={(e) => setFilters({ state: e.target.value as ProcessState | "" })} data-testid="filter-state">
        <option value="">All states</option>
        {PROCESS_STATES.map((s) => (
          <option key={s} value={s}>
            {s} ({facets.states[s]})
          </option>
        ))}
      </select>
      <select aria-label="Entry or service" value={query.target} onChange={(e) => setFilters({ target: e.target.value })} data-testid="filter-target">
        <option value="">All entries and services</option>
        {facets.services.length > 0 ? (
          <optgroup label="Services">
            {facets.services.map((s) => (
              <option key={s} value={serviceTarget(s)}>
                {s}
              </option>
            ))}
          </optgroup>
        ) : null}
        <optgroup label="Entries">
          {facets.entries.map((e) => (
            <option key={e} value={entryTarget(e)}>
              {e}
            </option>
          ))}
        </optgroup>
      </select>
      {isFiltered(query) ? (
        <button type="button" className="btn-sm" onClick={clearFilters} data-testid="clear-filters">
          Clear filters
        </button>
      ) : null}
    </div>
  );
});
