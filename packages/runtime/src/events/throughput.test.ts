/**
 * A quick measurement, not a semantic test: 1,000 subscriptions × 100,000 events through the
 * bus (routes cached), and the raw matcher without any cache. Prints JSON; the assertions are
 * loose floors that only catch an accidental slow path (e.g. matching every subscription per
 * event, or recompiling patterns).
 */
import { describe, expect, it } from "vitest";
import { EventBus } from "./event-bus";
import { compilePattern } from "./pattern";
import type { EventPattern } from "./pattern";

const SUBSCRIPTIONS = 1_000;
const EVENTS = 100_000;

/** system pattern, kind pattern — a mix of exact, `*`, `**` and alternatives. */
function subscriptionSpec(i: number): [string, string | undefined] {
  switch (i % 5) {
    case 0:
    case 1:
      return [`app.s${i}`, undefined];
    case 2:
      return ["app.*", `evt.k${i % 20}`];
    case 3:
      return i % 2 ? [`(app|sys).s${i}`, "evt.(k1|k2)"] : [`**.s${i}`, "**"];
    default:
      return [`other.s${i}.**`, undefined];
  }
}

const eventAt = (i: number) => ({ system: `app.s${i % 1_000}`, kind: `evt.k${i % 20}`, path: `/e/${i}` });

describe("event bus throughput", () => {
  it(`${SUBSCRIPTIONS} subscriptions × ${EVENTS} events`, { timeout: 60_000 }, () => {
    const bus = new EventBus();
    const subs = Array.from({ length: SUBSCRIPTIONS }, (_, i) => {
      const [system, kind] = subscriptionSpec(i);
      const r = bus.subscribe(system, kind);
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    });
    const drainAll = () => subs.forEach((s) => void (s.channel.size > 0 && drainChannel(s.channel)));
    const t0 = performance.now();
    for (let i = 0; i < EVENTS; i++) {
      bus.publish(eventAt(i));
      if (i % 1_000 === 999) drainAll();
    }
    const busMs = performance.now() - t0;
    const stats = bus.stats();

    const patterns: EventPattern[] = Array.from({ length: SUBSCRIPTIONS }, (_, i) => {
      const r = compilePattern(subscriptionSpec(i)[0]);
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    });
    const rawEvents = 10_000;
    let matched = 0;
    const t1 = performance.now();
    for (let i = 0; i < rawEvents; i++) {
      const segments = eventAt(i).system.split(".");
      for (const p of patterns) if (p.matchesSegments(segments)) matched++;
    }
    const rawMs = performance.now() - t1;

    const report = {
      bus: {
        events: EVENTS,
        subscriptions: SUBSCRIPTIONS,
        ms: Math.round(busMs),
        eventsPerSec: Math.round(EVENTS / (busMs / 1000)),
        deliveries: stats.delivered,
        deliveriesPerSec: Math.round(stats.delivered / (busMs / 1000)),
        dropped: stats.dropped,
        nsPerEvent: Math.round((busMs * 1e6) / EVENTS),
      },
      uncachedMatcher: { matches: rawEvents * SUBSCRIPTIONS, hits: matched, nsPerMatch: Number(((rawMs * 1e6) / (rawEvents * SUBSCRIPTIONS)).toFixed(1)) },
    };
    console.info(`event bus throughput ${JSON.stringify(report)}`);
    expect(stats.published).toBe(EVENTS);
    expect(report.bus.eventsPerSec).toBeGreaterThan(50_000);
  });
});

function drainChannel(channel: { tryReceive(): { ok: boolean } | null }): void {
  while (channel.tryReceive()?.ok);
}
