/**
 * Everything the run page shows about one workflow run, read in one snapshot: the record, its
 * pid, the full history and its timeline (timeline.ts), what waits in its inbox, its armed
 * timers and the lease of the node working on it. Unknown run → NOT_FOUND.
 */
import { TRPCError } from "@trpc/server";
import { PgWorkflowStore, runSchedule, type Sql } from "@wippy/db";
import { workflowPid } from "@wippy/runtime/workflow";
import type { InboxItem, RunRecord, StoredEvent } from "@wippy/shared";
import { buildTimeline, describeTimers, type PendingTimer, type TimelineItem } from "./timeline";

export interface RunPage {
  run: RunRecord;
  pid: string;
  history: StoredEvent[];
  timeline: TimelineItem[];
  inbox: InboxItem[];
  timers: PendingTimer[];
  lease: { owner: string; epoch: number; expiresAt: number } | null;
}

export async function readRunPage(sql: Sql, id: string): Promise<RunPage> {
  // One snapshot: a run that ends between two reads must not show its end without its last events.
  const page = (await sql.begin("isolation level repeatable read read only", async (tx) => {
    const store = new PgWorkflowStore(tx);
    const run = await store.getRun(id);
    if (!run) return undefined;
    const [history, inbox, schedule] = await Promise.all([store.history(id), store.pendingInbox(id), runSchedule(tx, id)]);
    const timeline = buildTimeline(history);
    return { run, pid: workflowPid(run.host, run.id), history, timeline, inbox, timers: describeTimers(schedule?.timers ?? [], timeline), lease: schedule?.lease ?? null };
  })) as RunPage | undefined;
  if (!page) throw new TRPCError({ code: "NOT_FOUND", message: `workflow run ${id} not found` });
  return page;
}
