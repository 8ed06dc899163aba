/**
 * Operator actions on workflow runs from outside any node — what `wippy workflow …` and the
 * control plane's `workflows` router both do, so both say the same thing about the same run:
 * start a run of a registry entry, send it a signal, ask it to cancel, terminate it.
 * (Upgrades are `checkUpgrade` / `upgradeRun`, upgrade.ts.)
 *
 * Terms:
 * - Workflow host: a `workflow.host` entry. A start without one picks the registry's only
 *   workflow host; with several, the caller must choose (`HostRequired`).
 * - `from`: who an action comes from, as the run's inbox and history record it (e.g.
 *   `cli:ann`, `web:ann@example.com`).
 * - `OperatorError`: an expected refusal — `NotFound` (no such run, entry or host), `Ended`
 *   (the run is no longer running), `HostRequired`, `Invalid` (bad input: not a workflow, a
 *   bad id), `AlreadyExists` (the id is taken and the policy is `fail`), `Conflict` (the run
 *   changed under the action), `Failed` (anything else the engine reported).
 *
 * Runs are started through `WorkflowClient.spawn` (code pinned by hash, conflict policies as
 * in Lua); the nodes serving the host pick new runs up (the store announces them).
 *
 * In: a `WorkflowStore` (over a transaction if the caller commits something with it), registry
 * entries, plain data. Out: `OperatorResult`s.
 */
import type { ConflictPolicy, Entry, JsonValue, RunRecord, StoreResult, WorkflowStore } from "@wippy/shared";
import type { Clock } from "../kernel";
import { WorkflowClient } from "./client";
import { WORKFLOW_HOST_KIND } from "./hosts";

export type OperatorErrorKind = "NotFound" | "Ended" | "HostRequired" | "Invalid" | "AlreadyExists" | "Conflict" | "Failed";
export interface OperatorError {
  readonly kind: OperatorErrorKind;
  readonly message: string;
}
export type OperatorResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: OperatorError };

export interface StartRequest {
  readonly workflow: string;
  readonly args: readonly JsonValue[];
  readonly host?: string;
  /** The business id (`workflow.id`); a new uuid without one. */
  readonly id?: string;
  readonly policy?: ConflictPolicy;
}

export interface StartedRun {
  readonly pid: string;
  readonly runId: string;
  readonly host: string;
  /** False when `use_existing` found the id taken: nothing was started. */
  readonly created: boolean;
}

export const DEFAULT_TERMINATE_REASON = "terminated by operator";

const KNOWN_KINDS: ReadonlySet<string> = new Set<OperatorErrorKind>(["NotFound", "Invalid", "AlreadyExists", "Conflict"]);

const ok = <T>(value: T): OperatorResult<T> => ({ ok: true, value });
const refuse = (kind: OperatorErrorKind, message: string): OperatorResult<never> => ({ ok: false, error: { kind, message } });

export function workflowHostsOf(entries: readonly Entry[]): string[] {
  return entries.filter((e) => e.kind === WORKFLOW_HOST_KIND).map((e) => e.id);
}

export function chooseWorkflowHost(entries: readonly Entry[], wanted: string | undefined): OperatorResult<string> {
  const hosts = workflowHostsOf(entries);
  if (wanted !== undefined) {
    return hosts.includes(wanted) ? ok(wanted) : refuse("NotFound", `${wanted} is not a workflow.host in the registry (workflow hosts: ${hosts.join(", ") || "none"})`);
  }
  if (hosts.length === 1) return ok(hosts[0] as string);
  if (hosts.length === 0) return refuse("NotFound", "the registry has no workflow.host entry to run the workflow on");
  return refuse("HostRequired", `the registry has several workflow hosts (${hosts.join(", ")}): choose one`);
}

export async function startWorkflowRun(deps: { store: WorkflowStore; entries: readonly Entry[]; clock: Clock }, request: StartRequest): Promise<OperatorResult<StartedRun>> {
  const host = chooseWorkflowHost(deps.entries, request.host);
  if (!host.ok) return host;
  const byId = new Map<string, Entry>(deps.entries.map((e) => [e.id, e]));
  const client = new WorkflowClient({ store: deps.store, resolveEntry: (id) => byId.get(id), clock: deps.clock });
  const started = await client.spawn(request.workflow, host.value, request.args, { id: request.id, conflictPolicy: request.policy });
  if (!started.ok) {
    const { kind, message } = started.error;
    return refuse(KNOWN_KINDS.has(kind) ? (kind as OperatorErrorKind) : "Failed", `cannot start ${request.workflow}: ${message}`);
  }
  return ok({ ...started.value, host: host.value });
}

export async function signalRun(store: WorkflowStore, id: string, signal: { topic: string; payloads: readonly JsonValue[]; from: string }): Promise<OperatorResult<true>> {
  if (signal.topic === "") return refuse("Invalid", "the signal topic must not be empty");
  return act(store, id, "signal", () => store.signal(id, signal.topic, [...signal.payloads], signal.from));
}

/** Cooperative: the workflow sees CANCEL on `process.events()` when it next runs. */
export async function requestRunCancel(store: WorkflowStore, id: string, request: { reason: string; from: string }): Promise<OperatorResult<true>> {
  return act(store, id, "cancel", () => store.requestCancel(id, request.reason, request.from));
}

/** At once: `terminated` is appended and whoever held the run is fenced. Answers the ended run. */
export async function terminateRunNow(store: WorkflowStore, id: string, reason: string): Promise<OperatorResult<RunRecord>> {
  return act(store, id, "terminate", () => store.terminateRun(id, reason || DEFAULT_TERMINATE_REASON));
}

/** The run must exist and be running; then `work`, whose refusal becomes an `OperatorError`. */
async function act<T>(store: WorkflowStore, id: string, action: string, work: () => Promise<StoreResult<T>>): Promise<OperatorResult<T>> {
  const run = await store.getRun(id);
  if (run === undefined) return refuse("NotFound", `workflow run ${id} not found`);
  if (run.status !== "running") return refuse("Ended", `cannot ${action} workflow run ${id}: it has already ended (${run.status})`);
  const done = await work();
  if (done.ok) return ok(done.value);
  const { kind, message } = done.error;
  // The run ended between the check and the action: the store says it is not found (it is <status>).
  if (kind === "NotFound") return refuse("Ended", `cannot ${action} workflow run ${id}: ${message}`);
  return refuse(kind === "Invalid" || kind === "Conflict" ? kind : "Failed", `cannot ${action} workflow run ${id}: ${message}`);
}
