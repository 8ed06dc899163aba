"use client";
/** The selected log line in full: every field, as JSON. */
import type { LiveLogLine } from "@/lib/logs/log-book";
import styles from "./logs.module.css";

export function LogLineDetail({ line }: { line: LiveLogLine }) {
  const { key: _key, fields, ...rest } = line;
  return (
    <pre className={styles.detail} data-testid="log-detail">
      {JSON.stringify({ ...rest, at: new Date(line.at).toISOString(), ...fields }, null, 2)}
    </pre>
  );
}
