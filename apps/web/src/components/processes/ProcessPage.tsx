"use client";
/**
 * /processes/[nodeId]/[pid] — one process: its facts, links and monitors as a graph, the
 * messages it receives (sampled while this page is open: `processes.inspect` starts tracing
 * and is polled every second, which keeps the trace alive), its log lines, its config, and
 * the operator's actions. A process that exits stays on screen as it was last seen, marked
 * exited, with a link to its service's next process when there is one.
 */
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState, type ReactNode } from "react";
import type { ProcessDetail } from "@wippy/shared";
import { EmptyState } from "@/components/ui/EmptyState";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { PageHeader } from "@/components/ui/PageHeader";
import { Toaster } from "@/components/ui/Toaster";
import { useLiveProcesses } from "@/lib/hooks/use-live-processes";
import { neighborsOf } from "@/lib/processes/neighbors";
import { useProcessStore } from "@/lib/processes/process-store";
import { useTRPC } from "@/lib/trpc";
import { LiveIndicator } from "./LiveIndicator";
import { ProcessActions } from "./ProcessActions";
import { ProcessConfig } from "./ProcessConfig";
import { ProcessExitedNotice } from "./ProcessExitedNotice";
import { ProcessFacts } from "./ProcessFacts";
import { ProcessGraph } from "./ProcessGraph";
import { ProcessLogLines } from "./ProcessLogLines";
import { SampledMessages } from "./SampledMessages";
import styles from "./processes.module.css";

/** The node keeps tracing for 30 s after the last look; once a second keeps the page current. */
export const INSPECT_POLL_MS = 1_000;

function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <section className="card" data-testid={testId}>
      <div className="card-header">
        <h2>{title}</h2>
      </div>
      <div className="card-body">{children}</div>
    </section>
  );
}

export function ProcessPage({ nodeId, pid }: { nodeId: string; pid: string }) {
  const trpc = useTRPC();
  const { status, nodes, version } = useLiveProcesses();
  const nodeGone = status.connection === "live" && !nodes.some((n) => n.nodeId === nodeId);
  const inspect = useQuery(
    trpc.processes.inspect.queryOptions(
      { nodeId, pid },
      { enabled: !nodeGone, staleTime: 0, refetchInterval: (q) => (q.state.data === null || q.state.status === "error" ? false : INSPECT_POLL_MS) },
    ),
  );
  // The last detail seen stays on screen after the process exits (the query then answers null).
  const [last, setLast] = useState<ProcessDetail | null>(null);
  if (inspect.data && inspect.data !== last) setLast(inspect.data);
  const exited = inspect.data === null;
  const detail = inspect.data ?? last;
  const service = detail?.row.service;

  const { neighbors, successor } = useMemo(() => {
    void version; // the live table is mutable: the version says it changed
    const table = useProcessStore.getState().table;
    const rows = [...table.rowsOf(nodeId)];
    return {
      neighbors: detail ? neighborsOf(detail.row, rows) : [],
      successor: exited && service ? rows.find((r) => r.service === service && r.pid !== pid) : undefined,
    };
  }, [version, nodeId, pid, detail, exited, service]);

  const header = (
    <PageHeader title={<span className={styles.title}>{pid}</span>} subtitle={detail ? `${detail.row.entry}${service ? ` · service ${service}` : ""} · node ${nodeId}` : `node ${nodeId}`}>
      {exited ? (
        <span className="badge danger" data-testid="process-live">
          exited
        </span>
      ) : (
        <LiveIndicator connection={status.connection} testId="process-live" />
      )}
      {detail && !exited ? <ProcessActions nodeId={nodeId} pid={pid} service={service} /> : null}
    </PageHeader>
  );
  const back = (
    <Link href="/processes" className="small-text">
      ← All processes
    </Link>
  );

  if (nodeGone && !detail) {
    return (
      <>
        {back}
        {header}
        <EmptyState testId="process-node-gone">
          Runtime node <span className="mono">{nodeId}</span> is not connected, so this process cannot be shown.
        </EmptyState>
      </>
    );
  }
  if (!detail) {
    if (exited) {
      return (
        <>
          {back}
          {header}
          <ProcessExitedNotice pid={pid} successor={undefined} />
        </>
      );
    }
    if (inspect.error) return <>{back}{header}<ErrorMessage error={inspect.error} title="Could not read this process" onRetry={() => void inspect.refetch()} /></>;
    return <>{back}{header}<Loading label="Loading the process…" /></>;
  }

  return (
    <div className="stack" data-testid="process-page" data-pid={pid} data-node-id={nodeId} data-state={exited ? "exited" : detail.row.state}>
      <div>
        {back}
        {header}
      </div>
      {exited || nodeGone ? <ProcessExitedNotice pid={pid} service={service} successor={successor} /> : null}
      {inspect.error && !exited ? <ErrorMessage error={inspect.error} title="The latest read failed" onRetry={() => void inspect.refetch()} /> : null}
      <section className="card card-body">
        <ProcessFacts row={detail.row} nodeId={nodeId} exited={exited} />
      </section>
      <div className={styles.columns}>
        <Section title="Links and monitors" testId="process-links">
          <ProcessGraph nodeId={nodeId} pid={pid} entry={detail.row.entry} neighbors={neighbors} />
        </Section>
        <Section title="Config" testId="process-config">
          <ProcessConfig entry={detail.entry} serviceEntry={detail.serviceEntry} />
        </Section>
      </div>
      <Section title={`Messages received (${detail.messages.length})`} testId="process-messages">
        <SampledMessages nodeId={nodeId} messages={detail.messages} />
      </Section>
      <Section title="Log lines" testId="process-log-lines">
        <ProcessLogLines nodeId={nodeId} pid={pid} lines={detail.logs} />
      </Section>
      <Toaster />
    </div>
  );
}
