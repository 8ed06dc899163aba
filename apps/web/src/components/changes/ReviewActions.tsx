"use client";
/**
 * Approve or reject a change request, with an optional note. Shown to everyone; what the
 * signed-in person may not do is disabled with the reason (the server decides again). The
 * outcome of an approval says what happened: counted (more approvals needed), applied (as
 * version N), stale (rebase it) or approved-but-not-applied (the registry would not run it).
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import type { ChangeRequest } from "@wippy/shared";
import { errorMessage } from "@/lib/api-errors";
import { type RouterOutputs, useTRPC } from "@/lib/trpc";
import styles from "./changes.module.css";

type Viewer = RouterOutputs["changes"]["get"]["viewer"];
type Outcome = { kind: "success" | "warning" | "error"; text: string; version?: number | null };

function describe(request: ChangeRequest, version: number | null): Outcome {
  switch (request.status) {
    case "applied":
      return { kind: "success", text: `Approved and applied as version ${version ?? request.appliedVersion}.`, version: version ?? request.appliedVersion };
    case "open":
      return { kind: "success", text: `Approval recorded: ${request.approvals} of ${request.approvalsRequired}. It is applied when the last one comes in.` };
    case "stale":
      return { kind: "warning", text: "Not applied: entries it changes were changed after it was proposed. It is stale now — rebase it." };
    case "approved":
      return { kind: "warning", text: "Approved, but not applied: the registry would not run with it (see the problems above)." };
    case "rejected":
      return { kind: "success", text: "Rejected." };
  }
}

export function ReviewActions({ request, viewer }: { request: ChangeRequest; viewer: Viewer }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.changes.pathFilter());
  const approve = useMutation(
    trpc.changes.approve.mutationOptions({
      onSuccess: async ({ request: after, version }) => {
        setOutcome(describe(after, version));
        setNote("");
        await refresh();
      },
      onError: (error) => setOutcome({ kind: "error", text: errorMessage(error) }),
    }),
  );
  const reject = useMutation(
    trpc.changes.reject.mutationOptions({
      onSuccess: async ({ request: after }) => {
        setOutcome(describe(after, null));
        setNote("");
        await refresh();
      },
      onError: (error) => setOutcome({ kind: "error", text: errorMessage(error) }),
    }),
  );
  const busy = approve.isPending || reject.isPending;
  const undecided = request.status === "open" || request.status === "approved" || request.status === "stale";

  return (
    <section className="card" data-testid="review-actions">
      <div className="card-header">
        <h2>Review</h2>
        <span className="muted small-text" style={{ marginLeft: "auto" }} data-testid="approval-count">
          {request.approvals} of {request.approvalsRequired} approval{request.approvalsRequired === 1 ? "" : "s"}
        </span>
      </div>
      <div className="card-body stack" style={{ gap: 10 }}>
        {outcome ? (
          <div className={`notice ${outcome.kind}`} data-testid="review-outcome" role="status">
            {outcome.text}
            {outcome.version ? (
              <>
                {" "}
                <Link href={`/history/${outcome.version}`}>Open version {outcome.version}</Link>
              </>
            ) : null}
          </div>
        ) : null}
        {undecided ? (
          <>
            <textarea
              className={styles.note}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder="A note for the author (optional)"
              aria-label="Review note"
              maxLength={5000}
              data-testid="review-note"
            />
            {viewer.approveBlocked ? (
              <p className={`muted small-text ${styles.blocked}`} data-testid="approve-blocked">
                You cannot approve it: {viewer.approveBlocked}.
              </p>
            ) : null}
            <div className={styles.actions}>
              <button
                type="button"
                className="danger"
                disabled={!viewer.canReject || busy}
                title={viewer.canReject ? undefined : "Rejecting needs the approver role (its author may withdraw it)"}
                onClick={() => reject.mutate({ id: request.id, revision: request.revision, note })}
                data-testid="reject-button"
              >
                {viewer.isAuthor && !viewer.canApprove ? "Withdraw" : "Reject"}
              </button>
              <button
                type="button"
                className="primary"
                disabled={!viewer.canApprove || busy}
                title={viewer.approveBlocked ?? "Approve; the last approval applies it as one new version"}
                onClick={() => approve.mutate({ id: request.id, revision: request.revision, note })}
                data-testid="approve-button"
              >
                {approve.isPending ? "Approving…" : request.approvals + 1 >= request.approvalsRequired ? "Approve and apply" : "Approve"}
              </button>
            </div>
          </>
        ) : (
          <p className="muted small-text" style={{ margin: 0 }} data-testid="review-closed">
            This request is {request.status}: there is nothing left to review.
          </p>
        )}
      </div>
    </section>
  );
}
