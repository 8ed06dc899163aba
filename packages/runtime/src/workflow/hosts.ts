/**
 * `workflow.host` entries (LUA_API.md §1, our addition): workflows spawned on such a host are
 * durable; every runtime node serves every workflow host with a worker of its own.
 *
 * Fields: `lease` — how long a node may go silent before another takes its runs over (a Go
 * duration, default `"5s"` as LUA_API.md §1 says: a live node renews every second — one
 * statement per node, not per run — and survives a 4 s stall). A node that DIES does not make
 * others wait for its lease: its liveness lock goes with its database session
 * (`@wippy/db` workflow/liveness.ts), and its runs move on at the next claim; `workers`
 * — the host's share of the sandbox scheduler, as for a `process.host` (default 4). Both also accepted under `host:` as `process.host` writes them.
 *
 * In: registry entries. Out: `WorkflowHostConfig`s, or the problem with an entry.
 */
import { parseDuration, type Entry } from "@wippy/shared";
import { fail, ok, wippyError, type Result } from "../kernel";

export const WORKFLOW_HOST_KIND = "workflow.host";

export interface WorkflowHostConfig {
  readonly id: string;
  readonly leaseMs: number;
  readonly workers: number;
}

export const DEFAULT_WORKFLOW_HOST = Object.freeze({ leaseMs: 5000, workers: 4 });

export function workflowHostConfig(entry: Entry): Result<WorkflowHostConfig> {
  const nested = entry.data.host !== null && typeof entry.data.host === "object" && !Array.isArray(entry.data.host) ? entry.data.host : {};
  const lease = entry.data.lease ?? nested.lease;
  const workers = entry.data.workers ?? nested.workers;
  let leaseMs: number = DEFAULT_WORKFLOW_HOST.leaseMs;
  if (lease !== undefined) {
    const ns = typeof lease === "string" ? parseDuration(lease) : null;
    if (ns === null || ns <= 0) return fail(wippyError("Invalid", `workflow host ${entry.id}: lease must be a positive duration such as "5s", got ${JSON.stringify(lease)}`));
    leaseMs = ns / 1e6;
  }
  if (workers !== undefined && (typeof workers !== "number" || !Number.isInteger(workers) || workers < 1)) {
    return fail(wippyError("Invalid", `workflow host ${entry.id}: workers must be a positive integer, got ${JSON.stringify(workers)}`));
  }
  return ok({ id: entry.id, leaseMs, workers: typeof workers === "number" ? workers : DEFAULT_WORKFLOW_HOST.workers });
}
