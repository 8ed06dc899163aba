"use client";
/** The registry entry the process runs and, for a service, the service entry: read-only, as JSON. */
import Link from "next/link";
import type { JsonValue } from "@wippy/shared";
import { entryHref } from "@/lib/entry-id";
import styles from "./processes.module.css";

function idOf(entry: JsonValue | null): string | null {
  return entry && typeof entry === "object" && !Array.isArray(entry) && typeof entry.id === "string" ? entry.id : null;
}

function EntryBlock({ label, entry, testId }: { label: string; entry: JsonValue; testId: string }) {
  const id = idOf(entry);
  return (
    <div className="stack" style={{ gap: 4 }}>
      <div className="row">
        <strong className="small-text">{label}</strong>
        {id ? (
          <Link href={entryHref(id)} className="small-text">
            open {id} in the registry
          </Link>
        ) : null}
      </div>
      <pre className={styles.pre} data-testid={testId}>
        {JSON.stringify(entry, null, 2)}
      </pre>
    </div>
  );
}

export function ProcessConfig({ entry, serviceEntry }: { entry: JsonValue | null; serviceEntry: JsonValue | null }) {
  if (entry === null && serviceEntry === null) return <p className="muted">The node no longer has this process&apos;s entry (it was deleted from the registry).</p>;
  return (
    <div className="stack" style={{ gap: 12 }}>
      {serviceEntry !== null ? <EntryBlock label="Service" entry={serviceEntry} testId="config-service" /> : null}
      {entry !== null ? <EntryBlock label="Entry" entry={entry} testId="config-entry" /> : null}
    </div>
  );
}
