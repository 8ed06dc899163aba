"use client";
/**
 * One timeline item (the API's `TimelineItem`): what happened, its status and timing. Activities
 * list their attempts; children link to their own run pages.
 */
import Link from "next/link";
import type { ReactNode } from "react";
import { formatDateTime } from "@/lib/format";
import { shortJson } from "@/lib/json-text";
import type { RouterOutputs } from "@/lib/trpc";
import { formatDuration, runHref, shortHash } from "@/lib/workflow-format";
import { RunStatusBadge } from "./RunStatusBadge";
import styles from "./workflows.module.css";

export type TimelineItem = RouterOutputs["workflows"]["get"]["timeline"][number];
type Tone = "success" | "danger" | "warning" | "accent" | "neutral";

const STATUS_TONES: Record<string, Tone> = { completed: "success", fired: "success", failed: "danger", terminated: "danger", retrying: "warning", canceled: "warning", running: "accent", pending: "accent" };

function statusOf(item: TimelineItem): string | undefined {
  return item.type === "activity" || item.type === "timer" || item.type === "child" || item.type === "end" ? item.status : undefined;
}

function Status({ status }: { status: string }) {
  const tone = STATUS_TONES[status];
  return <span className={`badge ${tone && tone !== "neutral" ? tone : ""}`}>{status}</span>;
}

function Attempts({ item }: { item: Extract<TimelineItem, { type: "activity" }> }) {
  if (item.attempts.length < 2 && item.status !== "failed") return null;
  return (
    <ol className={styles.attempts} data-testid="activity-attempts">
      {item.attempts.map((a) => (
        <li key={a.attempt} data-testid="activity-attempt" data-outcome={a.outcome}>
          attempt {a.attempt}: {a.outcome === "running" ? `running since ${formatDateTime(a.startedAt)}` : `${a.outcome} after ${formatDuration(a.durationMs ?? 0)}`}
          {a.error ? <span className="muted"> · {a.error.kind}: {a.error.message}</span> : null}
          {a.retryAt !== undefined ? <span className="muted"> · retry at {formatDateTime(a.retryAt)}</span> : null}
        </li>
      ))}
    </ol>
  );
}

function body(item: TimelineItem): { kind: string; head: ReactNode; detail?: ReactNode } {
  switch (item.type) {
    case "started":
      return { kind: "started", head: <span className={styles.code}>input {shortJson(item.input, 160)}</span> };
    case "activity":
      return {
        kind: "activity",
        head: (
          <>
            <span className={styles.code}>
              {item.activity}({shortJson(item.args, 120).slice(1, -1)})
            </span>
            {item.durationMs !== undefined ? <span className="muted small-text">{formatDuration(item.durationMs)}</span> : null}
            {item.attempts.length > 1 ? <span className="muted small-text">{item.attempts.length} attempts</span> : null}
          </>
        ),
        detail: (
          <>
            {item.status === "completed" ? <div className={styles.code}>→ {shortJson(item.result, 200)}</div> : null}
            {item.error ? <div className="break">{item.error.kind}: {item.error.message}</div> : null}
            <Attempts item={item} />
          </>
        ),
      };
    case "timer":
      return {
        kind: "timer",
        head: <span>{item.status === "fired" ? `fired at ${formatDateTime(item.firedAt ?? item.fireAt)}` : `fires at ${formatDateTime(item.fireAt)}`}</span>,
        detail: <span className="muted small-text">durable sleep of {formatDuration(item.fireAt - item.at)}{item.status === "dropped" ? "; the run ended first" : ""}</span>,
      };
    case "child":
      return {
        kind: "child",
        head: (
          <>
            <Link href={runHref(item.childId)} className={styles.code} data-testid="child-link">
              {item.childId}
            </Link>
            <span className="muted small-text">{item.workflow}</span>
          </>
        ),
        detail: item.status === "completed" ? <div className={styles.code}>→ {shortJson(item.result, 200)}</div> : item.error ? <div>{item.error.kind}: {item.error.message}</div> : null,
      };
    case "signal":
      return { kind: "signal", head: <><strong>{item.topic}</strong> <span className={styles.code}>{shortJson(item.payloads.length === 1 ? item.payloads[0] : item.payloads, 160)}</span></>, detail: <span className="muted small-text">from {item.from || "the system"}</span> };
    case "cancel":
      return { kind: "cancel", head: <span>cancellation requested{item.reason ? `: ${item.reason}` : ""}</span>, detail: <span className="muted small-text">from {item.from || "the system"}</span> };
    case "side_effect":
      return { kind: item.name, head: <span className={styles.code}>{shortJson(item.value)}</span> };
    case "version":
      return { kind: "version", head: <span className={styles.code}>{item.changeId} = {item.version}</span> };
    case "message":
      return { kind: "sent", head: <span className={styles.code}>{item.topic} → {item.to} {shortJson(item.payloads, 120)}</span> };
    case "upgrade":
      return { kind: "upgrade", head: <span className={styles.code}>code {shortHash(item.fromHash)} → {shortHash(item.toHash)}</span> };
    case "end":
      return {
        kind: "end",
        head: <RunStatusBadge status={item.status} testId="timeline-end-status" />,
        detail: item.status === "completed" ? <div className={styles.code}>→ {shortJson(item.result, 200)}</div> : item.error ? <div>{item.error.kind}: {item.error.message}</div> : item.reason ? <div>{item.reason}</div> : null,
      };
  }
}

export function TimelineRow({ item, startedAt }: { item: TimelineItem; startedAt: number }) {
  const status = statusOf(item);
  const { kind, head, detail } = body(item);
  return (
    <li className={styles.item} data-testid="timeline-item" data-type={item.type} data-status={status} data-seq={item.seq}>
      <span className={styles.when} title={`${formatDateTime(item.at)} · seq ${item.seq}`}>
        +{formatDuration(item.at - startedAt)}
      </span>
      <span className={styles.dot} data-tone={status ? STATUS_TONES[status] : undefined} aria-hidden="true" />
      <div>
        <div className={styles.head}>
          <span className={styles.kind}>{kind}</span>
          {head}
          {status && item.type !== "end" ? <Status status={status} /> : null}
        </div>
        {detail ? <div className={styles.detail}>{detail}</div> : null}
      </div>
    </li>
  );
}
