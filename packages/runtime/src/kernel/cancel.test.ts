/** Cancel (cooperative, CANCEL event) versus terminate (immediate kill) (LUA_API.md §3). */
import { describe, expect, it } from "vitest";
import { Channel } from "./channel";
import { ok } from "./errors";
import { EVENT, type ProcessEvent } from "./events";
import { choose, receive, work } from "./generator-behaviour";
import type { Pid } from "./pid";
import { receiveCase } from "./select";
import { EPOCH, recordEvents, setup, unwrap } from "./test-support";

function watch(t: ReturnType<typeof setup>, target: Pid): ProcessEvent[] {
  const seen: ProcessEvent[] = [];
  t.spawn(function* (ctx) {
    unwrap(ctx.monitor(target));
    return yield* recordEvents(ctx, seen);
  });
  return seen;
}

describe("cancel", () => {
  it("cancel_delivers_a_cancel_event_and_the_target_decides_when_to_return", () => {
    const t = setup();
    const log: unknown[] = [];
    let canceller: Pid = "";
    const target = t.spawn(function* (ctx) {
      const { value } = yield* receive(ctx.events());
      log.push(value);
      yield* receive(ctx.inbox()); // keeps running after CANCEL until it chooses to stop
      return ok("cleaned up");
    });
    const seen = watch(t, target);
    t.settle();
    canceller = t.spawn(function* (ctx) {
      unwrap(ctx.cancel(target, "shutting down"));
      return ok(null);
    });
    t.settle();
    expect(log).toEqual([{ kind: EVENT.CANCEL, from: canceller, reason: "shutting down", at: EPOCH }]);
    expect(t.alive(target)).toBe(true);
    unwrap(t.kernel.send(target, "done"));
    t.settle();
    expect(seen).toEqual([{ kind: EVENT.EXIT, from: target, result: { value: "cleaned up" }, at: EPOCH }]);
  });

  it("cancel_without_reason_and_from_the_system", () => {
    const t = setup();
    const log: ProcessEvent[] = [];
    const target = t.spawn((ctx) => recordEvents(ctx, log));
    unwrap(t.kernel.cancel(target));
    t.settle();
    expect(log).toEqual([{ kind: EVENT.CANCEL, from: "", at: EPOCH }]);
  });

  it("cancel_of_a_dead_pid_is_not_found", () => {
    const t = setup();
    expect(t.kernel.cancel("{app:processes|0x12345}")).toMatchObject({ ok: false, error: { kind: "NotFound" } });
  });
});

describe("terminate", () => {
  it("terminate_kills_a_waiting_process_at_once_and_monitors_get_an_error_exit", () => {
    const t = setup();
    const ch = new Channel<number>(0);
    const target = t.spawn(function* () {
      yield* choose([receiveCase(ch)]);
      return ok("never");
    });
    const seen = watch(t, target);
    t.settle();
    expect(ch.parked.receivers).toBe(1);
    unwrap(t.kernel.terminate(target));
    expect(t.alive(target)).toBe(false);
    // its select was withdrawn: a value sent now is not swallowed by the dead process
    expect(ch.parked.receivers).toBe(0);
    expect(ch.trySend(1)).toBe("full");
    t.settle();
    expect(seen).toEqual([{ kind: EVENT.EXIT, from: target, result: { error: { kind: "Canceled", message: "process terminated" } }, at: EPOCH }]);
  });

  it("terminate_kills_a_ready_process_before_it_runs_again", () => {
    const t = setup({ budget: 10 });
    let loops = 0;
    const target = t.spawn(function* () {
      for (;;) {
        loops++;
        yield* work(10);
      }
    });
    t.kernel.runSlice(1);
    expect(loops).toBe(1);
    expect(unwrap(t.kernel.info(target)).state).toBe("ready");
    unwrap(t.kernel.terminate(target));
    t.settle();
    expect(loops).toBe(1);
    expect(t.exits.get(target)).toEqual({ kind: "terminated", by: "" });
  });

  it("terminate_self_ends_the_process_at_its_next_step", () => {
    const t = setup();
    const log: string[] = [];
    const pid = t.spawn(function* (ctx) {
      unwrap(ctx.terminate(ctx.pid));
      log.push("same step");
      expect(ctx.isAlive()).toBe(false);
      expect(ctx.shouldYield()).toBe(true);
      yield* work(1);
      log.push("after the step");
      return ok(null);
    });
    t.settle();
    expect(log).toEqual(["same step"]);
    expect(t.exits.get(pid)).toEqual({ kind: "terminated", by: pid });
  });

  it("cancel_is_ignored_by_a_process_that_does_not_listen_terminate_is_not", () => {
    const t = setup();
    const target = t.spawn(function* (ctx) {
      yield* receive(ctx.inbox());
      return ok(null);
    });
    t.settle();
    unwrap(t.kernel.cancel(target));
    t.settle();
    expect(t.alive(target)).toBe(true);
    unwrap(t.kernel.terminate(target));
    expect(t.alive(target)).toBe(false);
  });
});
