"use client";
/**
 * A refused stale save: someone changed the entry after the version it was opened at. Shows
 * the three sides (base, theirs, yours) in Monaco's diff editor and lets the user take theirs,
 * keep theirs-overwriting-mine, or merge by hand — nothing is lost silently.
 */
import { useState } from "react";
import type { ConflictProblem } from "@wippy/api";
import type { Entry } from "@wippy/shared";
import { DiffEditor } from "@/components/editor/DiffEditor";
import { Tabs } from "@/components/ui/Tabs";
import { useEntryDraft } from "@/lib/entry-draft-store";
import type { useSaveEntry } from "@/lib/hooks/use-save-entry";
import { LUA_LANGUAGE_ID } from "@/lib/monaco";
import { conflictText, mergedEntry } from "@/lib/conflict-text";
import { SaveNoticeView } from "./SaveNoticeView";

type View = "theirs-yours" | "base-theirs" | "base-yours" | "merge";

const VIEWS = [
  { id: "theirs-yours", label: "Theirs ↔ yours" },
  { id: "base-theirs", label: "Their change" },
  { id: "base-yours", label: "Your change" },
  { id: "merge", label: "Merge" },
] as const;

export function ConflictPanel({ conflict, saver }: { conflict: ConflictProblem; saver: ReturnType<typeof useSaveEntry> }) {
  const draft = useEntryDraft((s) => s.draft);
  const message = useEntryDraft((s) => s.message);
  const yoursEntry: Entry | null = conflict.yours ?? draft;
  const text = conflictText(conflict.base, conflict.theirs, yoursEntry);
  const [view, setView] = useState<View>("theirs-yours");
  const [merged, setMerged] = useState(text.yours);
  const [mergeError, setMergeError] = useState<string | null>(null);
  const language = text.mode === "source" ? LUA_LANGUAGE_ID : "json";

  const pairs: Record<Exclude<View, "merge">, [string, string, string]> = {
    "theirs-yours": [text.theirs, text.yours, "Left: theirs (now in the registry) · right: yours"],
    "base-theirs": [text.base, text.theirs, `Left: base (version ${conflict.baseVersion}) · right: theirs (version ${conflict.theirsVersion})`],
    "base-yours": [text.base, text.yours, `Left: base (version ${conflict.baseVersion}) · right: yours`],
  };

  const keepMine = () => {
    if (!yoursEntry) return;
    void saver.save(message, { entry: yoursEntry, baseVersion: conflict.theirsVersion });
  };
  const saveMerge = () => {
    if (!yoursEntry) return;
    const result = mergedEntry(text.mode, yoursEntry, merged);
    if ("error" in result) {
      setMergeError(result.error);
      return;
    }
    setMergeError(null);
    void saver.save(message || "merge", { entry: result.entry, baseVersion: conflict.theirsVersion });
  };

  return (
    <div className="card" data-testid="conflict-panel" style={{ borderColor: "#f0d48a" }}>
      <div className="card-header" style={{ background: "var(--warning-soft)" }}>
        <h2>Conflict: this entry changed while you edited it</h2>
      </div>
      <div className="card-body stack" style={{ gap: 12 }}>
        <p style={{ margin: 0 }}>
          You edited version {conflict.baseVersion}; version {conflict.theirsVersion} {conflict.theirs ? "changed" : "deleted"} {conflict.entryId} since. Your
          edits are not saved and not lost: compare, then choose.
        </p>
        {saver.notice ? <SaveNoticeView notice={saver.notice} /> : null}
        <Tabs tabs={VIEWS} selected={view} onSelect={setView} testId="conflict-views" />
        {view === "merge" ? (
          <>
            <p className="muted small-text" style={{ margin: 0 }}>
              Left: theirs (read-only) · right: the merge result, starting from yours — edit it to keep what both of you need.
            </p>
            <DiffEditor original={text.theirs} modified={merged} language={language} onChangeModified={setMerged} testId="merge-editor" height="min(55vh, 520px)" />
            {mergeError ? <div className="notice error">{mergeError}</div> : null}
          </>
        ) : (
          <>
            <p className="muted small-text" style={{ margin: 0 }}>
              {pairs[view][2]}
            </p>
            <DiffEditor original={pairs[view][0]} modified={pairs[view][1]} language={language} testId="conflict-diff" height="min(55vh, 520px)" />
          </>
        )}
        {text.otherChanges ? <div className="notice warning">{text.otherChanges}</div> : null}
        <div className="row" style={{ justifyContent: "flex-end" }}>
          <button type="button" onClick={() => void saver.reload(conflict.entryId)} disabled={saver.busy} data-testid="conflict-take-theirs">
            Take theirs (discard mine)
          </button>
          <button type="button" className="danger" onClick={keepMine} disabled={saver.busy || !conflict.theirs} data-testid="conflict-keep-mine" title={conflict.theirs ? undefined : "The entry was deleted: create it again instead"}>
            Keep mine (save over)
          </button>
          {view === "merge" ? (
            <button type="button" className="primary" onClick={saveMerge} disabled={saver.busy || !conflict.theirs} data-testid="conflict-save-merge">
              Save merge
            </button>
          ) : (
            <button type="button" className="primary" onClick={() => setView("merge")} data-testid="conflict-open-merge">
              Merge…
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
