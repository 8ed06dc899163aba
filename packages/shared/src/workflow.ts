/**
 * The durable-workflow store contract (issue 6): what the replay engine
 * (`@wippy/runtime` `workflow/`) needs from storage, implemented by `@wippy/db`'s PostgreSQL
 * store and by the engine's in-memory store; both pass the same suite
 * (`packages/runtime/src/workflow/store-contract.ts`).
 *
 * Terms:
 * - Run: one execution of a `workflow.lua` entry. `id` is the business id (`workflow.id`) or a
 *   generated one; the run's pid derives from it, so it is stable across nodes.
 * - Code: the workflow entry and the libraries it imports at start, stored once per content
 *   hash; a run replays against its own `codeHash` until an operator upgrades it.
 * - Command: something the workflow code asks for (an activity, a timer, a side effect, a child,
 *   a version marker, an outgoing message). Commands are numbered 1, 2, 3 … per run in the
 *   order the code issues them (`command`); replay matches the code's commands to the
 *   history by that number.
 * - History event: `{ seq, at, type, … }`, seq 1, 2, 3 … per run with no gaps; seq 1 is
 *   `started`, written by `startRun`. `at` is the workflow time of the event (the engine's
 *   clock when it recorded it; `started.at` is the store's), which replay reuses, so
 *   `os.time()` inside a workflow is deterministic.
 * - Lease: `{ runId, owner (node id), epoch, expiresAt }`. A run's epoch grows by one every time
 *   a node claims it without holding it (new run, expired lease, released lease) and when an
 *   operator terminates or upgrades it. A write with another owner or epoch is refused with
 *   `Fenced`: a paused zombie node can never append after another node took over.
 * - Inbox: what arrives from outside while no one may be running the run — signals, cancel
 *   requests, results of child runs. Items stay until an `append` consumes them.
 * - Timers: durable wake-ups keyed by command (`timer.started`, activity retry back-off). A due
 *   timer makes the run claimable; a timer stays armed until an `append` clears it.
 * - Halted: the engine stopped the run because its code diverged from its history
 *   (`NonDeterminism`); nothing is appended, no node claims it until an upgrade clears it.
 *
 * Every store time (`expiresAt`, due timers, `createdAt`) comes from the store's own clock.
 */
import type { JsonValue } from "./registry/entry";

export type RunStatus = "running" | "completed" | "failed" | "canceled" | "terminated";
export const FINAL_RUN_STATUSES: readonly RunStatus[] = ["completed", "failed", "canceled", "terminated"];

/** What `startRun` does when a run with the same id exists (any status). */
export type ConflictPolicy = "use_existing" | "fail" | "terminate_existing";

export interface WorkflowError {
  kind: string;
  message: string;
  retryable?: boolean;
  details?: JsonValue;
}

/** Retries of one activity; `maxAttempts` counts attempts including the first, 0 = no limit. */
export interface RetryPolicy {
  initialIntervalMs: number;
  backoff: number;
  maxIntervalMs: number;
  maxAttempts: number;
  /** Error kinds never retried (errors with `retryable: false` never are either). */
  nonRetryable: string[];
}

export interface ActivityOptions {
  /** Per attempt; absent = no limit. */
  timeoutMs?: number;
  retry: RetryPolicy;
  /** Context values the activity sees (`ctx.get`), beyond the run's own. */
  context?: { [key: string]: JsonValue };
}

/** `security`: the answer of `security.can` (policies change; a replay must see the same answer). */
export type SideEffectName = "now" | "uuid" | "random" | "security";

/**
 * The actor and scope a run acts with (`docs/security.md`), as its spawner gave them: plain
 * data in its `started` event, so every node that claims the run restores them. Absent (as in
 * histories recorded before runs carried one) = no context.
 */
export interface RunSecurity {
  actor?: { id: string; meta: { [key: string]: JsonValue } };
  scope?: { policies: string[]; groups: string[] };
}

/** Recorded commands (with `command`) and what happened to them and to the run. */
export type HistoryEvent =
  | { type: "started"; input: JsonValue[]; security?: RunSecurity }
  | { type: "activity.scheduled"; command: number; activity: string; args: JsonValue[]; options: ActivityOptions }
  | { type: "activity.completed"; command: number; result: JsonValue; attempt: number }
  /** `final: false` → attempt `attempt + 1` runs at `retryAt`. */
  | { type: "activity.failed"; command: number; error: WorkflowError; attempt: number; final: boolean; retryAt?: number }
  | { type: "timer.started"; command: number; fireAt: number }
  | { type: "timer.fired"; command: number }
  | { type: "side_effect"; command: number; name: SideEffectName; value: JsonValue }
  | { type: "version.marker"; command: number; changeId: string; version: number }
  | { type: "child.started"; command: number; childId: string; workflow: string; input: JsonValue[] }
  | { type: "child.completed"; command: number; result: JsonValue }
  | { type: "child.failed"; command: number; error: WorkflowError }
  /** `refused`: the run's security context did not allow the send; nothing was sent. */
  | { type: "message.sent"; command: number; to: string; topic: string; payloads: JsonValue[]; refused?: WorkflowError }
  | { type: "signal.received"; topic: string; payloads: JsonValue[]; from: string }
  | { type: "cancel.requested"; reason: string; from: string }
  | { type: "completed"; result: JsonValue }
  | { type: "failed"; error: WorkflowError }
  | { type: "canceled"; error: WorkflowError }
  | { type: "terminated"; reason: string }
  | { type: "code.upgraded"; fromHash: string; toHash: string };

export type HistoryEventType = HistoryEvent["type"];
export type FinalEvent = Extract<HistoryEvent, { type: "completed" | "failed" | "canceled" | "terminated" }>;
export type TimedEvent = HistoryEvent & { at: number };
export type StoredEvent = TimedEvent & { seq: number };

const FINAL_EVENT_TYPES: ReadonlySet<HistoryEventType> = new Set(["completed", "failed", "canceled", "terminated"]);

export function isFinalEvent<E extends HistoryEvent>(event: E): event is E & FinalEvent {
  return FINAL_EVENT_TYPES.has(event.type);
}

/** What monitors of a terminated run see (as for a terminated process). */
export function terminatedError(reason: string): WorkflowError {
  return { kind: "Canceled", message: "process terminated", details: { reason } };
}

/** The status, result and error a final event leaves on its run (every store does the same). */
export function finalOutcome(event: FinalEvent): { status: RunStatus; result?: JsonValue; error?: WorkflowError } {
  switch (event.type) {
    case "completed":
      return { status: "completed", result: event.result };
    case "failed":
      return { status: "failed", error: event.error };
    case "canceled":
      return { status: "canceled", error: event.error };
    case "terminated":
      return { status: "terminated", error: terminatedError(event.reason) };
  }
}

export interface RunRecord {
  id: string;
  workflow: string;
  host: string;
  codeHash: string;
  status: RunStatus;
  input: JsonValue[];
  result?: JsonValue;
  error?: WorkflowError;
  /** Set for a child run: the parent's id and the command that started the child. */
  parent?: { id: string; command: number };
  halted?: WorkflowError;
  createdAt: number;
  updatedAt: number;
}

export type NewRun = Pick<RunRecord, "id" | "workflow" | "host" | "codeHash" | "input" | "parent"> & { security?: RunSecurity };

/** The `started` event `startRun` writes at seq 1 (every store writes the same). */
export function startedEvent(run: NewRun): Extract<HistoryEvent, { type: "started" }> {
  return run.security === undefined ? { type: "started", input: run.input } : { type: "started", input: run.input, security: run.security };
}

export interface Lease {
  runId: string;
  owner: string;
  epoch: number;
  expiresAt: number;
}

export type InboxItem =
  | { id: number; kind: "signal"; topic: string; payloads: JsonValue[]; from: string }
  | { id: number; kind: "cancel"; reason: string; from: string }
  /** A child run ended: `error` absent → completed with `result`. */
  | { id: number; kind: "child"; command: number; childId: string; result?: JsonValue; error?: WorkflowError };

/** Done in the same transaction as the events of an `append`. */
export interface AppendEffects {
  /** Inbox items the events record. */
  consumed?: number[];
  /** Timers to arm (replacing one with the same command). */
  timers?: { command: number; fireAt: number }[];
  /** Timers to disarm. */
  clearTimers?: number[];
}

export type StoreErrorKind = "NotFound" | "AlreadyExists" | "Fenced" | "Conflict" | "Invalid";
export type StoreResult<T> = { ok: true; value: T } | { ok: false; error: { kind: StoreErrorKind; message: string } };

export interface WorkflowStore {
  /** Stores code once per hash (a second put of the same hash is a no-op). */
  putCode(hash: string, source: JsonValue): Promise<void>;
  getCode(hash: string): Promise<JsonValue | undefined>;

  /**
   * Creates a run (status `running`, epoch 0, no lease) with its `started` event at seq 1. An
   * existing run with the id: `use_existing` → it (`created: false`); `fail` → `AlreadyExists`;
   * `terminate_existing` → a running one is terminated as by `terminateRun`, then the new run
   * replaces its record and history (`created: true`).
   */
  startRun(run: NewRun, policy: ConflictPolicy): Promise<StoreResult<{ run: RunRecord; created: boolean }>>;
  getRun(id: string): Promise<RunRecord | undefined>;
  /** Newest first. */
  listRuns(filter: { status?: RunStatus; workflow?: string; parentId?: string; limit?: number }): Promise<RunRecord[]>;

  /**
   * Leases on up to `limit` running, non-halted runs that need a worker: runs nobody holds
   * (new, released, or whose lease expired) → taken with epoch + 1; runs `owner` holds that
   * have a due timer or an inbox item → renewed, same epoch. With `hosts`, only runs on those
   * workflow hosts (a node runs one worker per workflow host).
   */
  claimRuns(owner: string, leaseMs: number, limit: number, hosts?: readonly string[]): Promise<Lease[]>;
  /** Extends every lease `owner` still holds (one write for all of them) and returns them. */
  renewLeases(owner: string, leaseMs: number): Promise<Lease[]>;
  /** Gives the run up (no-op unless `lease` is current); the epoch stays. */
  releaseLease(lease: Lease): Promise<void>;

  /**
   * Appends events with the next seqs, plus `effects`, in one transaction; `Fenced` unless
   * `lease` is the run's current lease (owner and epoch) and the run is running. A final event
   * (`completed | failed | canceled | terminated`, last in `events`) also ends the run: status,
   * `result` / `error`, timers dropped, inbox emptied, lease released, and for a child run an
   * inbox item `child` for its parent (if the parent is still running). `events` may be empty
   * (effects only); a final event anywhere but last → `Invalid`, consuming an inbox item that
   * is not pending → `Conflict` (each item is recorded once); nothing is written then.
   */
  append(lease: Lease, events: TimedEvent[], effects?: AppendEffects): Promise<StoreResult<StoredEvent[]>>;
  history(runId: string, afterSeq?: number): Promise<StoredEvent[]>;

  /** Marks the run halted and releases the lease; history untouched. `Fenced` as for `append`. */
  haltRun(lease: Lease, error: WorkflowError): Promise<StoreResult<RunRecord>>;

  /** From outside; kept until recorded. A run that is not running → `NotFound`. */
  signal(runId: string, topic: string, payloads: JsonValue[], from: string): Promise<StoreResult<true>>;
  requestCancel(runId: string, reason: string, from: string): Promise<StoreResult<true>>;
  /** Unconsumed inbox items of a run, oldest first. */
  pendingInbox(runId: string): Promise<InboxItem[]>;

  /**
   * Ends a running run at once without a lease (operator, `terminate_existing`): appends
   * `terminated`, status `terminated`, epoch + 1 and lease dropped (its owner is fenced),
   * timers dropped, parent notified. Not running → `Invalid`; unknown → `NotFound`.
   */
  terminateRun(runId: string, reason: string): Promise<StoreResult<RunRecord>>;

  /**
   * Switches a running run to other code after the engine replayed its history against it:
   * `Conflict` unless its code is still `fromHash` and its last seq is still `checkedThrough`.
   * Appends `code.upgraded`, clears `halted`, epoch + 1 and lease dropped (the owner replays on
   * the new code after claiming it again). The code must have been `putCode` first.
   */
  upgradeCode(runId: string, change: { fromHash: string; toHash: string; checkedThrough: number }): Promise<StoreResult<RunRecord>>;
}
