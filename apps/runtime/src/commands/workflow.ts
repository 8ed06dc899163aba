/**
 * `wippy workflow list|show|signal|cancel|terminate|upgrade`: inspect and steer durable workflow
 * runs. Each action that goes through records one audit row (`workflows.signal`, …) in the
 * transaction that makes the change — the rows the control plane writes for the same actions
 * (`auditedWorkflowAction`, @wippy/db), naming the command line's actor (cli-actor.ts).
 */
import {
  auditedWorkflowAction,
  PgWorkflowStore,
  workflowCancelAudit,
  workflowSignalAudit,
  workflowTerminateAudit,
  workflowUpgradeAudit,
} from "@wippy/db";
import { PolicyIndex } from "@wippy/runtime/security";
import { requestRunCancel, signalRun, terminateRunNow, upgradeRun, type OperatorError } from "@wippy/runtime/workflow";
import type { Entry, JsonValue, RunRecord, RunStatus, StoredEvent } from "@wippy/shared";
import { cliActor } from "../cli-actor";
import type { CommandContext } from "../command";
import { defaultAuthor, type Env } from "../env";
import { CliError, EXIT } from "../output";
import { withSession } from "../session";

export const RUN_STATUSES: readonly RunStatus[] = ["running", "completed", "failed", "canceled", "terminated"];

export interface RunListFlags {
  status?: string;
  workflow?: string;
  limit?: number;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Who an operator action comes from, as recorded in the run's inbox / history. */
function operator(env: Env): string {
  return `cli:${defaultAuthor(env)}`;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ");
  return [line(header), ...rows.map(line)];
}

export async function listRunsCommand({ env, out }: CommandContext, flags: RunListFlags): Promise<void> {
  if (flags.status !== undefined && !RUN_STATUSES.includes(flags.status as RunStatus)) {
    throw new CliError(`--status must be one of ${RUN_STATUSES.join(", ")}, got "${flags.status}"`, EXIT.usage);
  }
  const filter = { status: flags.status as RunStatus | undefined, workflow: flags.workflow, limit: flags.limit };
  await withSession(env, out, async ({ sql }) => {
    const runs = await new PgWorkflowStore(sql).listRuns(filter);
    out.result({ runs }, () => {
      if (runs.length === 0) return "no workflow runs";
      const rows = runs.map((r) => [r.id, r.workflow, r.halted ? `${r.status} (halted)` : r.status, iso(r.createdAt), iso(r.updatedAt)]);
      return [...table(["ID", "WORKFLOW", "STATUS", "CREATED", "UPDATED"], rows), `${runs.length} run(s)`];
    });
  });
}

function short(value: JsonValue | undefined, max = 60): string {
  const text = value === undefined ? "" : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** One line about one history event (its seq and type are printed beside it). */
export function summarizeEvent(e: StoredEvent): string {
  switch (e.type) {
    case "started":
      return `input ${short(e.input)}${e.security?.actor ? ` as ${e.security.actor.id}` : ""}`;
    case "activity.scheduled":
      return `#${e.command} ${e.activity}(${short(e.args).slice(1, -1)})`;
    case "activity.completed":
      return `#${e.command} attempt ${e.attempt} → ${short(e.result)}`;
    case "activity.failed":
      return `#${e.command} attempt ${e.attempt} ${e.error.kind}: ${e.error.message}${e.final ? " (final)" : e.retryAt ? ` (retry at ${iso(e.retryAt)})` : ""}`;
    case "timer.started":
      return `#${e.command} fires at ${iso(e.fireAt)}`;
    case "timer.fired":
      return `#${e.command}`;
    case "side_effect":
      return `#${e.command} ${e.name} = ${short(e.value)}`;
    case "version.marker":
      return `#${e.command} ${e.changeId} = ${e.version}`;
    case "child.started":
      return `#${e.command} ${e.childId} (${e.workflow})`;
    case "child.completed":
      return `#${e.command} → ${short(e.result)}`;
    case "child.failed":
      return `#${e.command} ${e.error.kind}: ${e.error.message}`;
    case "message.sent":
      return `#${e.command} → ${e.to} ${e.topic} ${short(e.payloads)}${e.refused ? ` refused: ${e.refused.message}` : ""}`;
    case "signal.received":
      return `${e.topic} ${short(e.payloads)} from ${e.from}`;
    case "cancel.requested":
      return `${e.reason || "(no reason)"} from ${e.from}`;
    case "completed":
      return `→ ${short(e.result)}`;
    case "failed":
    case "canceled":
      return `${e.error.kind}: ${e.error.message}`;
    case "terminated":
      return e.reason || "(no reason)";
    case "code.upgraded":
      return `${e.fromHash.slice(0, 12)} → ${e.toHash.slice(0, 12)}`;
  }
}

function runLines(run: RunRecord): string[] {
  const lines = [
    `run:      ${run.id}`,
    `workflow: ${run.workflow}`,
    `host:     ${run.host}`,
    `status:   ${run.status}`,
    `code:     ${run.codeHash}`,
    `created:  ${iso(run.createdAt)}`,
    `updated:  ${iso(run.updatedAt)}`,
    `input:    ${short(run.input, 200)}`,
  ];
  if (run.parent) lines.push(`parent:   ${run.parent.id} (command ${run.parent.command})`);
  if (run.result !== undefined) lines.push(`result:   ${short(run.result, 200)}`);
  if (run.error) lines.push(`error:    ${run.error.kind}: ${run.error.message}`);
  if (run.halted) lines.push(`halted:   ${run.halted.kind}: ${run.halted.message}`);
  return lines;
}

async function requireRun(store: PgWorkflowStore, id: string): Promise<RunRecord> {
  const run = await store.getRun(id);
  if (!run) throw new CliError(`workflow run ${id} not found`, EXIT.notFound);
  return run;
}

/** An operator action's refusal (`@wippy/runtime/workflow` operator.ts) with its exit code. */
export function operatorError({ kind, message }: OperatorError): CliError {
  switch (kind) {
    case "NotFound":
      return new CliError(message, EXIT.notFound);
    case "Ended":
    case "AlreadyExists":
    case "Conflict":
      return new CliError(message, EXIT.conflict);
    case "HostRequired":
      return new CliError(`${message} with --host`, EXIT.usage);
    case "Invalid":
      return new CliError(message, EXIT.invalid);
    case "Failed":
      return new CliError(message, EXIT.failure);
  }
}

export async function showRunCommand({ env, out }: CommandContext, id: string): Promise<void> {
  await withSession(env, out, async ({ sql }) => {
    const store = new PgWorkflowStore(sql);
    const run = await requireRun(store, id);
    const [history, inbox] = await Promise.all([store.history(id), store.pendingInbox(id)]);
    out.result({ run, history, inbox }, () => {
      const width = Math.max(4, ...history.map((e) => e.type.length));
      const lines = [...runLines(run), "", `history (${history.length} event(s)):`];
      for (const e of history) lines.push(`${String(e.seq).padStart(5)}  ${e.type.padEnd(width)}  ${summarizeEvent(e)}`);
      if (inbox.length) {
        lines.push("", `pending inbox (${inbox.length}):`);
        for (const item of inbox) {
          lines.push(
            item.kind === "signal"
              ? `  signal ${item.topic} ${short(item.payloads)} from ${item.from}`
              : item.kind === "cancel"
                ? `  cancel ${item.reason || "(no reason)"} from ${item.from}`
                : `  child ${item.childId} ${item.error ? `failed: ${item.error.message}` : `→ ${short(item.result)}`}`,
          );
        }
      }
      return lines;
    });
  });
}

/** The signal payload argument: JSON text, checked before anything touches the database. */
export function parsePayload(text: string | undefined): JsonValue[] {
  if (text === undefined) return [];
  try {
    return [JSON.parse(text) as JsonValue];
  } catch (error) {
    throw new CliError(`the signal payload must be JSON (e.g. '{"n": 1}' or '"text"'): ${(error as Error).message}`, EXIT.usage);
  }
}

export async function signalRunCommand({ env, out }: CommandContext, id: string, topic: string, payload: string | undefined): Promise<void> {
  const payloads = parsePayload(payload);
  if (!topic) throw new CliError("the signal topic must not be empty", EXIT.usage);
  await withSession(env, out, async ({ sql }) => {
    const result = await auditedWorkflowAction(
      sql,
      cliActor(),
      (store) => signalRun(store, id, { topic, payloads, from: operator(env) }),
      () => workflowSignalAudit(id, topic, payloads),
    );
    if (!result.ok) throw operatorError(result.error);
    out.result({ id, topic, payloads }, () => `sent ${topic} to workflow run ${id}`);
  });
}

export async function cancelRunCommand({ env, out }: CommandContext, id: string, reason: string | undefined): Promise<void> {
  await withSession(env, out, async ({ sql }) => {
    const result = await auditedWorkflowAction(
      sql,
      cliActor(),
      (store) => requestRunCancel(store, id, { reason: reason ?? "", from: operator(env) }),
      () => workflowCancelAudit(id, reason ?? ""),
    );
    if (!result.ok) throw operatorError(result.error);
    out.result({ id, reason: reason ?? "" }, () => `requested cancellation of workflow run ${id} (the workflow sees CANCEL when it next runs)`);
  });
}

export async function terminateRunCommand({ env, out }: CommandContext, id: string, reason: string | undefined): Promise<void> {
  await withSession(env, out, async ({ sql }) => {
    const result = await auditedWorkflowAction(sql, cliActor(), (store) => terminateRunNow(store, id, reason ?? ""), () => workflowTerminateAudit(id, reason ?? ""));
    if (!result.ok) throw operatorError(result.error);
    const run = result.value;
    out.result({ run }, () => `terminated workflow run ${id}`);
  });
}

/**
 * Switches a running run to the workflow's current code in the registry, after replaying its
 * history against that code (nothing changes when the replay diverges).
 */
export async function upgradeRunCommand({ env, out }: CommandContext, id: string): Promise<void> {
  await withSession(env, out, async ({ sql, store: registry }) => {
    const run = await requireRun(new PgWorkflowStore(sql), id);
    if (run.status !== "running") throw new CliError(`cannot upgrade workflow run ${id}: it has already ended (${run.status})`, EXIT.conflict);
    const { entries, warnings } = await registry.find({});
    for (const w of warnings) out.warn(w);
    const byId = new Map<string, Entry>(entries.map((e) => [e.id, e]));
    const policies = PolicyIndex.fromEntries(entries);
    // A refusal changes nothing and is not audited; the other outcomes are, as in the control plane.
    const done = await auditedWorkflowAction(
      sql,
      cliActor(),
      async (store) => {
        const report = await upgradeRun({ store, resolveEntry: (entryId) => byId.get(entryId), policies }, id);
        return report.status === "refused" ? { ok: false, error: report } : { ok: true, value: report };
      },
      (report) => workflowUpgradeAudit(id, report),
    );
    const report = done.ok ? done.value : done.error;
    switch (report.status) {
      case "upgraded":
        out.result({ report }, () => `upgraded workflow run ${id}: code ${report.fromHash.slice(0, 12)} → ${report.toHash.slice(0, 12)}`);
        return;
      case "unchanged":
        out.result({ report }, () => `workflow run ${id} already runs the current code (${report.hash.slice(0, 12)})`);
        return;
      case "diverged":
        throw new CliError(`cannot upgrade workflow run ${id}: the current code diverges from its history: ${report.error.message}`, EXIT.conflict, report);
      case "refused": {
        const code = report.error.kind === "NotFound" ? EXIT.notFound : report.error.kind === "Invalid" || report.error.kind === "Conflict" ? EXIT.conflict : EXIT.failure;
        throw new CliError(`cannot upgrade workflow run ${id}: ${report.error.message}`, code, report);
      }
    }
  });
}
