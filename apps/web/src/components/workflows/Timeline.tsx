"use client";
/** The run's history as a timeline, oldest first; every raw event is one click away below it. */
import type { RouterOutputs } from "@/lib/trpc";
import { shortJson } from "@/lib/json-text";
import { TimelineRow } from "./TimelineRow";
import styles from "./workflows.module.css";

type RunPage = RouterOutputs["workflows"]["get"];

export function Timeline({ page }: { page: RunPage }) {
  const startedAt = page.history[0]?.at ?? page.run.createdAt;
  return (
    <section className="card" data-testid="timeline">
      <div className="card-header">
        <h3>Timeline</h3>
        <span className="muted small-text">{page.history.length} events</span>
      </div>
      <ol className={styles.timeline}>
        {page.timeline.map((item) => (
          <TimelineRow key={item.seq} item={item} startedAt={startedAt} />
        ))}
      </ol>
      <details style={{ borderTop: "1px solid var(--border)", padding: "8px 16px" }} data-testid="history-events">
        <summary className="small-text">All {page.history.length} history events</summary>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th className="num">Seq</th>
                <th>Type</th>
                <th>Event</th>
              </tr>
            </thead>
            <tbody>
              {page.history.map(({ seq, type, at: _at, ...rest }) => (
                <tr key={seq}>
                  <td className="num">{seq}</td>
                  <td className="no-wrap">{type}</td>
                  <td className={styles.code}>{shortJson(rest, 240)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
