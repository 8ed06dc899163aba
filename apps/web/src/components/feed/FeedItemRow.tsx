"use client";
/**
 * One item of the activity feed. A registry version: its number (to its page), who, from where,
 * why, and the entries it touched. An incident: crash loop or failure, the service (to its
 * entry) and node, what happened, and whether it is over. `compact` for the top bar's list.
 */
import Link from "next/link";
import type { FeedItem, FeedVersion, Incident } from "@wippy/shared";
import { SourceBadge } from "@/components/history/SourceBadge";
import { TimeAgo } from "@/components/ui/TimeAgo";
import { entryHref } from "@/lib/entry-id";
import styles from "./feed.module.css";

const OP_CLASS = { create: "badge success", update: "badge warning", delete: "badge danger" } as const;

function VersionRow({ item, compact }: { item: FeedVersion; compact: boolean }) {
  const more = item.entryCount - item.entries.length;
  return (
    <>
      <span className={`${styles.icon} ${styles.versionIcon}`} aria-hidden="true">
        v
      </span>
      <div className={styles.body}>
        <div className={styles.line}>
          <Link href={`/history/${item.version}`} className={styles.strong} data-testid="feed-version-link">
            Version {item.version}
          </Link>
          <span>by {item.author}</span>
          {compact ? null : <SourceBadge source={item.source} />}
          {item.message ? <span className={styles.message}>“{item.message}”</span> : null}
        </div>
        <div className={`${styles.entries} small-text`}>
          {item.entries.map((e) => (
            <span key={e.id} className={styles.entry}>
              {compact ? null : <span className={OP_CLASS[e.op]}>{e.op}</span>}
              {e.op === "delete" ? <span className="mono">{e.id}</span> : <Link href={entryHref(e.id)} className="mono">{e.id}</Link>}
            </span>
          ))}
          {more > 0 ? <Link href={`/history/${item.version}`}>+{more} more</Link> : null}
          {item.entryCount === 0 ? <span className="muted">no entry changes</span> : null}
        </div>
      </div>
    </>
  );
}

function incidentState(item: Incident): { text: string; className: string } {
  if (item.kind === "crash_loop") return item.resolvedAt === null ? { text: "ongoing", className: "badge danger" } : { text: "ended", className: "badge" };
  return item.resolvedAt === null ? { text: "still failed", className: "badge danger" } : { text: "recovered", className: "badge success" };
}

function IncidentRow({ item, compact }: { item: Incident; compact: boolean }) {
  const state = incidentState(item);
  return (
    <>
      <span className={`${styles.icon} ${item.kind === "crash_loop" ? styles.loopIcon : styles.failedIcon}`} aria-hidden="true">
        !
      </span>
      <div className={styles.body}>
        <div className={styles.line}>
          <span className={styles.strong}>{item.kind === "crash_loop" ? "Crash loop" : "Service failed"}</span>
          <Link href={entryHref(item.service)} className="mono" data-testid="feed-incident-service">
            {item.service}
          </Link>
          <span className={state.className} data-testid="feed-incident-state">
            {state.text}
          </span>
          {compact ? null : <span className="muted small-text">on node {item.nodeId}</span>}
        </div>
        <div className={`small-text ${compact ? styles.clip : ""}`} data-testid="feed-incident-message">
          {item.message}
          {!compact && item.kind === "crash_loop" && item.lastAt > item.at ? (
            <span className="muted">
              {" "}
              · last restart <TimeAgo value={item.lastAt} />
            </span>
          ) : null}
        </div>
      </div>
    </>
  );
}

export function FeedItemRow({ item, compact = false }: { item: FeedItem; compact?: boolean }) {
  return (
    <li
      className={`${styles.item} ${compact ? styles.compact : ""}`}
      data-testid="feed-item"
      data-key={item.key}
      data-type={item.type}
      data-kind={item.type === "incident" ? item.kind : "version"}
      data-service={item.type === "incident" ? item.service : undefined}
    >
      {item.type === "version" ? <VersionRow item={item} compact={compact} /> : <IncidentRow item={item} compact={compact} />}
      <span className={`${styles.time} muted small-text`}>
        <TimeAgo value={item.at} />
      </span>
    </li>
  );
}
