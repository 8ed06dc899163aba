/**
 * EventBus — the node's publish/subscribe bus behind `require("events")` (LUA_API.md §5) and
 * the runtime's own `registry` and `supervisor` events. Pure TypeScript: the Lua module is a
 * thin wrapper around it.
 *
 * Terms:
 * - publish: validates the event, finds the subscriptions whose system and kind patterns
 *   match, and offers it to each without waiting (`subscription.ts`: bounded buffer, drops
 *   counted). Best effort: a successful publish says nothing about any subscriber.
 * - route: the subscriptions matching one (system, kind) pair. Routes are computed on first
 *   use (the system split once, each pattern compiled at subscribe time) and cached, so a
 *   steady stream of events costs a map lookup plus one channel offer per receiver. Any
 *   subscribe or close empties the cache; so does reaching `routeCacheSize` pairs.
 * - Delivery order: per subscriber, the order of `publish` calls.
 *
 * In: events and patterns. Out: `Result`s (`Invalid` for bad events or patterns,
 * `Unavailable` once the bus is closed) and subscriptions with kernel channels.
 */
import { fail, ok, wippyError } from "../kernel";
import type { Result } from "../kernel";
import { toBusEvent } from "./bus-event";
import type { BusEvent } from "./bus-event";
import { compilePattern } from "./pattern";
import type { EventPattern } from "./pattern";
import { BusSubscription } from "./subscription";
import type { Subscription } from "./subscription";

export interface EventBusDefaults {
  /** Undelivered events a subscription holds before it starts dropping. */
  bufferSize: number;
  /** Cached (system, kind) routes before the cache is emptied. */
  routeCacheSize: number;
}

export const DEFAULT_EVENT_BUS: EventBusDefaults = { bufferSize: 1_024, routeCacheSize: 4_096 };

export interface EventBusStats {
  subscriptions: number;
  published: number;
  delivered: number;
  dropped: number;
}

export interface SubscribeOptions {
  bufferSize?: number;
}

export class EventBus {
  private readonly settings: EventBusDefaults;
  private readonly subscriptions = new Set<BusSubscription>();
  private readonly routes = new Map<string, Map<string, readonly BusSubscription[]>>();
  private cachedRoutes = 0;
  private readonly counters = { published: 0, delivered: 0, dropped: 0 };
  private isClosed = false;

  constructor(settings: Partial<EventBusDefaults> = {}) {
    this.settings = { ...DEFAULT_EVENT_BUS, ...settings };
  }

  /** Delivers to every matching subscriber that has room; returns how many took it. */
  publish(event: BusEvent): Result<number> {
    const checked = toBusEvent(event);
    if (!checked.ok) return checked;
    if (this.isClosed) return ok(0);
    this.counters.published++;
    let delivered = 0;
    for (const subscription of this.route(checked.value.system, checked.value.kind)) {
      const attempt = subscription.offer(checked.value);
      if (attempt === "sent") delivered++;
      else if (attempt === "full") this.counters.dropped++;
    }
    this.counters.delivered += delivered;
    return ok(delivered);
  }

  /** `kindPattern` omitted (or `*`) accepts every kind of the matching systems. */
  subscribe(systemPattern: string, kindPattern?: string, options: SubscribeOptions = {}): Result<Subscription> {
    if (this.isClosed) return fail(wippyError("Unavailable", "the event bus is closed"));
    const system = compilePattern(systemPattern);
    if (!system.ok) return system;
    let kind: EventPattern | null = null;
    if (kindPattern !== undefined && kindPattern !== "" && kindPattern !== "*") {
      const compiled = compilePattern(kindPattern);
      if (!compiled.ok) return compiled;
      kind = compiled.value;
    }
    const bufferSize = options.bufferSize ?? this.settings.bufferSize;
    if (!Number.isInteger(bufferSize) || bufferSize < 1) {
      return fail(wippyError("Invalid", `subscription buffer size must be a whole number ≥ 1, got ${bufferSize}`));
    }
    const subscription = new BusSubscription(system.value, kind, bufferSize, (s) => this.detach(s));
    this.subscriptions.add(subscription);
    this.clearRoutes();
    return ok(subscription);
  }

  stats(): EventBusStats {
    return { subscriptions: this.subscriptions.size, ...this.counters };
  }

  /** Closes every subscription; later publishes deliver nothing, later subscribes fail. */
  close(): void {
    this.isClosed = true;
    for (const subscription of [...this.subscriptions]) subscription.close();
  }

  private detach(subscription: BusSubscription): void {
    this.subscriptions.delete(subscription);
    this.clearRoutes();
  }

  private route(system: string, kind: string): readonly BusSubscription[] {
    const cached = this.routes.get(system)?.get(kind);
    if (cached) return cached;
    const systemSegments = system.split(".");
    const kindSegments = kind.split(".");
    const matching: BusSubscription[] = [];
    for (const s of this.subscriptions) {
      if (s.system.matchesSegments(systemSegments) && (s.kind === null || s.kind.matchesSegments(kindSegments))) matching.push(s);
    }
    if (this.cachedRoutes >= this.settings.routeCacheSize) this.clearRoutes();
    let byKind = this.routes.get(system);
    if (!byKind) {
      byKind = new Map();
      this.routes.set(system, byKind);
    }
    byKind.set(kind, matching);
    this.cachedRoutes++;
    return matching;
  }

  private clearRoutes(): void {
    this.routes.clear();
    this.cachedRoutes = 0;
  }
}
