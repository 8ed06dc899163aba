/**
 * Operations — a supervisor's queue of "stop these children one at a time, then do this".
 *
 * OTP terminates children synchronously inside the supervisor, so a group restart can never
 * interleave with another. Here a stop takes time (CANCEL, then up to `stop_timeout`), so the
 * same guarantee comes from a queue: one operation at a time, its children stopped in the
 * order given (callers pass reverse start order), each stop awaited before the next begins.
 *
 * Terms:
 * - `stopOne(record, done)`: the supervisor's single-child stop; calls `done` once stopped.
 * - `final`: the shutdown itself. Once `skipping()` (the supervisor is shutting down), only
 *   final operations run their `then`; the children are still stopped.
 * - `clear()`: drops queued operations (not the one in progress).
 *
 * In: operations. Out: `stopOne` calls in sequence, then `then`.
 */

import type { ChildRecord } from "./child-record";

export interface Operation {
  readonly stop: readonly ChildRecord[];
  readonly then: () => void;
  readonly final?: boolean;
}

export class OperationQueue {
  private readonly queue: Operation[] = [];
  private busy: Operation | null = null;

  constructor(
    private readonly stopOne: (record: ChildRecord, done: () => void) => void,
    private readonly skipping: () => boolean,
  ) {}

  push(op: Operation): void {
    this.queue.push(op);
    this.next();
  }

  clear(): void {
    this.queue.length = 0;
  }

  private next(): void {
    if (this.busy !== null) return;
    const op = this.queue.shift();
    if (op === undefined) return;
    this.busy = op;
    this.stopFrom(op, 0);
  }

  private stopFrom(op: Operation, index: number): void {
    const record = op.stop[index];
    if (record !== undefined) return this.stopOne(record, () => this.stopFrom(op, index + 1));
    this.busy = null;
    if (!this.skipping() || op.final === true) op.then();
    this.next();
  }
}
