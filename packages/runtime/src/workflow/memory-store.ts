/**
 * InMemoryWorkflowStore — the `WorkflowStore` contract (`@wippy/shared` `workflow.ts`) in
 * plain maps, for engine tests and single-process use. Time comes from an injected clock, so
 * lease expiry and due timers follow a `SimulatedClock` in tests.
 *
 * Every method copies what it hands out and what it keeps (`structuredClone`), so callers
 * can never change stored state by mutating a returned object — as with a database.
 *
 * In: the contract's calls. Out: the contract's answers (`StoreResult` for expected failures).
 */
import {
  finalOutcome,
  isFinalEvent,
  startedEvent,
  type AppendEffects,
  type ConflictPolicy,
  type FinalEvent,
  type InboxItem,
  type JsonValue,
  type Lease,
  type NewRun,
  type RunRecord,
  type RunStatus,
  type StoredEvent,
  type StoreErrorKind,
  type StoreResult,
  type TimedEvent,
  type WorkflowError,
  type WorkflowStore,
} from "@wippy/shared";

export interface StoreClock {
  now(): number;
}

interface RunState {
  record: RunRecord;
  events: StoredEvent[];
  epoch: number;
  lease: Lease | null;
  inbox: InboxItem[];
  timers: Map<number, number>;
}

const ok = <T>(value: T): StoreResult<T> => ({ ok: true, value });
const fail = <T>(kind: StoreErrorKind, message: string): StoreResult<T> => ({ ok: false, error: { kind, message } });
const copy = <T>(value: T): T => structuredClone(value);

export class InMemoryWorkflowStore implements WorkflowStore {
  private readonly code = new Map<string, JsonValue>();
  private readonly runs = new Map<string, RunState>();
  private inboxSerial = 0;

  constructor(private readonly clock: StoreClock = { now: () => Date.now() }) {}

  async putCode(hash: string, source: JsonValue): Promise<void> {
    if (!this.code.has(hash)) this.code.set(hash, copy(source));
  }

  async getCode(hash: string): Promise<JsonValue | undefined> {
    const source = this.code.get(hash);
    return source === undefined ? undefined : copy(source);
  }

  async startRun(run: NewRun, policy: ConflictPolicy): Promise<StoreResult<{ run: RunRecord; created: boolean }>> {
    const existing = this.runs.get(run.id);
    if (existing !== undefined) {
      if (policy === "use_existing") return ok({ run: copy(existing.record), created: false });
      if (policy === "fail") return fail("AlreadyExists", `workflow run ${run.id} already exists`);
      if (existing.record.status === "running") this.terminate(existing, "replaced by a new run (terminate_existing)");
    }
    const now = this.clock.now();
    // The security context lives in the `started` event only, as in every store.
    const { security: _security, ...fields } = copy(run);
    const record: RunRecord = { ...fields, status: "running", createdAt: now, updatedAt: now };
    if (record.parent === undefined) delete record.parent;
    const state: RunState = {
      record,
      events: [{ seq: 1, at: now, ...startedEvent(copy(run)) }],
      epoch: existing?.epoch ?? 0,
      lease: null,
      inbox: [],
      timers: new Map(),
    };
    this.runs.set(run.id, state);
    return ok({ run: copy(record), created: true });
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    const state = this.runs.get(id);
    return state === undefined ? undefined : copy(state.record);
  }

  async listRuns(filter: { status?: RunStatus; workflow?: string; parentId?: string; limit?: number }): Promise<RunRecord[]> {
    const matching = [...this.runs.values()]
      .map((s) => s.record)
      .filter((r) => (filter.status === undefined || r.status === filter.status) && (filter.workflow === undefined || r.workflow === filter.workflow))
      .filter((r) => filter.parentId === undefined || r.parent?.id === filter.parentId)
      .sort((a, b) => b.createdAt - a.createdAt);
    return copy(matching.slice(0, filter.limit ?? matching.length));
  }

  async claimRuns(owner: string, leaseMs: number, limit: number, hosts?: readonly string[]): Promise<Lease[]> {
    const now = this.clock.now();
    const claimed: Lease[] = [];
    for (const state of this.runs.values()) {
      if (claimed.length >= limit) break;
      if (state.record.status !== "running" || state.record.halted !== undefined) continue;
      if (hosts !== undefined && !hosts.includes(state.record.host)) continue;
      const lease = state.lease;
      if (lease === null || lease.expiresAt <= now) {
        state.epoch += 1;
        state.lease = { runId: state.record.id, owner, epoch: state.epoch, expiresAt: now + leaseMs };
      } else if (lease.owner === owner && this.needsWork(state, now)) {
        state.lease = { ...lease, expiresAt: now + leaseMs };
      } else {
        continue;
      }
      claimed.push(copy(state.lease));
    }
    return claimed;
  }

  async renewLeases(owner: string, leaseMs: number): Promise<Lease[]> {
    const expiresAt = this.clock.now() + leaseMs;
    const renewed: Lease[] = [];
    for (const state of this.runs.values()) {
      if (state.lease?.owner !== owner) continue;
      state.lease = { ...state.lease, expiresAt };
      renewed.push(copy(state.lease));
    }
    return renewed;
  }

  async releaseLease(lease: Lease): Promise<void> {
    const state = this.runs.get(lease.runId);
    if (state !== undefined && this.holds(state, lease)) state.lease = null;
  }

  async append(lease: Lease, events: TimedEvent[], effects: AppendEffects = {}): Promise<StoreResult<StoredEvent[]>> {
    const state = this.runs.get(lease.runId);
    if (state === undefined) return fail("NotFound", `workflow run ${lease.runId} not found`);
    if (!this.holds(state, lease) || state.record.status !== "running") return this.fenced(lease);
    const finalAt = events.findIndex(isFinalEvent);
    if (finalAt !== -1 && finalAt !== events.length - 1) return fail("Invalid", "a final event must be the last of an append");
    const pending = new Set(state.inbox.map((item) => item.id));
    const stale = (effects.consumed ?? []).find((id) => !pending.has(id));
    if (stale !== undefined) return fail("Conflict", `inbox item ${stale} of workflow run ${lease.runId} is not pending (recorded already?)`);
    const stored = events.map((e, i) => ({ ...copy(e), seq: state.events.length + 1 + i }));
    state.events.push(...stored);
    const consumed = new Set(effects.consumed ?? []);
    state.inbox = state.inbox.filter((item) => !consumed.has(item.id));
    for (const command of effects.clearTimers ?? []) state.timers.delete(command);
    for (const timer of effects.timers ?? []) state.timers.set(timer.command, timer.fireAt);
    state.record.updatedAt = this.clock.now();
    const last = events[events.length - 1];
    if (last !== undefined && isFinalEvent(last)) this.end(state, last);
    return ok(copy(stored));
  }

  async history(runId: string, afterSeq = 0): Promise<StoredEvent[]> {
    return copy((this.runs.get(runId)?.events ?? []).filter((e) => e.seq > afterSeq));
  }

  async haltRun(lease: Lease, error: WorkflowError): Promise<StoreResult<RunRecord>> {
    const state = this.runs.get(lease.runId);
    if (state === undefined) return fail("NotFound", `workflow run ${lease.runId} not found`);
    if (!this.holds(state, lease) || state.record.status !== "running") return this.fenced(lease);
    state.record.halted = copy(error);
    state.record.updatedAt = this.clock.now();
    state.lease = null;
    return ok(copy(state.record));
  }

  async signal(runId: string, topic: string, payloads: JsonValue[], from: string): Promise<StoreResult<true>> {
    return this.deliver(runId, { id: 0, kind: "signal", topic, payloads: copy(payloads), from });
  }

  async requestCancel(runId: string, reason: string, from: string): Promise<StoreResult<true>> {
    return this.deliver(runId, { id: 0, kind: "cancel", reason, from });
  }

  async pendingInbox(runId: string): Promise<InboxItem[]> {
    return copy(this.runs.get(runId)?.inbox ?? []);
  }

  async terminateRun(runId: string, reason: string): Promise<StoreResult<RunRecord>> {
    const state = this.runs.get(runId);
    if (state === undefined) return fail("NotFound", `workflow run ${runId} not found`);
    if (state.record.status !== "running") return fail("Invalid", `workflow run ${runId} is ${state.record.status}, not running`);
    this.terminate(state, reason);
    return ok(copy(state.record));
  }

  async upgradeCode(runId: string, change: { fromHash: string; toHash: string; checkedThrough: number }): Promise<StoreResult<RunRecord>> {
    const state = this.runs.get(runId);
    if (state === undefined) return fail("NotFound", `workflow run ${runId} not found`);
    if (state.record.status !== "running") return fail("Invalid", `workflow run ${runId} is ${state.record.status}, not running`);
    if (!this.code.has(change.toHash)) return fail("Invalid", `code ${change.toHash} is not stored`);
    if (state.record.codeHash !== change.fromHash) return fail("Conflict", `workflow run ${runId} runs code ${state.record.codeHash}, not ${change.fromHash}`);
    if (state.events.length !== change.checkedThrough) return fail("Conflict", `workflow run ${runId} has events past seq ${change.checkedThrough}; check it again`);
    const now = this.clock.now();
    state.events.push({ seq: state.events.length + 1, at: now, type: "code.upgraded", fromHash: change.fromHash, toHash: change.toHash });
    state.record.codeHash = change.toHash;
    delete state.record.halted;
    state.record.updatedAt = now;
    state.epoch += 1;
    state.lease = null;
    return ok(copy(state.record));
  }

  private holds(state: RunState, lease: Lease): boolean {
    return state.lease !== null && state.lease.owner === lease.owner && state.epoch === lease.epoch;
  }

  private fenced<T>(lease: Lease): StoreResult<T> {
    return fail("Fenced", `lease of ${lease.owner} (epoch ${lease.epoch}) on workflow run ${lease.runId} is no longer current`);
  }

  private needsWork(state: RunState, now: number): boolean {
    if (state.inbox.length > 0) return true;
    for (const fireAt of state.timers.values()) if (fireAt <= now) return true;
    return false;
  }

  private deliver(runId: string, item: InboxItem): StoreResult<true> {
    const state = this.runs.get(runId);
    if (state === undefined || state.record.status !== "running") return fail("NotFound", `workflow run ${runId} not found (it is not running)`);
    state.inbox.push({ ...item, id: ++this.inboxSerial });
    return ok(true);
  }

  private terminate(state: RunState, reason: string): void {
    const event: FinalEvent = { type: "terminated", reason };
    state.events.push({ ...event, seq: state.events.length + 1, at: this.clock.now() });
    state.epoch += 1;
    this.end(state, event);
  }

  /** The run ends: status and outcome, no timers, no lease, the parent told. */
  private end(state: RunState, event: FinalEvent): void {
    const outcome = finalOutcome(event);
    state.record.status = outcome.status;
    if (outcome.result !== undefined) state.record.result = copy(outcome.result);
    if (outcome.error !== undefined) state.record.error = copy(outcome.error);
    state.record.updatedAt = this.clock.now();
    state.timers.clear();
    state.inbox = [];
    state.lease = null;
    const parent = state.record.parent;
    if (parent === undefined) return;
    const child: InboxItem = { id: 0, kind: "child", command: parent.command, childId: state.record.id };
    if (outcome.status === "completed") child.result = outcome.result ?? null;
    else child.error = outcome.error;
    this.deliver(parent.id, child);
  }
}
