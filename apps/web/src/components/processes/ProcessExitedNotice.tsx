"use client";
/**
 * Shown when the process is gone: it exited (or was terminated). If it ran as a service and
 * the live table shows the service running again, this links to its new process.
 */
import Link from "next/link";
import type { LiveProcess } from "@/lib/processes/live-process";
import { processHref } from "@/lib/processes/process-href";
import styles from "./processes.module.css";

export function ProcessExitedNotice({ pid, service, successor }: { pid: string; service?: string; successor: LiveProcess | undefined }) {
  return (
    <div className={`notice warning ${styles.exited}`} role="status" data-testid="process-exited">
      <span>
        <strong>This process has exited.</strong> <span className="mono">{pid}</span> no longer runs on its node; what follows is the last state seen.
      </span>
      {service && successor ? (
        <span data-testid="process-successor" data-pid={successor.pid}>
          Its service <span className="mono">{service}</span> now runs as{" "}
          <Link href={processHref(successor.nodeId, successor.pid)} className="mono" data-testid="successor-link">
            {successor.pid}
          </Link>
          {successor.restarts !== undefined ? ` (restarts: ${successor.restarts})` : null}.
        </span>
      ) : service ? (
        <span className="muted">Its service {service} is not running on this node right now.</span>
      ) : null}
      <Link href="/processes" className="small-text">
        Back to all processes
      </Link>
    </div>
  );
}
