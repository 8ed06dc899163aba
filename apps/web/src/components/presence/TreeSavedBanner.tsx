"use client";
/**
 * "Someone else saved the supervision tree": when a version by someone else changes services or
 * supervisors, the page reads the tree at once (a clean canvas follows it; a canvas with unsaved
 * edits keeps them and offers to reload and re-apply them — the page's existing notice), and
 * this banner says who saved it, which version and why, with the diff of the tree's entries
 * from the version the canvas had. Dismissed, it stays away until the next save.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { SavedNotice } from "@wippy/shared";
import { useCurrentUser } from "@/lib/hooks/use-current-user";
import { useTRPC } from "@/lib/trpc";
import { canvasStore } from "@/components/supervision/use-canvas";
import { SavedBy } from "./SavedBy";
import { SavedChangesDialog } from "./SavedChangesDialog";
import styles from "./presence.module.css";

interface Seen {
  notice: SavedNotice;
  /** The version the canvas had when the notice came. */
  from: number;
}

export function TreeSavedBanner({ latest, drawing }: { latest: SavedNotice | null; drawing: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { user } = useCurrentUser();
  const [seen, setSeen] = useState<Seen | null>(null);
  const [showing, setShowing] = useState(false);

  useEffect(() => {
    if (!latest || latest.author === user?.email) return;
    const base = canvasStore.getState().baseVersion;
    if (latest.version <= base) return;
    setSeen((old) => (old && old.notice.version >= latest.version ? old : { notice: latest, from: old?.from ?? base }));
    void queryClient.invalidateQueries(trpc.supervision.tree.queryFilter());
  }, [latest, user?.email, queryClient, trpc]);

  if (!seen) return null;
  const { notice, from } = seen;
  const count = notice.entries.length;
  return (
    <div className={`notice ${styles.banner}`} role="status" data-testid="tree-saved-banner" data-version={notice.version}>
      <div className={styles.bannerText}>
        <SavedBy notice={notice} what="the supervision tree" />
        <div className="small-text muted">
          {count} service{count === 1 ? "" : "s"} or supervisor{count === 1 ? "" : "s"} changed.{" "}
          {drawing ? "Your drawing is kept: reload below to re-apply it on the new tree." : "The canvas shows the new tree."}
        </div>
      </div>
      <div className={styles.bannerActions}>
        <button type="button" className="btn-sm" onClick={() => setShowing(true)} data-testid="tree-saved-show-changes">
          Show the changes
        </button>
        <button type="button" className="btn-sm" onClick={() => setSeen(null)} data-testid="tree-saved-dismiss">
          Dismiss
        </button>
      </div>
      {showing ? (
        <SavedChangesDialog title={`Tree changes since version ${from}`} from={from} to={notice.version} entries={notice.entries} single={false} onClose={() => setShowing(false)} />
      ) : null}
    </div>
  );
}
