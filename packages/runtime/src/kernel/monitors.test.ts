/** Concept matrix: monitor × exit kind of the monitored process (LUA_API.md §3). */
import { describe, expect, it } from "vitest";
import { fail, ok, Raised, wippyError } from "./errors";
import { EVENT, type ProcessEvent } from "./events";
import { generatorBehaviour, receive, type Body } from "./generator-behaviour";
import type { Pid } from "./pid";
import { EPOCH, HOST, idle, recordEvents, setup, unwrap } from "./test-support";

const B_ERROR = wippyError("Conflict", "bad state", { retryable: false });

type ExitKind = "normal" | "returned_error" | "raised_error" | "terminate" | "link_down" | "factory_crash";

/**
 * B waits for "go" and then ends the given way; for terminate it just waits; for link_down
 * it links (not trapping) to the process named "kid", which raises on "go".
 */
function target(kind: ExitKind): Body {
  return function* (ctx) {
    if (kind === "terminate") return yield* idle(ctx);
    if (kind === "link_down") {
      unwrap(ctx.link("kid"));
      return yield* idle(ctx);
    }
    yield* receive(ctx.inbox());
    if (kind === "normal") return ok({ answer: 42 });
    if (kind === "returned_error") return fail(B_ERROR);
    throw new Raised(B_ERROR);
  };
}

const EXPECTED: Record<ExitKind, object> = {
  normal: { value: { answer: 42 } },
  returned_error: { error: B_ERROR },
  raised_error: { error: B_ERROR },
  terminate: { error: { kind: "Canceled", message: "process terminated" } },
  link_down: { error: expect.objectContaining({ kind: "Conflict", message: expect.stringContaining("linked process") }) },
  factory_crash: { error: expect.objectContaining({ kind: "", message: "factory failed" }) },
};

describe("monitor × exit kind", () => {
  it.each(Object.keys(EXPECTED) as ExitKind[])("monitor_exit=%s", (kind) => {
    const t = setup();
    const seen: ProcessEvent[] = [];
    let b: Pid = "";
    t.spawn(target("raised_error"), { name: "kid" });
    const m = t.spawn(function* (ctx) {
      const behaviour =
        kind === "factory_crash"
          ? () => {
              throw new Error("factory failed");
            }
          : generatorBehaviour(target(kind));
      b = unwrap(ctx.spawn({ host: HOST, behaviour, monitor: true }));
      return yield* recordEvents(ctx, seen);
    });
    t.settle();
    if (kind === "terminate") unwrap(t.kernel.terminate(b));
    else if (kind === "link_down") unwrap(t.kernel.send("kid", "go"));
    else if (kind !== "factory_crash") unwrap(t.kernel.send(b, "go"));
    t.settle();

    expect(t.alive(b)).toBe(false);
    expect(t.alive(m)).toBe(true);
    expect(seen).toEqual([{ kind: EVENT.EXIT, from: b, result: EXPECTED[kind], at: EPOCH }]);
    expect(unwrap(t.kernel.info(m)).monitors).toEqual([]);
  });
});

describe("monitors", () => {
  it("second_monitor_of_the_same_pid_is_already_exists", () => {
    const t = setup();
    const b = t.spawn(idle);
    const results: unknown[] = [];
    t.spawn(function* (ctx) {
      results.push(ctx.monitor(b).ok);
      const again = ctx.monitor(b);
      results.push(!again.ok && again.error.kind);
      return yield* idle(ctx);
    });
    t.settle();
    expect(results).toEqual([true, "AlreadyExists"]);
  });

  it("unmonitor_means_no_exit_and_a_fresh_monitor_is_allowed", () => {
    const t = setup();
    const seen: ProcessEvent[] = [];
    const b = t.spawn(target("normal"));
    const m = t.spawn(function* (ctx) {
      unwrap(ctx.monitor(b));
      unwrap(ctx.unmonitor(b));
      unwrap(ctx.unmonitor(b));
      return yield* recordEvents(ctx, seen);
    });
    t.settle();
    expect(unwrap(t.kernel.info(b)).monitoredBy).toEqual([]);
    unwrap(t.kernel.send(b, "go"));
    t.settle();
    expect(seen).toEqual([]);
    expect(t.alive(m)).toBe(true);
  });

  it("monitor_by_name_self_and_dead", () => {
    const t = setup();
    const b = t.spawn(idle, { name: "svc" });
    const results: unknown[] = [];
    t.spawn(function* (ctx) {
      results.push(ctx.monitor("svc").ok);
      const self = ctx.monitor(ctx.pid);
      results.push(!self.ok && self.error.kind);
      const dead = ctx.monitor("{app:processes|0xabcde}");
      results.push(!dead.ok && dead.error.kind);
      return ok(null);
    });
    t.settle();
    expect(results).toEqual([true, "Invalid", "NotFound"]);
    // the monitoring process exited: both sides are clean
    expect(unwrap(t.kernel.info(b)).monitoredBy).toEqual([]);
  });

  it("await_exit_delivers_one_exit_event_for_exec", () => {
    const t = setup();
    const results: unknown[] = [];
    t.spawn(function* (ctx) {
      const child = unwrap(ctx.spawn({ host: HOST, behaviour: generatorBehaviour(target("normal")) }));
      const done = unwrap(ctx.awaitExit(child));
      unwrap(ctx.send(child, "go"));
      const { value } = yield* receive(done);
      results.push(value?.result);
      return ok(null);
    });
    t.settle();
    expect(results).toEqual([{ value: { answer: 42 } }]);
  });
});
