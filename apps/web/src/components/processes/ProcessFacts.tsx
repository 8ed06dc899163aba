"use client";
/** The process page's facts: what it runs, where, its state and counters, its code's version. */
import Link from "next/link";
import type { ReactNode } from "react";
import type { ProcessRow } from "@wippy/shared";
import { entryHref } from "@/lib/entry-id";
import { formatBytes } from "@/lib/format";
import { useNow } from "@/lib/hooks/use-now";
import { describeState, formatExact, formatUptime } from "@/lib/processes/process-format";
import styles from "./processes.module.css";

export function ProcessFacts({ row, nodeId, exited }: { row: ProcessRow; nodeId: string; exited: boolean }) {
  const now = useNow();
  const facts: [string, ReactNode, string][] = [
    ["Entry", <Link key="e" href={entryHref(row.entry)}>{row.entry}</Link>, "entry"],
    ["Service", row.service ? <Link key="s" href={entryHref(row.service)}>{row.service}</Link> : <span className="muted">not a service</span>, "service"],
    ["Node", <span key="n" className="mono">{nodeId}</span>, "node"],
    ["Host", row.host, "host"],
    [
      "State",
      <span key="st" className={styles.state}>
        <span className={styles.dot} data-state={exited ? "exited" : row.state} aria-hidden="true" />
        {exited ? "exited" : describeState(row)}
      </span>,
      "state",
    ],
    ["Mailbox", formatExact(row.mailbox), "mailbox"],
    ["Reductions", formatExact(row.reductions), "reductions"],
    ["Memory", formatBytes(row.memory), "memory"],
    ["Uptime", exited ? "—" : formatUptime(now - row.startedAt), "uptime"],
    ["Restarts", row.restarts === undefined ? "—" : String(row.restarts), "restarts"],
    // Version 0 is the runtime's own code (its root supervisor), not a registry version.
    ["Code version", row.version > 0 ? <Link key="v" href={`/history/${row.version}`}>v{row.version}</Link> : "v0 (runtime)", "version"],
    ["Names", row.names.length > 0 ? row.names.join(", ") : "—", "names"],
  ];
  return (
    <dl className={styles.facts} data-testid="process-facts">
      {facts.map(([label, value, id]) => (
        <div key={id}>
          <dt>{label}</dt>
          <dd data-testid={`fact-${id}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
