"use client";
/**
 * What a running run waits on: items in its inbox not yet recorded (signals, cancel requests,
 * children's results — taken when the run next runs) and its armed timers (durable sleeps and
 * activity retries).
 */
import { formatDateTime } from "@/lib/format";
import { shortJson } from "@/lib/json-text";
import type { RouterOutputs } from "@/lib/trpc";
import { formatUntil } from "@/lib/workflow-format";
import styles from "./workflows.module.css";

type RunPage = RouterOutputs["workflows"]["get"];
type InboxItem = RunPage["inbox"][number];
type PendingTimer = RunPage["timers"][number];

function describeItem(item: InboxItem): string {
  switch (item.kind) {
    case "signal":
      return `signal ${item.topic} ${shortJson(item.payloads.length === 1 ? item.payloads[0] : item.payloads)} from ${item.from || "the system"}`;
    case "cancel":
      return `cancel request${item.reason ? `: ${item.reason}` : ""} from ${item.from || "the system"}`;
    case "child":
      return `child ${item.childId} ${item.error ? `failed: ${item.error.message}` : `→ ${shortJson(item.result)}`}`;
  }
}

function describeTimer(timer: PendingTimer): string {
  switch (timer.wakes.type) {
    case "timer":
      return `timer #${timer.command}`;
    case "retry":
      return `attempt ${timer.wakes.attempt} of ${timer.wakes.activity}`;
    case "unknown":
      return `command #${timer.command}`;
  }
}

export function PendingPanel({ page }: { page: RunPage }) {
  const { inbox, timers } = page;
  return (
    <section className="card" data-testid="pending">
      <div className="card-header">
        <h3>Waiting</h3>
        <span className="muted small-text">
          {inbox.length} inbox item{inbox.length === 1 ? "" : "s"}, {timers.length} timer{timers.length === 1 ? "" : "s"}
        </span>
      </div>
      {inbox.length === 0 && timers.length === 0 ? <p className="muted small-text" style={{ padding: "0 16px" }}>Nothing waits in its inbox and no timer is armed.</p> : null}
      <ul className={styles.pendingList}>
        {inbox.map((item) => (
          <li key={`inbox-${item.id}`} className={styles.code} data-testid="pending-inbox-item" data-kind={item.kind}>
            {describeItem(item)}
          </li>
        ))}
        {timers.map((timer) => (
          <li key={`timer-${timer.command}`} data-testid="pending-timer">
            {describeTimer(timer)} fires at {formatDateTime(timer.fireAt)} <span className="muted small-text">({formatUntil(timer.fireAt)})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
