/**
 * Durable workflows (LUA_API.md §8, issue 6): deterministic replay of recorded histories.
 *
 * Where things run (as in Temporal's SDK, code is split by where it runs):
 * - Inside the sandbox: the Lua modules of `lua/modules/workflow` (funcs, time, uuid,
 *   process, math, workflow) — they only issue commands through a run's `WorkflowPort`.
 * - The engine, outside it: `Execution` (the port + replay cursor), `WorkflowSandbox` (a
 *   private kernel driven until quiet), `WorkflowWorker` (leases, steps, commits, fencing),
 *   activities (`LuaActivityRunner`), `WorkflowClient` (spawn/send/cancel/terminate/awaitExit by
 *   pid), `upgradeRun` (replay-checked code upgrade), operator actions (`startWorkflowRun`,
 *   `signalRun`, … — what the CLI and the control plane do), `WorkflowService` (all of it per node,
 *   one worker per `workflow.host`, and the gateway for the node's `process` module).
 * - Storage: the `WorkflowStore` contract of `@wippy/shared`; `InMemoryWorkflowStore` here,
 *   the PostgreSQL one in `@wippy/db`; `describeWorkflowStore` is the suite both pass.
 */
export { WorkflowService, type WorkflowServiceOptions } from "./service";
export { WorkflowWorker, DEFAULT_WORKER, type WorkflowWorkerOptions, type RunEnd, type OutgoingMessage } from "./worker";
export { WorkflowClient, CONFLICT_POLICIES, type SpawnOptions, type WorkerHandle, type WorkflowClientOptions } from "./client";
export { checkUpgrade, upgradeRun, type UpgradeCheck, type UpgradeReport, type UpgradeDeps } from "./upgrade";
export { checkReplay, replay, type ReplayCheck } from "./replay";
export { Execution, type AdvanceStep, type Batch, type LiveEffect, type OutstandingActivity, type OutstandingChild } from "./execution";
export { WorkflowSandbox } from "./sandbox";
export { LuaActivityRunner, activityContext, type ActivityCall, type ActivityRunner, type RunningActivity } from "./activities";
export { InMemoryWorkflowStore, type StoreClock } from "./memory-store";
export { bundleCode, bundleJson, codeHash, parseBundle, resolverOf, WORKFLOW_KIND, type CodeBundle, type EntryResolver } from "./code";
export { workflowHostConfig, WORKFLOW_HOST_KIND, DEFAULT_WORKFLOW_HOST, type WorkflowHostConfig } from "./hosts";
export { workflowPid, parseWorkflowPid, checkRunId } from "./pid";
export { DEFAULT_RETRY_POLICY, activityOptions, afterFailure, type RetryDecision } from "./retry";
export { nonDeterminism, mismatch, argsHash, roleOf, type Divergence, type EventRole } from "./determinism";
export { processModuleWithWorkflows, type WorkflowGateway } from "../lua/modules/workflow/outside";
export { workflowModules, DEFAULT_VERSION } from "../lua/modules/workflow";
export {
  chooseWorkflowHost,
  DEFAULT_TERMINATE_REASON,
  requestRunCancel,
  signalRun,
  startWorkflowRun,
  terminateRunNow,
  workflowHostsOf,
  type OperatorError,
  type OperatorErrorKind,
  type OperatorResult,
  type StartedRun,
  type StartRequest,
} from "./operator";
