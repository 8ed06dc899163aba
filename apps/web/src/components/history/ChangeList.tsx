"use client";
/** The entries a version (or a diff, or a rollback) changes. */
import type { EntryChange } from "@wippy/shared";
import { EmptyState } from "@/components/ui/EmptyState";
import { ChangeItem } from "./ChangeItem";

export const OPEN_BY_DEFAULT = 4;

export function ChangeList({ changes, testId = "change-list" }: { changes: readonly EntryChange[]; testId?: string }) {
  if (changes.length === 0) return <EmptyState testId={`${testId}-empty`}>No entry changes.</EmptyState>;
  const counts = { create: 0, update: 0, delete: 0 };
  for (const c of changes) counts[c.op]++;
  return (
    <div className="stack" style={{ gap: 8 }} data-testid={testId}>
      <div className="muted small-text">
        {changes.length} entr{changes.length === 1 ? "y" : "ies"}: {counts.create} created, {counts.update} updated, {counts.delete} deleted
      </div>
      {changes.map((c) => (
        <ChangeItem key={c.id} change={c} initiallyOpen={changes.length <= OPEN_BY_DEFAULT} />
      ))}
    </div>
  );
}
