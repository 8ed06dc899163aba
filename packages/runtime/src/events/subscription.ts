/**
 * Subscription — one `events.subscribe` registration: its compiled patterns and the kernel
 * channel its events arrive on.
 *
 * Terms:
 * - buffer: the channel holds at most `bufferSize` undelivered events. Delivery never waits:
 *   an event that finds the buffer full is dropped for this subscriber and counted in
 *   `dropped` — best effort, so that a subscriber that does not drain can neither block
 *   publishers nor grow memory without bound.
 * - `kind` null: every kind (an omitted kind pattern, or `*`, as Wippy's Lua bridge does).
 * - close: idempotent, returns true; detaches from the bus and closes the channel, whose
 *   buffered events stay receivable until drained (then `receive` gives `nil, false`).
 *
 * In: patterns, buffer size, a detach callback. Out: `channel`, `dropped`, `close()`.
 */
import { Channel } from "../kernel";
import type { SendAttempt } from "../kernel";
import type { BusEvent } from "./bus-event";
import type { EventPattern } from "./pattern";

export interface Subscription {
  readonly channel: Channel<BusEvent>;
  readonly systemPattern: string;
  readonly kindPattern: string | undefined;
  /** Events this subscriber missed because its buffer was full. */
  readonly dropped: number;
  readonly closed: boolean;
  close(): boolean;
}

export class BusSubscription implements Subscription {
  readonly channel: Channel<BusEvent>;
  dropped = 0;
  private isClosed = false;

  constructor(
    readonly system: EventPattern,
    readonly kind: EventPattern | null,
    bufferSize: number,
    private readonly detach: (subscription: BusSubscription) => void,
  ) {
    this.channel = new Channel<BusEvent>(bufferSize);
  }

  get systemPattern(): string {
    return this.system.source;
  }

  get kindPattern(): string | undefined {
    return this.kind?.source;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Offers an event without waiting; a full buffer drops it (counted). */
  offer(event: BusEvent): SendAttempt {
    const attempt = this.channel.trySend(event);
    if (attempt === "full") this.dropped++;
    return attempt;
  }

  close(): boolean {
    if (this.isClosed) return true;
    this.isClosed = true;
    this.detach(this);
    this.channel.close();
    return true;
  }
}
