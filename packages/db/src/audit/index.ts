/** The audit log: who changed what, when, with a before/after summary (issue 7). */
export { recordAudit, SYSTEM_ACTOR, toAuditRow, type AuditActor, type AuditRecord, type AuditRow } from "./record";
export { DEFAULT_AUDIT_PAGE, listAudit, type AuditFilter } from "./list";
export { auditEntry } from "./entry-summary";
export { auditCommit, countEntries, rollbackAudit, type CommitAudit } from "./registry-commit";
export {
  auditedWorkflowAction,
  workflowCancelAudit,
  workflowSignalAudit,
  workflowStartAudit,
  workflowTerminateAudit,
  workflowUpgradeAudit,
  type UpgradeOutcome,
  type WorkflowAudit,
} from "./workflow-actions";
