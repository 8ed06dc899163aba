/** What happened to a change request so far: proposed, then every approval, rejection and rebase, with notes. */
import type { ChangeRequest, ChangeRequestReview } from "@wippy/shared";
import { TimeAgo } from "@/components/ui/TimeAgo";
import { AuthorLabel } from "./AuthorLabel";
import styles from "./changes.module.css";

const VERB: Record<ChangeRequestReview["verdict"], { text: string; className: string }> = {
  approve: { text: "approved", className: styles.approve ?? "" },
  reject: { text: "rejected", className: styles.reject ?? "" },
  rebase: { text: "rebased", className: styles.rebase ?? "" },
};

export function ReviewHistory({ request, reviews }: { request: ChangeRequest; reviews: readonly ChangeRequestReview[] }) {
  return (
    <section className="card" data-testid="review-history">
      <div className="card-header">
        <h2>History</h2>
      </div>
      <div className="card-body">
        <ol className={styles.timeline}>
          <li>
            <AuthorLabel author={request.author} /> <span>proposed it</span> <TimeAgo value={request.createdAt} />
          </li>
          {reviews.map((r) => (
            <li key={r.id} data-testid="review-item" data-verdict={r.verdict}>
              <span>{r.reviewer.name}</span>
              <span className={VERB[r.verdict].className}>{r.verdict === "reject" && r.reviewer.id === request.author.id ? "withdrew it" : VERB[r.verdict].text}</span>
              <span className="muted small-text">revision {r.revision}</span>
              <TimeAgo value={r.at} />
              {r.note ? <p className={styles.quote}>{r.note}</p> : null}
            </li>
          ))}
          {request.status === "stale" ? (
            <li>
              <span className={styles.rebase}>found stale</span> <span className="muted small-text">at version {request.staleVersion}</span>
            </li>
          ) : null}
        </ol>
      </div>
    </section>
  );
}
