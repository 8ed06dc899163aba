/**
 * Operator actions on workflow runs in the audit log — the same rows whether they come from
 * the control plane (`workflows.*`) or the command line (`wippy workflow …`).
 *
 * Terms:
 * - Action: `workflows.start|signal|cancel|terminate|upgrade`, target the run id.
 * - `auditedWorkflowAction`: runs the action on a workflow store over one transaction and
 *   records its row in it when the action went through, so the row commits if and only if the
 *   change does; a refusal writes nothing and is answered as it is.
 *
 * The shapes below are the parts of `@wippy/runtime/workflow`'s results the rows need (this
 * layer does not depend on the runtime).
 */
import type { TransactionSql } from "postgres";
import type { JsonValue } from "@wippy/shared";
import type { Sql } from "../client";
import { PgWorkflowStore } from "../workflow";
import { recordAudit, type AuditActor, type AuditRecord } from "./record";

export type WorkflowAudit = Omit<AuditRecord, "actor">;

type Outcome<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export async function auditedWorkflowAction<T, E>(
  sql: Sql,
  actor: AuditActor,
  work: (store: PgWorkflowStore) => Promise<Outcome<T, E>>,
  describe: (value: T) => WorkflowAudit,
): Promise<Outcome<T, E>> {
  return (await sql.begin(async (tx: TransactionSql) => {
    const done = await work(new PgWorkflowStore(tx));
    if (done.ok) await recordAudit(tx, { actor, ...describe(done.value) });
    return done;
  })) as Outcome<T, E>;
}

export function workflowStartAudit(
  request: { workflow: string; args: readonly JsonValue[]; policy?: string },
  started: { runId: string; host: string; created: boolean },
): WorkflowAudit {
  return {
    action: "workflows.start",
    target: started.runId,
    summary: started.created ? `started ${request.workflow} as ${started.runId}` : `${started.runId} already exists: nothing started`,
    after: { workflow: request.workflow, host: started.host, args: [...request.args], created: started.created },
    metadata: { policy: request.policy ?? null },
  };
}

export function workflowSignalAudit(id: string, topic: string, payloads: readonly JsonValue[]): WorkflowAudit {
  return { action: "workflows.signal", target: id, summary: `sent ${topic} to ${id}`, after: { topic, payloads: [...payloads] } };
}

export function workflowCancelAudit(id: string, reason: string): WorkflowAudit {
  return { action: "workflows.cancel", target: id, summary: `requested cancellation of ${id}${reason ? `: ${reason}` : ""}`, after: { reason } };
}

export function workflowTerminateAudit(id: string, reason: string): WorkflowAudit {
  return { action: "workflows.terminate", target: id, summary: `terminated ${id}${reason ? `: ${reason}` : ""}`, after: { status: "terminated", reason } };
}

/** An upgrade that was not refused: switched, already current, or held back by a divergent replay. */
export type UpgradeOutcome =
  | { readonly status: "upgraded"; readonly fromHash: string; readonly toHash: string }
  | { readonly status: "unchanged" }
  | { readonly status: "diverged"; readonly error: { readonly message: string } };

export function workflowUpgradeAudit(id: string, done: UpgradeOutcome): WorkflowAudit {
  return {
    action: "workflows.upgrade",
    target: id,
    summary:
      done.status === "upgraded"
        ? `upgraded ${id}: code ${done.fromHash.slice(0, 12)} → ${done.toHash.slice(0, 12)}`
        : done.status === "unchanged"
          ? `${id} already runs the current code`
          : `not upgraded: the current code diverges from the history of ${id}`,
    after: { status: done.status, ...(done.status === "diverged" && { error: done.error.message }) },
  };
}
