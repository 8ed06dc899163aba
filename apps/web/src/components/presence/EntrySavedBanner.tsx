"use client";
/**
 * "Someone else saved this entry": shown while the newest version that changed the entry (from
 * the server, live — usePresence's `latestSave`) is newer than the version this tab edits, and
 * was made by someone else. It says who, which version and why, and offers:
 * - Show the changes: the diff from this tab's version to theirs;
 * - Reload, when there are no unsaved edits;
 * - with unsaved edits, which are never dropped silently: Merge… (the conflict panel, the same
 *   three-way view a refused stale save opens — nothing is saved until the user chooses) or
 *   Discard mine and reload (asked first).
 * A save from this tab could never be stale this way: the stale-save check stays the last line
 * of defence for whatever this banner did not catch.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Entry, SavedNotice } from "@wippy/shared";
import { Dialog } from "@/components/ui/Dialog";
import { errorCode, errorMessage } from "@/lib/api-errors";
import { dirtyMode, useEntryDraft } from "@/lib/entry-draft-store";
import { useCurrentUser } from "@/lib/hooks/use-current-user";
import type { useSaveEntry } from "@/lib/hooks/use-save-entry";
import { useTRPC } from "@/lib/trpc";
import { SavedBy } from "./SavedBy";
import { SavedChangesDialog } from "./SavedChangesDialog";
import styles from "./presence.module.css";

interface EntrySavedBannerProps {
  id: string;
  latest: SavedNotice | null;
  saver: ReturnType<typeof useSaveEntry>;
}

export function EntrySavedBanner({ id, latest, saver }: EntrySavedBannerProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { user } = useCurrentUser();
  const parseYaml = useMutation(trpc.registry.parseYaml.mutationOptions());
  const baseVersion = useEntryDraft((s) => s.baseVersion);
  const conflict = useEntryDraft((s) => s.conflict);
  const dirty = useEntryDraft((s) => dirtyMode(s) !== null);
  const [open, setOpen] = useState<"diff" | "discard" | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!latest || latest.version <= baseVersion || latest.author === user?.email || conflict || saver.busy) return null;
  const deleted = latest.op === "delete";

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setOpen(null);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  // A deleted entry has nothing to load: reading it again shows that it is gone.
  const reload = () => run(() => (deleted ? queryClient.invalidateQueries(trpc.registry.get.queryFilter({ id })) : saver.reload(id)));
  const merge = () =>
    run(async () => {
      const state = useEntryDraft.getState();
      let yours: Entry | null = state.draft;
      if (dirtyMode(state) === "yaml") {
        const parsed = await parseYaml.mutateAsync({ text: state.yaml });
        if (!parsed.ok) throw new Error("Your YAML has errors: fix them before merging, or discard your edits.");
        yours = parsed.entry;
      }
      const theirs = await queryClient.fetchQuery(trpc.registry.get.queryOptions({ id }, { staleTime: 0 })).catch((caught: unknown) => {
        if (errorCode(caught) === "NOT_FOUND") return null;
        throw caught;
      });
      state.setConflict({
        kind: "conflict",
        entryId: id,
        baseVersion: state.baseVersion,
        theirsVersion: theirs?.lastChange.version ?? latest.version,
        base: state.saved,
        theirs: theirs?.entry ?? null,
        yours,
      });
    });

  return (
    <div className={`notice ${styles.banner}`} role="status" data-testid="saved-banner" data-version={latest.version} data-dirty={dirty ? "true" : "false"}>
      <div className={styles.bannerText}>
        <SavedBy notice={latest} what="this entry" />
        <div className="small-text muted">
          {dirty
            ? "You have unsaved edits: they are kept. Merge them with this version, or discard them."
            : `You are looking at version ${baseVersion}.${deleted ? " The entry no longer exists." : ""}`}
        </div>
        {error ? <div className="field-error" data-testid="saved-banner-error">{error}</div> : null}
      </div>
      <div className={styles.bannerActions}>
        <button type="button" className="btn-sm" onClick={() => setOpen("diff")} data-testid="saved-show-changes">
          Show the changes
        </button>
        {dirty ? (
          <>
            <button type="button" className="btn-sm primary" disabled={busy} onClick={() => void merge()} data-testid="saved-merge">
              Merge…
            </button>
            <button type="button" className="btn-sm" disabled={busy} onClick={() => setOpen("discard")} data-testid="saved-discard">
              Discard mine and reload
            </button>
          </>
        ) : (
          <button type="button" className="btn-sm primary" disabled={busy} onClick={() => void reload()} data-testid="saved-reload">
            Reload
          </button>
        )}
      </div>
      {open === "diff" ? (
        <SavedChangesDialog title={`Changes to ${id} since version ${baseVersion}`} from={baseVersion} to={latest.version} entries={[id]} single onClose={() => setOpen(null)} />
      ) : null}
      {open === "discard" ? (
        <Dialog
          title="Discard your edits?"
          onClose={() => setOpen(null)}
          testId="saved-discard-dialog"
          footer={
            <>
              <button type="button" onClick={() => setOpen(null)}>
                Keep editing
              </button>
              <button type="button" className="danger" disabled={busy} onClick={() => void reload()} data-testid="saved-discard-confirm">
                Discard and reload
              </button>
            </>
          }
        >
          Your unsaved edits of {id} will be lost, and version {latest.version} loaded. To keep them, choose Merge instead.
        </Dialog>
      ) : null}
    </div>
  );
}
