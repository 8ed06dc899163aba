"use client";
/** What this entry refers to, and who refers to it (what blocks a delete or rename). */
import { useQuery } from "@tanstack/react-query";
import { EmptyState } from "@/components/ui/EmptyState";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { useTRPC } from "@/lib/trpc";
import { ReferenceList } from "./ReferenceList";

export function ReferencesPanel({ id }: { id: string }) {
  const trpc = useTRPC();
  const refs = useQuery(trpc.registry.references.queryOptions({ id }));
  if (refs.isPending) return <Loading />;
  if (refs.error) return <ErrorMessage error={refs.error} onRetry={() => void refs.refetch()} />;
  return (
    <div className="split" style={{ gridTemplateColumns: "1fr 1fr", paddingTop: 8 }} data-testid="references-panel">
      <section>
        <h3 style={{ marginBottom: 8 }}>Refers to</h3>
        {refs.data.references.length > 0 ? <ReferenceList references={refs.data.references} show="to" testId="references-out" /> : <EmptyState>No references to other entries.</EmptyState>}
      </section>
      <section>
        <h3 style={{ marginBottom: 8 }}>Referred to by</h3>
        {refs.data.referencedBy.length > 0 ? <ReferenceList references={refs.data.referencedBy} show="from" testId="references-in" /> : <EmptyState>Nothing refers to this entry.</EmptyState>}
      </section>
    </div>
  );
}
