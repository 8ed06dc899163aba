"use client";
/**
 * /changes/[id]: one change request — who proposed what, on which base, and its review.
 *
 * - The outcome when decided (applied as version N; rejected and why), the problems of an
 *   approved request the registry would not run with (apply again when fixed), and the
 *   three-way diff with the rebase for one whose entries changed after its base.
 * - Its changes, entry by entry: Lua in Monaco's diff editor, other fields as a structured
 *   diff (the history's components); for workflow code, the replay check of running runs.
 * - Approve / reject (approvers; the author may withdraw), the review history, comments
 *   (target `change:<id>`), who else has it open.
 * Refreshed while open, so a decision taken elsewhere shows up.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { changeTarget, type ChangeRequest } from "@wippy/shared";
import { CommentsPanel } from "@/components/comments/CommentsPanel";
import { ChangeList } from "@/components/history/ChangeList";
import { PresenceAvatars } from "@/components/presence/PresenceAvatars";
import { usePresence } from "@/components/presence/use-presence";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { TimeAgo } from "@/components/ui/TimeAgo";
import { errorCode, errorMessage } from "@/lib/api-errors";
import { entryHref } from "@/lib/entry-id";
import { fieldByField } from "@/lib/field-by-field";
import { useCurrentUser } from "@/lib/hooks/use-current-user";
import { useTRPC } from "@/lib/trpc";
import { AuthorLabel } from "./AuthorLabel";
import { ChangeStatusBadge } from "./ChangeStatusBadge";
import { ReplayCheck } from "./ReplayCheck";
import { ReviewActions } from "./ReviewActions";
import { ReviewHistory } from "./ReviewHistory";
import { StalePanel } from "./StalePanel";
import styles from "./changes.module.css";

export const REVIEW_REFRESH_MS = 5_000;
const CODE_KINDS = new Set(["workflow.lua", "library.lua"]);

function Outcome({ request }: { request: ChangeRequest }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { can } = useCurrentUser();
  const apply = useMutation(trpc.changes.applyApproved.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.changes.pathFilter()) }));
  switch (request.status) {
    case "applied":
      return (
        <div className="notice success" data-testid="change-outcome">
          Applied as <Link href={`/history/${request.appliedVersion}`}>version {request.appliedVersion}</Link>
          {request.decidedBy ? ` when ${request.decidedBy} approved it` : ""}.
        </div>
      );
    case "rejected":
      return (
        <div className="notice error" data-testid="change-outcome">
          Rejected{request.decidedBy ? ` by ${request.decidedBy}` : ""}
          {request.reason ? `: ${request.reason}` : "."}
        </div>
      );
    case "approved":
      return (
        <div className="notice warning stack" style={{ gap: 6 }} data-testid="change-outcome">
          <strong>Approved, but not applied: the registry would not run with it.</strong>
          <ul style={{ margin: 0 }}>
            {request.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <span className="small-text">Fix the registry and apply it again, rebase it, or reject it.</span>
          {apply.error ? <span className="small-text">{errorMessage(apply.error)}</span> : null}
          {can("approver") ? (
            <div>
              <button type="button" className="btn-sm" disabled={apply.isPending} onClick={() => apply.mutate({ id: request.id })} data-testid="apply-again">
                {apply.isPending ? "Applying…" : "Apply again"}
              </button>
            </div>
          ) : null}
        </div>
      );
    case "stale":
    case "open":
      return null;
  }
}

export function ChangeReviewPage({ id }: { id: number }) {
  const trpc = useTRPC();
  const { can } = useCurrentUser();
  const valid = Number.isInteger(id) && id > 0;
  const query = useQuery(trpc.changes.get.queryOptions({ id }, { enabled: valid, refetchInterval: REVIEW_REFRESH_MS }));
  const presence = usePresence(changeTarget(valid ? id : 0));

  if (!valid || errorCode(query.error) === "NOT_FOUND") {
    return (
      <div className="notice warning" data-testid="change-not-found">
        Change request {valid ? `#${id}` : ""} does not exist. <Link href="/changes">All change requests</Link>
      </div>
    );
  }
  if (query.isPending) return <Loading label={`Loading change request #${id}…`} />;
  if (query.error) return <ErrorMessage error={query.error} title={`Could not load change request #${id}`} onRetry={() => void query.refetch()} />;

  const { request, reviews, changes, moved, head, viewer } = query.data;
  const touchesCode = changes.some((c) => CODE_KINDS.has(c.before?.kind ?? "") || CODE_KINDS.has(c.after?.kind ?? ""));
  const undecided = request.status === "open" || request.status === "stale" || request.status === "approved";

  return (
    <div className="stack" data-testid="change-review" data-status={request.status}>
      <div className="page-header">
        <div style={{ marginRight: "auto", minWidth: 0 }}>
          <div className="small-text">
            <Link href="/changes">Change requests</Link>
          </div>
          <h1 className={styles.title}>
            Change request #{request.id} <ChangeStatusBadge status={request.status} />
          </h1>
          <p className={styles.message} data-testid="change-message">
            {request.message || <span className="muted">(no message)</span>}
          </p>
          <p className="page-subtitle">
            Proposed by <AuthorLabel author={request.author} detailed /> <TimeAgo value={request.createdAt} /> on{" "}
            <Link href={`/history/${request.baseVersion}`}>version {request.baseVersion}</Link>
            {request.revision > 1 ? ` · revision ${request.revision}` : ""} · needs {request.approvalsRequired} approval{request.approvalsRequired === 1 ? "" : "s"}
            {request.rules.length > 0 ? (
              <>
                {" "}
                (rule{request.rules.length === 1 ? "" : "s"}{" "}
                {request.rules.map((r, i) => (
                  <span key={r}>
                    {i > 0 ? ", " : ""}
                    <Link href={entryHref(r)}>{r}</Link>
                  </span>
                ))}
                )
              </>
            ) : null}
          </p>
        </div>
        <PresenceAvatars presence={presence} what="this change request" />
      </div>
      <Outcome request={request} />
      {undecided && moved.length > 0 ? <StalePanel request={request} changes={changes} moved={moved} head={head} canRebase={viewer.canRebase} /> : null}
      <div className={styles.layout}>
        <div className="stack">
          <section className="stack" style={{ gap: 8 }} data-testid="change-diff">
            <h2 style={{ margin: 0 }}>Changes against version {request.baseVersion}</h2>
            <ChangeList changes={changes.map(fieldByField)} testId="change-entries" />
          </section>
          {touchesCode && can("operator") ? <ReplayCheck id={request.id} /> : null}
          <CommentsPanel target={changeTarget(request.id)} what="this change request" />
        </div>
        <aside className={styles.side}>
          <ReviewActions request={request} viewer={viewer} />
          <ReviewHistory request={request} reviews={reviews} />
        </aside>
      </div>
    </div>
  );
}
