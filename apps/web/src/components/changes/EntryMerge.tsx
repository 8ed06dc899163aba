"use client";
/**
 * One entry of a stale change request, three ways: the entry at the request's base, theirs (the
 * registry now) and the proposed one — in Monaco's diff editor, Lua by source and anything else
 * as JSON — and the choice for the rebase: keep the proposed entry (over theirs), take theirs
 * (drop it from the request), or merge by hand (right side editable, starting from the proposal).
 */
import { useState } from "react";
import type { Entry } from "@wippy/shared";
import { DiffEditor } from "@/components/editor/DiffEditor";
import { Tabs } from "@/components/ui/Tabs";
import { conflictText, mergedEntry } from "@/lib/conflict-text";
import { LUA_LANGUAGE_ID } from "@/lib/monaco";
import type { MergeChoice } from "./rebase-ops";
import styles from "./changes.module.css";

type View = "theirs-proposed" | "base-theirs" | "base-proposed";

interface EntryMergeProps {
  id: string;
  base: Entry | null;
  theirs: Entry | null;
  theirsVersion: number;
  theirsAuthor: string;
  proposed: Entry | null;
  baseVersion: number;
  editable: boolean;
  onChoice: (choice: MergeChoice | { kind: "invalid"; error: string }) => void;
}

export function EntryMerge({ id, base, theirs, theirsVersion, theirsAuthor, proposed, baseVersion, editable, onChoice }: EntryMergeProps) {
  const text = conflictText(base, theirs, proposed);
  const language = text.mode === "source" ? LUA_LANGUAGE_ID : "json";
  const [view, setView] = useState<View>("theirs-proposed");
  const [kind, setKind] = useState<"proposed" | "theirs" | "merged">("proposed");
  const [merged, setMerged] = useState(text.yours);
  const [error, setError] = useState<string | null>(null);

  const pairs: Record<View, [string, string, string]> = {
    "theirs-proposed": [text.theirs, text.yours, `Left: theirs (version ${theirsVersion}, ${theirsAuthor}) · right: proposed`],
    "base-theirs": [text.base, text.theirs, `Left: base (version ${baseVersion}) · right: theirs (version ${theirsVersion})`],
    "base-proposed": [text.base, text.yours, `Left: base (version ${baseVersion}) · right: proposed`],
  };

  const choose = (next: "proposed" | "theirs" | "merged", mergedText = merged) => {
    setKind(next);
    if (next !== "merged") {
      setError(null);
      onChoice({ kind: next });
      return;
    }
    const template = proposed ?? theirs ?? base;
    if (!template) return;
    const result = mergedEntry(text.mode, template, mergedText);
    if ("error" in result) {
      setError(result.error);
      onChoice({ kind: "invalid", error: result.error });
    } else {
      setError(null);
      onChoice({ kind: "merged", entry: result.entry });
    }
  };

  return (
    <div className={styles.merge} data-testid="entry-merge" data-entry-id={id}>
      <div className="row">
        <strong className="mono break">{id}</strong>
        <span className="muted small-text">
          {theirs ? "changed" : "deleted"} by {theirsAuthor} in version {theirsVersion}, after version {baseVersion} it was proposed on
        </span>
      </div>
      {kind === "merged" ? (
        <>
          <p className="muted small-text" style={{ margin: 0 }}>
            Left: theirs (read-only) · right: the merge, starting from the proposal — edit it to keep what both need.
          </p>
          <DiffEditor
            original={text.theirs}
            modified={merged}
            language={language}
            onChangeModified={(value) => {
              setMerged(value);
              choose("merged", value);
            }}
            testId="merge-editor"
            height="min(50vh, 460px)"
          />
        </>
      ) : (
        <>
          <Tabs tabs={[{ id: "theirs-proposed", label: "Theirs ↔ proposed" }, { id: "base-theirs", label: "Their change" }, { id: "base-proposed", label: "Proposed change" }]} selected={view} onSelect={setView} testId="merge-views" />
          <p className="muted small-text" style={{ margin: 0 }}>
            {pairs[view][2]}
          </p>
          <DiffEditor original={pairs[view][0]} modified={pairs[view][1]} language={language} testId="three-way-diff" height="min(45vh, 420px)" />
        </>
      )}
      {text.otherChanges ? <div className="notice warning">{text.otherChanges}</div> : null}
      {error ? <div className="notice error">{error}</div> : null}
      {editable ? (
        <div className={styles.choices} role="radiogroup" aria-label={`Rebase choice for ${id}`}>
          <label>
            <input type="radio" name={`choice-${id}`} checked={kind === "proposed"} onChange={() => choose("proposed")} data-testid="choice-proposed" />
            Keep the proposal (over theirs)
          </label>
          <label>
            <input type="radio" name={`choice-${id}`} checked={kind === "theirs"} onChange={() => choose("theirs")} data-testid="choice-theirs" />
            Take theirs (drop it from the request)
          </label>
          <label>
            <input type="radio" name={`choice-${id}`} checked={kind === "merged"} onChange={() => choose("merged")} disabled={!proposed && !theirs} data-testid="choice-merge" />
            Merge by hand
          </label>
        </div>
      ) : null}
    </div>
  );
}
