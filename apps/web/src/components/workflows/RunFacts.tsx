"use client";
/** A run's facts: workflow entry, host, pid, pinned code, the node holding it, times, parent. */
import Link from "next/link";
import { TimeAgo } from "@/components/ui/TimeAgo";
import { entryHref } from "@/lib/entry-id";
import { formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/trpc";
import { formatUntil, runHref, shortHash } from "@/lib/workflow-format";
import styles from "./workflows.module.css";

type RunPage = RouterOutputs["workflows"]["get"];

export function RunFacts({ page }: { page: RunPage }) {
  const { run, pid, lease } = page;
  return (
    <section className="card" data-testid="run-facts">
      <dl className={`kv ${styles.facts}`}>
        <dt>Workflow</dt>
        <dd>
          <Link href={entryHref(run.workflow)} data-testid="run-workflow">
            {run.workflow}
          </Link>
        </dd>
        <dt>Host</dt>
        <dd>{run.host}</dd>
        <dt>Pid</dt>
        <dd className={styles.code}>{pid}</dd>
        <dt>Code</dt>
        <dd className={styles.code} title={run.codeHash} data-testid="run-code">
          {shortHash(run.codeHash)}
        </dd>
        <dt>Node</dt>
        <dd data-testid="run-lease">
          {lease ? (
            <>
              {lease.owner} <span className="muted small-text">(lease epoch {lease.epoch}, renews {formatUntil(lease.expiresAt)})</span>
            </>
          ) : (
            <span className="muted">{run.status === "running" ? "none holds it right now" : "—"}</span>
          )}
        </dd>
        <dt>Created</dt>
        <dd title={formatDateTime(run.createdAt)}>
          <TimeAgo value={run.createdAt} />
        </dd>
        <dt>Updated</dt>
        <dd>
          <TimeAgo value={run.updatedAt} />
        </dd>
        {run.parent ? (
          <>
            <dt>Parent</dt>
            <dd>
              <Link href={runHref(run.parent.id)} className={styles.code} data-testid="run-parent">
                {run.parent.id}
              </Link>{" "}
              <span className="muted small-text">(command {run.parent.command})</span>
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
