import { describe, expect, it } from "vitest";
import { generatorBehaviour, Kernel, ok, receive, settle, SimulatedClock } from "../kernel";
import type { BusEvent } from "./bus-event";
import { EventBus } from "./event-bus";
import type { Subscription } from "./subscription";

function subscribe(bus: EventBus, system: string, kind?: string, bufferSize?: number): Subscription {
  const r = bus.subscribe(system, kind, bufferSize === undefined ? {} : { bufferSize });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function drain(sub: Subscription): BusEvent[] {
  const out: BusEvent[] = [];
  for (let r = sub.channel.tryReceive(); r?.ok; r = sub.channel.tryReceive()) out.push(r.value as BusEvent);
  return out;
}

const ev = (system: string, kind: string, path = "/p", data?: unknown): BusEvent => ({ system, kind, path, data });

describe("EventBus", () => {
  it("delivers each event to the subscribers whose system and kind patterns match", () => {
    const bus = new EventBus();
    const orders = subscribe(bus, "orders.*");
    const created = subscribe(bus, "users", "user.created");
    const everything = subscribe(bus, "**");
    const entryOps = subscribe(bus, "registry", "entry.(create|delete)");
    expect(bus.publish(ev("orders.eu", "order.created", "/orders/1", { total: 5 }))).toEqual({ ok: true, value: 2 });
    bus.publish(ev("users", "user.created", "/u/1"));
    bus.publish(ev("users", "user.deleted", "/u/1"));
    bus.publish(ev("registry", "entry.create", "app:a"));
    bus.publish(ev("registry", "entry.update", "app:a"));
    expect(drain(orders)).toEqual([{ system: "orders.eu", kind: "order.created", path: "/orders/1", data: { total: 5 } }]);
    expect(drain(created).map((e) => e.kind)).toEqual(["user.created"]);
    expect(drain(entryOps).map((e) => e.kind)).toEqual(["entry.create"]);
    expect(drain(everything)).toHaveLength(5);
  });

  it("omits data when the publisher gave none, and freezes the event", () => {
    const bus = new EventBus();
    const sub = subscribe(bus, "system");
    bus.publish(ev("system", "heartbeat", "/health"));
    bus.publish(ev("system", "heartbeat", "/health", null));
    const [first, second] = drain(sub);
    expect(first).toEqual({ system: "system", kind: "heartbeat", path: "/health" });
    expect(first && "data" in first).toBe(false);
    expect(second && "data" in second).toBe(false);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it("a kind pattern of * accepts every kind, as Wippy's Lua bridge does", () => {
    const bus = new EventBus();
    const star = subscribe(bus, "registry", "*");
    const oneSegment = subscribe(bus, "registry", "entry.*");
    bus.publish(ev("registry", "entry.create"));
    bus.publish(ev("registry", "commit"));
    expect(drain(star).map((e) => e.kind)).toEqual(["entry.create", "commit"]);
    expect(drain(oneSegment).map((e) => e.kind)).toEqual(["entry.create"]);
  });

  it("refuses empty event fields and bad patterns with Invalid", () => {
    const bus = new EventBus();
    for (const bad of [ev("", "k"), ev("s", ""), ev("s", "k", "")]) {
      const r = bus.publish(bad);
      expect(!r.ok && r.error.kind).toBe("Invalid");
    }
    for (const [system, kind] of [["", undefined], ["a..b", undefined], ["ok", "(a|"]] as const) {
      const r = bus.subscribe(system, kind);
      expect(!r.ok && r.error.kind).toBe("Invalid");
    }
    expect(bus.stats()).toMatchObject({ subscriptions: 0, published: 0 });
  });

  it("close stops delivery; what was buffered can still be drained, then the channel reports closed", () => {
    const bus = new EventBus();
    const sub = subscribe(bus, "s");
    bus.publish(ev("s", "one"));
    expect(sub.close()).toBe(true);
    expect(sub.close()).toBe(true);
    expect(bus.publish(ev("s", "two"))).toEqual({ ok: true, value: 0 });
    expect(sub.channel.tryReceive()).toMatchObject({ ok: true, value: { kind: "one" } });
    expect(sub.channel.tryReceive()).toEqual({ value: undefined, ok: false });
    expect(bus.stats().subscriptions).toBe(0);
  });

  it("a slow subscriber neither blocks the publisher nor grows: its events beyond the buffer are dropped and counted", () => {
    const bus = new EventBus();
    const slow = subscribe(bus, "load", undefined, 4);
    const fast = subscribe(bus, "load");
    let received = 0;
    for (let i = 0; i < 100; i++) {
      expect(bus.publish(ev("load", "tick", `/${i}`)).ok).toBe(true);
      received += drain(fast).length;
    }
    expect(received).toBe(100);
    expect(slow.channel.size).toBe(4);
    expect(slow.dropped).toBe(96);
    expect(drain(slow).map((e) => e.path)).toEqual(["/0", "/1", "/2", "/3"]);
    expect(bus.stats()).toEqual({ subscriptions: 2, published: 100, delivered: 104, dropped: 96 });
  });

  it("wakes a kernel process blocked on the subscription channel, and ends its loop on close", () => {
    const bus = new EventBus();
    const sub = subscribe(bus, "orders.*");
    const clock = new SimulatedClock();
    const kernel = new Kernel({ clock });
    expect(kernel.hosts.add("app:host", {}).ok).toBe(true);
    const seen: string[] = [];
    let finished = false;
    const spawned = kernel.spawn({
      host: "app:host",
      behaviour: generatorBehaviour(function* () {
        for (;;) {
          const { value, ok: open } = yield* receive(sub.channel);
          if (!open) break;
          seen.push((value as BusEvent).path);
        }
        finished = true;
        return ok(null);
      }),
    });
    expect(spawned.ok).toBe(true);
    settle(kernel, clock);
    expect(sub.channel.parked.receivers).toBe(1); // the process is blocked in receive
    bus.publish(ev("orders.eu", "order.created", "/orders/1"));
    bus.publish(ev("orders.us", "order.created", "/orders/2"));
    settle(kernel, clock);
    expect(seen).toEqual(["/orders/1", "/orders/2"]);
    sub.close();
    settle(kernel, clock);
    expect(finished).toBe(true);
  });

  it("routes stay right across subscribe, close and a full route cache", () => {
    const bus = new EventBus({ routeCacheSize: 2 });
    const a = subscribe(bus, "sys.*");
    for (let i = 0; i < 10; i++) bus.publish(ev(`sys.n${i}`, "k"));
    const late = subscribe(bus, "sys.n1");
    bus.publish(ev("sys.n1", "k"));
    a.close();
    bus.publish(ev("sys.n1", "k"));
    expect(drain(a)).toHaveLength(11);
    expect(drain(late)).toHaveLength(2);
  });

  it("closing the bus closes every subscription and refuses new ones", () => {
    const bus = new EventBus();
    const sub = subscribe(bus, "**");
    bus.close();
    expect(sub.closed).toBe(true);
    expect(bus.publish(ev("s", "k"))).toEqual({ ok: true, value: 0 });
    const r = bus.subscribe("s");
    expect(!r.ok && r.error.kind).toBe("Unavailable");
  });
});
