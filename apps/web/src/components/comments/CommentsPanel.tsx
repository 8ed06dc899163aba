"use client";
/**
 * The comments on a target (an entry, a workflow run, later a change request), oldest first,
 * live: what others write appears as they post it. Viewers read; operators and above write;
 * each edits and deletes their own, admins delete any (the server checks all of it).
 *
 * Shown on a page that has the target open (usePresence): live changes come to the target's
 * room.
 */
import { useMutation } from "@tanstack/react-query";
import { EmptyState } from "@/components/ui/EmptyState";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { useCurrentUser } from "@/lib/hooks/use-current-user";
import { useTRPC } from "@/lib/trpc";
import { CommentComposer } from "./CommentComposer";
import { CommentItem } from "./CommentItem";
import styles from "./comments.module.css";
import { useComments } from "./use-comments";

export function CommentsPanel({ target, what = "this" }: { target: string; what?: string }) {
  const trpc = useTRPC();
  const { user, can } = useCurrentUser();
  const { query, comments, apply } = useComments(target);
  const add = useMutation(trpc.comments.add.mutationOptions());
  const edit = useMutation(trpc.comments.edit.mutationOptions());
  const remove = useMutation(trpc.comments.delete.mutationOptions());
  const canWrite = can("operator");
  const isAdmin = can("admin");

  return (
    <section className="card" data-testid="comments-panel" data-target={target} data-count={comments.length}>
      <div className="card-header">
        <h2 className={styles.title}>
          Comments <span className="muted">{query.data ? comments.length + (query.hasNextPage ? "+" : "") : ""}</span>
        </h2>
      </div>
      <div className="card-body stack" style={{ gap: 12 }}>
        {query.isPending ? <Loading label="Loading comments…" testId="comments-loading" /> : null}
        {query.error ? <ErrorMessage error={query.error} title="Could not load the comments" onRetry={() => void query.refetch()} /> : null}
        {query.hasNextPage ? (
          <button type="button" className="btn-sm" style={{ alignSelf: "flex-start" }} disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()} data-testid="comments-earlier">
            {query.isFetchingNextPage ? "Loading…" : "Show earlier comments"}
          </button>
        ) : null}
        {query.data && comments.length === 0 ? <EmptyState testId="comments-empty">No comments on {what} yet.</EmptyState> : null}
        {comments.length > 0 ? (
          <ol className={styles.list} data-testid="comment-list">
            {comments.map((comment) => {
              const mine = comment.author.id === user?.id;
              return (
                <CommentItem
                  key={comment.id}
                  comment={comment}
                  mayEdit={mine && canWrite}
                  mayDelete={(mine && canWrite) || isAdmin}
                  onEdit={async (body) => apply({ change: "edited", target, comment: await edit.mutateAsync({ id: comment.id, body }) })}
                  onDelete={async () => apply({ change: "deleted", target, id: (await remove.mutateAsync({ id: comment.id })).id })}
                />
              );
            })}
          </ol>
        ) : null}
        {canWrite ? (
          <CommentComposer
            submitLabel="Comment"
            placeholder={`Add a comment on ${what}…`}
            onSubmit={async (body) => apply({ change: "added", target, comment: await add.mutateAsync({ target, body }) })}
          />
        ) : (
          <p className="muted small-text" style={{ margin: 0 }} data-testid="comments-read-only">
            Operators, editors and admins can comment; your role can read.
          </p>
        )}
      </div>
    </section>
  );
}
