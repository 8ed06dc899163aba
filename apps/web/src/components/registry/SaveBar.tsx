"use client";
/**
 * Message + Save (Ctrl/Cmd+S) + Propose + Discard, under the editing tabs; the outcome above
 * it. Propose (issue 9) sends the edit for review as a change request and opens it; where a
 * review rule covers the entry for people (`review.required`), saving is refused by the server,
 * so Propose is the only way and Save is not offered.
 */
import { useRouter } from "next/navigation";
import { dirtyMode, useEntryDraft } from "@/lib/entry-draft-store";
import type { useSaveEntry } from "@/lib/hooks/use-save-entry";
import { SaveNoticeView } from "./SaveNoticeView";

interface SaveBarProps {
  saver: ReturnType<typeof useSaveEntry>;
  canEdit: boolean;
  /** Whether a person's save of this entry must be proposed (registry.review_rules). */
  review?: { required: boolean; approvals: number; rules: readonly string[] };
}

export function SaveBar({ saver, canEdit, review }: SaveBarProps) {
  const state = useEntryDraft();
  const router = useRouter();
  const propose = async () => {
    const id = await saver.propose(state.message);
    if (id !== null) router.push(`/changes/${id}`);
  };
  const mode = dirtyMode(state);
  const errors = state.checkedSource !== null && state.checkedSource === state.draft?.data.source ? state.diagnostics.length : 0;

  if (!canEdit) {
    return (
      <div className="save-bar" data-testid="read-only-notice">
        <span className="muted">Read-only: your role cannot change the registry (editors, approvers and admins can).</span>
      </div>
    );
  }
  return (
    <>
      {saver.notice ? (
        <div style={{ padding: "0 12px 10px" }}>
          <SaveNoticeView notice={saver.notice} />
        </div>
      ) : null}
      <div className="save-bar">
        <input
          value={state.message}
          onChange={(e) => state.setMessage(e.target.value)}
          placeholder="What changed and why (the version's message)"
          aria-label="Save message"
          maxLength={2000}
          data-testid="save-message"
          onKeyDown={(e) => {
            if (e.key === "Enter") void saver.save(state.message);
          }}
        />
        <span className="muted small-text no-wrap" data-testid="dirty-state">
          {mode === null ? "No changes" : mode === "yaml" ? "YAML edited" : "Edited"}
          {errors > 0 ? ` · ${errors} syntax error${errors === 1 ? "" : "s"}` : ""}
        </span>
        <button type="button" onClick={state.discard} disabled={mode === null || saver.busy} data-testid="discard-button">
          Discard
        </button>
        <button
          type="button"
          className={review?.required ? "primary" : undefined}
          onClick={() => void propose()}
          disabled={saver.busy || state.conflict !== null || mode === null}
          title={
            review?.required
              ? `Changes here need review (${review.rules.join(", ")}, ${review.approvals} approval${review.approvals === 1 ? "" : "s"}): propose them as a change request`
              : "Propose the edit for review as a change request instead of saving it"
          }
          data-testid="propose-button"
        >
          Propose
        </button>
        {review?.required ? null : (
          <button
            type="button"
            className="primary"
            onClick={() => void saver.save(state.message)}
            disabled={saver.busy || state.conflict !== null}
            title="Save as a new registry version (Ctrl+S)"
            data-testid="save-button"
          >
            {saver.busy ? "Saving…" : "Save"}
          </button>
        )}
      </div>
    </>
  );
}
