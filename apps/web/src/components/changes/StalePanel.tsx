"use client";
/**
 * The entries of a change request that changed after its base: the three-way diff of each and,
 * for editors, the rebase — the request's operations made again on the registry as it is now
 * (with the choices made per entry), as a new revision that needs its approvals again. Nothing
 * is lost: until it is rebased or rejected, the request keeps its operations.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ChangeRequest, EntryChange } from "@wippy/shared";
import { errorMessage } from "@/lib/api-errors";
import { describeDiagnostic, diagnosticsOf } from "@/lib/api-problems";
import { type RouterOutputs, useTRPC } from "@/lib/trpc";
import { EntryMerge } from "./EntryMerge";
import { rebaseOps, type MergeChoice } from "./rebase-ops";
import styles from "./changes.module.css";

type Moved = RouterOutputs["changes"]["get"]["moved"][number];

interface StalePanelProps {
  request: ChangeRequest;
  changes: readonly EntryChange[];
  moved: readonly Moved[];
  head: number;
  canRebase: boolean;
}

export function StalePanel({ request, changes, moved, head, canRebase }: StalePanelProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [choices, setChoices] = useState<Map<string, MergeChoice | { kind: "invalid"; error: string }>>(new Map());
  const [note, setNote] = useState("");
  const rebase = useMutation(trpc.changes.rebase.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.changes.pathFilter()) }));
  const invalid = [...choices.values()].some((c) => c.kind === "invalid");
  const valid = new Map([...choices].filter((entry): entry is [string, MergeChoice] => entry[1].kind !== "invalid"));
  const ops = rebaseOps(changes, moved, valid);
  const byId = new Map(changes.map((c) => [c.id, c]));
  const stale = request.status === "stale";

  return (
    <section className="card" data-testid="stale-panel" style={{ borderColor: "#f0d48a" }}>
      <div className="card-header" style={{ background: "var(--warning-soft)" }}>
        <h2>{stale ? "Stale: rebase it on the registry as it is now" : "Changed since it was proposed"}</h2>
      </div>
      <div className="card-body stack" style={{ gap: 12 }}>
        <p style={{ margin: 0 }}>
          {moved.length === 1 ? "One entry it changes was" : `${moved.length} entries it changes were`} changed after version {request.baseVersion} it was proposed on.{" "}
          {stale ? "It was not applied, and keeps its operations." : "Approving it now would mark it stale instead of applying it."} Compare the three sides, choose for
          each, and rebase it on version {head}: the new revision needs its approvals again.
        </p>
        {moved.map((m) => (
          <EntryMerge
            key={`${m.id}@${m.theirsVersion}`}
            id={m.id}
            base={byId.get(m.id)?.before ?? null}
            proposed={byId.get(m.id)?.after ?? null}
            theirs={m.theirs}
            theirsVersion={m.theirsVersion}
            theirsAuthor={m.theirsAuthor}
            baseVersion={request.baseVersion}
            editable={canRebase}
            onChoice={(choice) => setChoices((prev) => new Map(prev).set(m.id, choice))}
          />
        ))}
        {canRebase ? (
          <>
            <textarea className={styles.note} value={note} onChange={(e) => setNote(e.target.value)} placeholder="What you kept and why (optional)" aria-label="Rebase note" data-testid="rebase-note" />
            {rebase.error ? (
              <div className="notice error" role="alert">
                {errorMessage(rebase.error)}
                {diagnosticsOf(rebase.error).length > 0 ? (
                  <ul>
                    {diagnosticsOf(rebase.error).map((d) => (
                      <li key={describeDiagnostic(d)}>{describeDiagnostic(d)}</li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : null}
            {ops.length === 0 ? <div className="notice warning">With these choices nothing is left to change: reject it instead.</div> : null}
            <div className={styles.actions}>
              <button
                type="button"
                className="primary"
                disabled={rebase.isPending || invalid || ops.length === 0}
                onClick={() => rebase.mutate({ id: request.id, revision: request.revision, baseVersion: head, ops, note })}
                data-testid="rebase-button"
              >
                {rebase.isPending ? "Rebasing…" : `Rebase on version ${head} (${ops.length} operation${ops.length === 1 ? "" : "s"})`}
              </button>
            </div>
          </>
        ) : (
          <p className="muted small-text" style={{ margin: 0 }}>
            Editors can rebase it.
          </p>
        )}
      </div>
    </section>
  );
}
