"use client";
/** Search (Ctrl/Cmd+K), kind, and meta `key=value` filters over the entry list. */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";
import { metaText, parseMetaText, type RegistryFilters } from "@/lib/registry-filters";
import { useTRPC } from "@/lib/trpc";

/** `onChange` takes a patch: the filters it names change, the others stay as last asked. */
export function EntryFilters({ filters, onChange }: { filters: RegistryFilters; onChange: (patch: Partial<RegistryFilters>) => void }) {
  const trpc = useTRPC();
  const kinds = useQuery(trpc.registry.kinds.queryOptions(undefined, { staleTime: Infinity }));
  const [search, setSearch] = useState(filters.search ?? "");
  const [meta, setMeta] = useState(metaText(filters.meta));
  const debounced = useDebouncedValue(search, 250);
  const parsedMeta = parseMetaText(meta);

  const urlMeta = metaText(filters.meta);
  const latest = useRef({ filters, onChange });
  latest.current = { filters, onChange };

  // The URL changed from elsewhere (the top bar's search, back/forward): follow it.
  useEffect(() => setSearch(filters.search ?? ""), [filters.search]);
  useEffect(() => setMeta(urlMeta), [urlMeta]);
  // Typing settles → the URL follows (only the typed text drives this).
  useEffect(() => {
    const { filters: current, onChange: change } = latest.current;
    if ((debounced || undefined) !== current.search) change({ search: debounced || undefined });
  }, [debounced]);

  const kindOptions: string[] = kinds.data?.kinds.map((k): string => k.kind) ?? [];
  if (filters.kind && !kindOptions.includes(filters.kind)) kindOptions.push(filters.kind);

  return (
    <div className="toolbar" data-testid="entry-filters">
      <input
        type="search"
        className="grow"
        placeholder="Search ids, kinds, titles  (Ctrl+K)"
        aria-label="Search entries"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        data-search-target=""
        data-testid="registry-search"
      />
      <select value={filters.kind ?? ""} onChange={(e) => onChange({ kind: e.target.value || undefined })} aria-label="Kind" data-testid="filter-kind">
        <option value="">All kinds</option>
        {kindOptions.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (parsedMeta.bad.length === 0) onChange({ meta: parsedMeta.meta });
        }}
      >
        <input
          placeholder="meta: type=test, suite=unit"
          aria-label="Meta filter (key=value, comma separated)"
          value={meta}
          onChange={(e) => setMeta(e.target.value)}
          onBlur={() => parsedMeta.bad.length === 0 && metaText(parsedMeta.meta) !== metaText(filters.meta) && onChange({ meta: parsedMeta.meta })}
          aria-invalid={parsedMeta.bad.length > 0}
          data-testid="filter-meta"
          style={{ width: 220 }}
        />
      </form>
      {filters.namespace ? (
        <button type="button" className="btn-sm" onClick={() => onChange({ namespace: undefined })} title="Show every namespace" data-testid="clear-namespace">
          ns: {filters.namespace} ✕
        </button>
      ) : null}
      {parsedMeta.bad.length > 0 ? <span className="field-error">Write meta filters as key=value: {parsedMeta.bad.join(", ")}</span> : null}
    </div>
  );
}
