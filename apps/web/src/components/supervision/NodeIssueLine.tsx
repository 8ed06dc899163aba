"use client";
/** The first of a node's issues on the node itself; the full list is its tooltip and in the side panel. */
import { messageOnNode, type TreeIssue } from "@/lib/supervision/validate";
import styles from "./supervision.module.css";

export function NodeIssueLine({ issues }: { issues: readonly TreeIssue[] | undefined }) {
  const first = issues?.[0];
  if (!issues || !first) return null;
  const more = issues.length - 1;
  return (
    <div className={styles.issueText} data-testid="node-issue" title={issues.map(messageOnNode).join("\n")}>
      ⚠ {messageOnNode(first)}
      {more > 0 ? ` (+${more} more)` : ""}
    </div>
  );
}
