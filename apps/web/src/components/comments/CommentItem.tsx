"use client";
/**
 * One comment: who and when (and whether it was edited), the text as written, and — for its
 * author — Edit and Delete; admins may delete anyone's. Deleting asks first, in place.
 */
import { useState } from "react";
import type { Comment } from "@wippy/shared";
import { Avatar } from "@/components/presence/Avatar";
import { TimeAgo } from "@/components/ui/TimeAgo";
import { errorMessage } from "@/lib/api-errors";
import { CommentComposer } from "./CommentComposer";
import styles from "./comments.module.css";

interface CommentItemProps {
  comment: Comment;
  mayEdit: boolean;
  mayDelete: boolean;
  onEdit: (body: string) => Promise<unknown>;
  onDelete: () => Promise<unknown>;
}

export function CommentItem({ comment, mayEdit, mayDelete, onEdit, onDelete }: CommentItemProps) {
  const [mode, setMode] = useState<"read" | "edit" | "confirm">("read");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await onDelete();
    } catch (caught) {
      setError(errorMessage(caught));
      setMode("read");
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className={styles.item} data-testid="comment" data-comment-id={comment.id} data-author={comment.author.email}>
      <Avatar userId={comment.author.id} name={comment.author.name} email={comment.author.email} size="small" />
      <div className={styles.itemBody}>
        <div className={styles.meta}>
          <strong>{comment.author.name || comment.author.email}</strong>
          <span className="muted small-text">
            <TimeAgo value={comment.createdAt} />
            {comment.editedAt !== null ? (
              <span title={`edited ${new Date(comment.editedAt).toLocaleString()}`} data-testid="comment-edited">
                {" "}
                · edited
              </span>
            ) : null}
          </span>
          {mode === "read" && (mayEdit || mayDelete) ? (
            <span className={styles.actions}>
              {mayEdit ? (
                <button type="button" className="ghost btn-sm" onClick={() => setMode("edit")} data-testid="comment-edit">
                  Edit
                </button>
              ) : null}
              {mayDelete ? (
                <button type="button" className="ghost btn-sm" onClick={() => setMode("confirm")} data-testid="comment-delete">
                  Delete
                </button>
              ) : null}
            </span>
          ) : null}
        </div>
        {mode === "edit" ? (
          <CommentComposer
            initial={comment.body}
            submitLabel="Save"
            onSubmit={async (body) => {
              await onEdit(body);
              setMode("read");
            }}
            onCancel={() => setMode("read")}
            testId="comment-editor"
          />
        ) : (
          <p className={styles.text} data-testid="comment-body">
            {comment.body}
          </p>
        )}
        {mode === "confirm" ? (
          <div className="row small-text" data-testid="comment-confirm-delete">
            <span>Delete this comment? This cannot be undone.</span>
            <button type="button" className="btn-sm danger" disabled={busy} onClick={() => void remove()} data-testid="comment-delete-confirm">
              Delete
            </button>
            <button type="button" className="btn-sm" disabled={busy} onClick={() => setMode("read")}>
              Keep
            </button>
          </div>
        ) : null}
        {error ? <div className="field-error">{error}</div> : null}
      </div>
    </li>
  );
}
