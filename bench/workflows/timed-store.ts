/**
 * TimedWorkflowStore — the real `PgWorkflowStore`, plus the bench's stopwatch on the two calls
 * that bound what it measures. Nothing else changes: every call goes to PostgreSQL as is.
 *
 * Terms (times are `performance.now()` ms in this process):
 * - `AppendMark`: one `append` of a run — `called` when the engine asked for the commit (its
 *   step was done), `done` when PostgreSQL acknowledged it, `events` how many it wrote.
 * - `ClaimMark`: a lease `claimRuns` handed to `owner`, at the time the claim returned.
 *
 * In: a postgres.js pool. Out: marks per run, in the order the appends were acknowledged.
 */
import type { AppendEffects, Lease, StoredEvent, StoreResult, TimedEvent } from "@wippy/shared";
import { PgWorkflowStore, type Sql } from "@wippy/db";
import { now } from "../lib";

export interface AppendMark {
  readonly called: number;
  readonly done: number;
  readonly events: number;
}

export interface ClaimMark {
  readonly runId: string;
  readonly owner: string;
  readonly epoch: number;
  readonly at: number;
}

export class TimedWorkflowStore extends PgWorkflowStore {
  private readonly appends = new Map<string, AppendMark[]>();
  private readonly claimed: ClaimMark[] = [];

  constructor(sql: Sql) {
    super(sql);
  }

  override async append(lease: Lease, events: TimedEvent[], effects?: AppendEffects): Promise<StoreResult<StoredEvent[]>> {
    const called = now();
    const result = await super.append(lease, events, effects);
    const marks = this.appends.get(lease.runId) ?? [];
    marks.push({ called, done: now(), events: events.length });
    this.appends.set(lease.runId, marks);
    return result;
  }

  override async claimRuns(owner: string, leaseMs: number, limit: number, hosts?: readonly string[]): Promise<Lease[]> {
    const leases = await super.claimRuns(owner, leaseMs, limit, hosts);
    const at = now();
    for (const lease of leases) this.claimed.push({ runId: lease.runId, owner, epoch: lease.epoch, at });
    return leases;
  }

  appendsOf(runId: string): readonly AppendMark[] {
    return this.appends.get(runId) ?? [];
  }

  claims(owner: string): readonly ClaimMark[] {
    return this.claimed.filter((c) => c.owner === owner);
  }

  /** Forgets every mark (between phases, so memory stays flat). */
  reset(): void {
    this.appends.clear();
    this.claimed.length = 0;
  }
}
