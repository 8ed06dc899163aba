/**
 * The live supervision tree as plain data — what the UI, `wippy ps` and telemetry read.
 *
 * Terms:
 * - `ServiceNode`: one service: pid, state, restarts, attempts (runs in the current failure
 *   streak), last exit, uptime (ms since its body was built, while running) and, when a
 *   restart is scheduled, when it is due.
 * - `SupervisorNode`: the same for a supervisor, plus strategy, intensity, period and its
 *   children in start order. A supervisor that has not run yet lists its planned children
 *   as `stopped`; one that ended keeps the children of its last run, as they ended.
 * - The root is a `SupervisorNode` with id `ROOT_SUPERVISOR.id`.
 * Snapshots share nothing with live state.
 *
 * In: cores, records, the plan, now. Out: nodes.
 */

import type { Pid } from "../kernel";
import type { ChildRecord, LastExit } from "./child-record";
import type { ChildSpec, SupervisorSpec } from "./child-spec";
import type { Plan } from "./plan";
import type { CorePhase, SupervisorCore } from "./supervisor-core";
import type { ChildState, RestartType, SupervisorStrategy } from "./terms";

interface NodeBase {
  readonly id: string;
  readonly state: ChildState;
  readonly pid: Pid | null;
  readonly restarts: number;
  readonly attempts: number;
  readonly lastExit: LastExit | null;
  readonly uptimeMs: number | null;
  readonly restartType: RestartType;
  readonly nextRestartAt: number | null;
}

export interface ServiceNode extends NodeBase {
  readonly kind: "service";
}

export interface SupervisorNode extends NodeBase {
  readonly kind: "supervisor";
  readonly strategy: SupervisorStrategy;
  readonly intensity: number;
  readonly periodMs: number;
  readonly children: readonly TreeNode[];
}

export type TreeNode = ServiceNode | SupervisorNode;

const PHASE_STATE: Record<CorePhase, ChildState> = { spawned: "starting", running: "running", stopping: "stopping", stopped: "stopped" };

export function describeRoot(core: SupervisorCore | null, spec: SupervisorSpec, plan: Plan, now: number): SupervisorNode {
  const failed = core?.ended !== null && core?.ended !== undefined && core.ended.kind !== "normal";
  return {
    kind: "supervisor",
    id: spec.id,
    state: core === null ? "stopped" : failed ? "terminal" : PHASE_STATE[core.phase],
    pid: core !== null && core.phase !== "stopped" ? core.pid : null,
    restarts: 0,
    attempts: 0,
    lastExit: null,
    uptimeMs: core?.phase === "running" && core.startedAt !== null ? now - core.startedAt : null,
    restartType: spec.lifecycle.restartType,
    nextRestartAt: null,
    strategy: core?.spec.strategy ?? spec.strategy,
    intensity: core?.spec.intensity ?? spec.intensity,
    periodMs: core?.spec.periodMs ?? spec.periodMs,
    children: childrenOf(core, spec.id, plan, now),
  };
}

/** A supervisor that has not had its first turn yet has no records: show its plan. */
function childrenOf(core: SupervisorCore | null, id: string, plan: Plan, now: number): TreeNode[] {
  return core === null || core.phase === "spawned" ? planned(plan, id) : core.records.map((r) => describeRecord(r, plan, now));
}

function describeRecord(r: ChildRecord, plan: Plan, now: number): TreeNode {
  const base: NodeBase = {
    id: r.id,
    state: r.state,
    pid: r.pid,
    restarts: r.restarts,
    attempts: r.streak,
    lastExit: r.lastExit,
    uptimeMs: r.state === "running" && r.runningSince !== null ? now - r.runningSince : null,
    restartType: r.spec.lifecycle.restartType,
    nextRestartAt: r.pending?.dueAt ?? null,
  };
  const spec = r.spec;
  if (spec.kind === "service") return { kind: "service", ...base };
  return {
    kind: "supervisor",
    ...base,
    strategy: spec.strategy,
    intensity: spec.intensity,
    periodMs: spec.periodMs,
    children: childrenOf(r.core, spec.id, plan, now),
  };
}

function planned(plan: Plan, supervisor: string): TreeNode[] {
  return (plan.children.get(supervisor) ?? []).map((spec) => describeSpec(spec, plan));
}

function describeSpec(spec: ChildSpec, plan: Plan): TreeNode {
  const base: NodeBase = {
    id: spec.id,
    state: "stopped",
    pid: null,
    restarts: 0,
    attempts: 0,
    lastExit: null,
    uptimeMs: null,
    restartType: spec.lifecycle.restartType,
    nextRestartAt: null,
  };
  if (spec.kind === "service") return { kind: "service", ...base };
  return { kind: "supervisor", ...base, strategy: spec.strategy, intensity: spec.intensity, periodMs: spec.periodMs, children: planned(plan, spec.id) };
}
