"use client";
/** /registry: the namespace tree, filters (kind, namespace, meta, search) and the entry list. */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useRef, useState } from "react";
import { PageHeader } from "@/components/ui/PageHeader";
import { useCurrentUser } from "@/lib/hooks/use-current-user";
import { readFilters, writeFilters, type RegistryFilters } from "@/lib/registry-filters";
import { CreateEntryDialog } from "./CreateEntryDialog";
import { EntryFilters } from "./EntryFilters";
import { EntryTable } from "./EntryTable";
import { NamespaceTree } from "./NamespaceTree";

export function RegistryBrowser() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = readFilters(new URLSearchParams(params.toString()));
  const { can } = useCurrentUser();
  const [creating, setCreating] = useState(false);
  // Each change is a patch on the newest filters asked for, not on the URL of this render: the
  // URL follows `router.replace` a moment later, and a second change in between (the debounced
  // search settling just after a kind was picked) must not undo the first.
  const requested = useRef<RegistryFilters | null>(null);
  if (requested.current && writeFilters(requested.current) === writeFilters(filters)) requested.current = null;
  const update = (patch: Partial<RegistryFilters>) => {
    const next = { ...(requested.current ?? filters), ...patch };
    requested.current = next;
    router.replace(`${pathname}${writeFilters(next)}`, { scroll: false });
  };

  return (
    <>
      <PageHeader title="Registry" subtitle="Every entry of the current registry version. Pick a namespace, filter, open an entry to edit it.">
        {can("editor") ? (
          <button type="button" className="primary" onClick={() => setCreating(true)} data-testid="create-entry">
            New entry
          </button>
        ) : null}
      </PageHeader>
      <div className="split">
        <aside className="card" style={{ padding: 8 }}>
          <NamespaceTree selected={filters.namespace} onSelect={(namespace) => update({ namespace })} />
        </aside>
        <section className="stack" style={{ gap: 0, minWidth: 0 }}>
          <EntryFilters filters={filters} onChange={update} />
          <EntryTable filters={filters} />
        </section>
      </div>
      {creating ? <CreateEntryDialog namespace={filters.namespace} onClose={() => setCreating(false)} /> : null}
    </>
  );
}
