"use client";
/**
 * Messages delivered to the process since its page started tracing it (newest first): time,
 * sender, topic and the payload's preview (cut at the node's limit), each expandable.
 */
import Link from "next/link";
import { MESSAGE_PREVIEW_CHARS, type SampledMessage } from "@wippy/shared";
import { EmptyState } from "@/components/ui/EmptyState";
import { formatClock } from "@/lib/logs/log-format";
import { describeSender } from "@/lib/processes/process-format";
import { processHref } from "@/lib/processes/process-href";
import styles from "./processes.module.css";

export function SampledMessages({ nodeId, messages }: { nodeId: string; messages: readonly SampledMessage[] }) {
  if (messages.length === 0) {
    return <EmptyState testId="messages-empty">No message has arrived since this page opened. Messages delivered from now on show here.</EmptyState>;
  }
  const newestFirst = [...messages].reverse();
  return (
    <div className={styles.scrollBox}>
      <table className={`table ${styles.messages}`} data-testid="sampled-messages">
        <thead>
          <tr>
            <th>Time</th>
            <th>From</th>
            <th>Topic</th>
            <th>Payload</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((m, i) => (
            <tr key={`${m.at}:${newestFirst.length - i}`} data-testid="sampled-message" data-topic={m.topic}>
              <td className="mono no-wrap">{formatClock(m.at)}</td>
              <td className="mono no-wrap">{m.from === "" ? <span className="muted">{describeSender(m.from)}</span> : <Link href={processHref(nodeId, m.from)}>{m.from}</Link>}</td>
              <td className="mono">{m.topic}</td>
              <td>
                {m.preview === "" ? (
                  <span className="muted">no payload</span>
                ) : (
                  <details className={styles.preview}>
                    <summary data-testid="message-preview">{m.preview}</summary>
                    <pre className={styles.pre}>{m.preview}</pre>
                  </details>
                )}
                {m.truncated ? (
                  <span className="badge warning" title={`Payloads are cut at ${MESSAGE_PREVIEW_CHARS.toLocaleString("en-US")} characters`}>
                    cut
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
