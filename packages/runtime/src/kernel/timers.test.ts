/** Clocks and timers: simulated time, after/timer/ticker, sleep and select with timeout. */
import { describe, expect, it, vi } from "vitest";
import { ok } from "./errors";
import { choose, receive, sleep } from "./generator-behaviour";
import type { Message } from "./message";
import { RealClock } from "./clock";
import { Pump } from "./pump";
import { receiveCase } from "./select";
import { SimulatedClock } from "./simulated-clock";
import { EPOCH, setup, unwrap } from "./test-support";
import { after, Ticker, Timer } from "./timers";

describe("simulated clock", () => {
  it("fires_due_timers_in_order_at_their_due_time", () => {
    const clock = new SimulatedClock(100);
    const fired: [string, number][] = [];
    const target = (name: string) => ({ fire: (now: number) => void fired.push([name, now]) });
    clock.setTimer(30, target("b"));
    clock.setTimer(10, target("a"));
    clock.setTimer(30, target("c"));
    const cancelled = clock.setTimer(20, target("x"));
    cancelled.cancel();
    clock.advance(25);
    expect(fired).toEqual([["a", 110]]);
    expect(clock.now()).toBe(125);
    clock.advance(100);
    expect(fired).toEqual([
      ["a", 110],
      ["b", 130],
      ["c", 130],
    ]);
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe("real clock", () => {
  // The clock itself is under test here, so it runs on real time (a few ms).
  it("tells_wall_time_and_fires_and_cancels_timers", async () => {
    const clock = new RealClock();
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(50);
    const cancelled = clock.setTimer(1, { fire: () => expect.unreachable("cancelled timer fired") });
    cancelled.cancel();
    const firedAt = await new Promise<number>((resolve) => clock.setTimer(2, { fire: resolve }));
    expect(firedAt).toBeGreaterThan(0);
  });
});

describe("timer channels", () => {
  it("after_delivers_now_once", () => {
    const clock = new SimulatedClock(0);
    const ch = after(clock, 50);
    clock.advance(49);
    expect(ch.tryReceive()).toBeNull();
    clock.advance(1);
    expect(ch.tryReceive()).toEqual({ value: 50, ok: true });
    clock.advance(1000);
    expect(ch.tryReceive()).toBeNull();
  });

  it("timer_stop_and_reset", () => {
    const clock = new SimulatedClock(0);
    const timer = new Timer(clock, 10);
    expect(timer.stop()).toBe(true);
    expect(timer.stop()).toBe(false);
    clock.advance(20);
    expect(timer.channel.tryReceive()).toBeNull();
    expect(timer.reset(5)).toBe(false);
    clock.advance(5);
    expect(timer.channel.tryReceive()).toEqual({ value: 25, ok: true });
  });

  it("ticker_drops_ticks_nobody_received", () => {
    const clock = new SimulatedClock(0);
    const ticker = new Ticker(clock, 10);
    clock.advance(35);
    expect(ticker.channel.tryReceive()).toEqual({ value: 10, ok: true });
    expect(ticker.channel.tryReceive()).toBeNull();
    clock.advance(5);
    expect(ticker.channel.tryReceive()).toEqual({ value: 40, ok: true });
    ticker.stop();
    clock.advance(100);
    expect(ticker.channel.tryReceive()).toBeNull();
  });
});

describe("time inside processes", () => {
  it("sleep_wakes_after_the_delay_on_the_kernel_clock", () => {
    const t = setup();
    const woke: number[] = [];
    t.spawn(function* (ctx) {
      yield* sleep(250);
      woke.push(ctx.clock.now());
      return ok(null);
    });
    t.settle(100);
    expect(woke).toEqual([]);
    t.settle(1000);
    expect(woke).toEqual([EPOCH + 250]);
  });

  it("select_with_timeout_pattern", () => {
    const t = setup();
    const results: string[] = [];
    const pid = t.spawn(function* (ctx) {
      for (let i = 0; i < 2; i++) {
        const timeout = after(ctx.clock, 100);
        const r = yield* choose([receiveCase(ctx.inbox()), receiveCase(timeout)]);
        results.push(r.kind === "received" && r.index === 0 ? `msg ${(r.value as Message).topic}` : "timeout");
      }
      return ok(null);
    });
    t.settle(50);
    unwrap(t.kernel.send(pid, "fast"));
    t.settle(500);
    expect(results).toEqual(["msg fast", "timeout"]);
  });

  it("receive_on_a_closed_channel_inside_a_process_is_nil_false_send_raises", () => {
    const t = setup();
    const log: unknown[] = [];
    const pid = t.spawn(function* (ctx) {
      const ch = ctx.inbox();
      ch.close();
      log.push(yield* receive(ch));
      const d = yield* choose([receiveCase(ctx.events())], { default: true });
      log.push(d);
      ch.trySend({ topic: "x", from: "", payloads: [] });
      yield* choose([{ kind: "send", channel: ch, value: 1 }]);
      log.push("unreachable");
      return ok(null);
    });
    t.settle();
    expect(log).toEqual([{ value: undefined, ok: false }, { kind: "default" }]);
    expect(t.exits.get(pid)).toMatchObject({ kind: "crash", error: { message: "send on closed channel" } });
  });
});

describe("pump", () => {
  it("defers_one_slice_at_a_time_while_work_remains", () => {
    const deferred: (() => void)[] = [];
    const pump = new Pump((run) => void deferred.push(run), 2);
    let work = 5;
    const kernel = {
      runSlice: vi.fn((max?: number) => {
        const n = Math.min(work, max ?? Infinity);
        work -= n;
        return n;
      }),
      hasWork: () => work > 0,
    };
    pump.attach(kernel);
    pump.onWork();
    expect(deferred).toHaveLength(1);
    while (deferred.length > 0) deferred.shift()?.();
    expect(kernel.runSlice).toHaveBeenCalledTimes(3);
    expect(work).toBe(0);
  });
});
