"use client";
/**
 * Every issue of the tree in one list (the canvas marks each node; this is the list a keyboard
 * or screen-reader user walks). Choosing an issue selects its node. Saving is blocked while the
 * list is not empty.
 */
import { canvasStore, useCanvas } from "./use-canvas";
import styles from "./supervision.module.css";

export function IssuesPanel() {
  const issues = useCanvas((s) => s.issues.all);
  if (issues.length === 0) return null;
  return (
    <section className={`card ${styles.section}`} aria-label="Problems" data-testid="tree-issues">
      <h3>
        {issues.length} problem{issues.length === 1 ? "" : "s"} to fix before saving
      </h3>
      {issues.map((issue) => (
        <button key={`${issue.code}:${issue.message}`} type="button" className={styles.issueButton} onClick={() => canvasStore.getState().select(issue.entry)} data-testid="tree-issue" data-entry-id={issue.entry}>
          {issue.message}
        </button>
      ))}
    </section>
  );
}
