"use client";
/**
 * Writing a comment (or changing one): a text area that grows with its text, the characters
 * left near the limit, Post (also Ctrl/Cmd+Enter), and the server's refusal in words. The text
 * stays until it is saved, so a refused post loses nothing.
 */
import { useState } from "react";
import { COMMENT_MAX_CHARS } from "@wippy/shared";
import { errorMessage } from "@/lib/api-errors";
import styles from "./comments.module.css";

interface CommentComposerProps {
  initial?: string;
  submitLabel: string;
  placeholder?: string;
  onSubmit: (body: string) => Promise<unknown>;
  onCancel?: () => void;
  testId?: string;
}

export function CommentComposer({ initial = "", submitLabel, placeholder, onSubmit, onCancel, testId = "comment-composer" }: CommentComposerProps) {
  const [body, setBody] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const left = COMMENT_MAX_CHARS - body.length;
  const empty = body.trim().length === 0;

  const submit = async () => {
    if (empty || left < 0 || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(body.trim());
      setBody("");
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.composer} data-testid={testId}>
      <textarea
        className={styles.textarea}
        value={body}
        placeholder={placeholder}
        rows={Math.min(8, Math.max(2, body.split("\n").length))}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit();
          }
          if (e.key === "Escape" && onCancel) onCancel();
        }}
        aria-label={submitLabel}
        data-testid={`${testId}-text`}
      />
      <div className="row">
        {error ? (
          <span className="field-error" role="alert" data-testid={`${testId}-error`}>
            {error}
          </span>
        ) : (
          <span className="muted small-text">{left < 500 ? `${left} characters left` : "Ctrl+Enter to post"}</span>
        )}
        <span style={{ marginLeft: "auto" }} />
        {onCancel ? (
          <button type="button" className="btn-sm" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        ) : null}
        <button type="button" className="btn-sm primary" onClick={() => void submit()} disabled={empty || left < 0 || busy} data-testid={`${testId}-submit`}>
          {busy ? "Saving…" : submitLabel}
        </button>
      </div>
    </div>
  );
}
