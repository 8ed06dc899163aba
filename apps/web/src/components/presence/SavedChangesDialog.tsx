"use client";
/**
 * "Show the changes": what a save by someone else changed since the version this tab has — the
 * registry's diff between the two versions (history.diff), narrowed to the entries the page
 * shows. One entry: its diff (Lua in Monaco, the rest field by field); several: the list the
 * history pages use.
 */
import { useQuery } from "@tanstack/react-query";
import { ChangeList } from "@/components/history/ChangeList";
import { EntryChangeDiff } from "@/components/history/EntryChangeDiff";
import { Dialog } from "@/components/ui/Dialog";
import { EmptyState } from "@/components/ui/EmptyState";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { useTRPC } from "@/lib/trpc";

interface SavedChangesDialogProps {
  title: string;
  from: number;
  to: number;
  /** The entries this page shows; the diff's other changes are left out. */
  entries: readonly string[];
  single: boolean;
  onClose: () => void;
}

export function SavedChangesDialog({ title, from, to, entries, single, onClose }: SavedChangesDialogProps) {
  const trpc = useTRPC();
  const diff = useQuery(trpc.history.diff.queryOptions({ from, to }, { staleTime: Infinity }));
  const wanted = new Set(entries);
  const changes = diff.data?.changes.filter((c) => wanted.has(c.id)) ?? [];
  const only = changes[0];
  return (
    <Dialog
      title={title}
      onClose={onClose}
      wide
      testId="saved-changes-dialog"
      footer={
        <button type="button" onClick={onClose} data-testid="saved-changes-close">
          Close
        </button>
      }
    >
      <p className="muted small-text" style={{ marginTop: 0 }}>
        Left: version {from} (what you have) · right: version {to}.
      </p>
      {diff.isPending ? <Loading label="Reading the changes…" /> : null}
      {diff.error ? <ErrorMessage error={diff.error} title="Could not read the changes" onRetry={() => void diff.refetch()} /> : null}
      {diff.data && changes.length === 0 ? <EmptyState testId="saved-changes-empty">Nothing here changed between these versions.</EmptyState> : null}
      {diff.data && single && only ? <EntryChangeDiff before={only.before} after={only.after} /> : null}
      {diff.data && !single && changes.length > 0 ? <ChangeList changes={changes} testId="saved-changes-list" /> : null}
    </Dialog>
  );
}
