/**
 * Supervision's public surface: services and OTP supervisors on the kernel (LUA_API.md §1, §5,
 * §7; issue 5). Pure TS — no Lua, no I/O; time from the kernel's clock.
 *
 * - `Supervision`: reconcile a registry snapshot into a live tree, operator commands,
 *   `stopAll`, the tree and change notices. A service's body comes from `resolveBody`.
 * - `planSupervision` / `Supervision.validate`: the checks that refuse a broken version.
 * - Vocabulary and defaults (`terms.ts`), events (`events.ts`), tree shapes (`tree.ts`).
 */
export { Supervision, type ReconcileReport, type SupervisionOptions } from "./supervision";
export type { ResolveBody, ServiceBody, SupervisionChange, Upgrade } from "./core-env";
export { planSupervision, type Plan } from "./plan";
export type { ChildSpec, ServiceSpec, SupervisorSpec } from "./child-spec";
export { ISSUE_CODES, formatIssues, type IssueCode, type SupervisionIssue } from "./issues";
export { SUPERVISOR_EVENT, SUPERVISOR_SYSTEM, type Publish, type SupervisorEvent, type SupervisorEventKind } from "./events";
export type { ServiceNode, SupervisorNode, TreeNode } from "./tree";
export type { LastExit } from "./child-record";
export { classifyExit, decideRestart, restartDelay } from "./restart-policy";
export {
  CHILD_STATES,
  DEFAULT_CHILD_LIFECYCLE,
  DEFAULT_RESTART_POLICY,
  DEFAULT_SUPERVISED_RESTART_POLICY,
  DEFAULT_SUPERVISION,
  DEFAULT_SUPERVISOR_CONFIG,
  DEFAULT_SUPERVISOR_STOP_TIMEOUT_MS,
  ROOT_SUPERVISOR,
  STOP_REASON,
  type ChildLifecycle,
  type ChildState,
  type ExitClass,
  type RestartDecision,
  type RestartPolicy,
} from "./terms";
