/**
 * Concept matrix: link × trap_links × exit kind of the linked process (LUA_API.md §3).
 * A spawns B and C linked; M monitors A. B then exits in one of four ways.
 */
import { describe, expect, it } from "vitest";
import { fail, ok, Raised, wippyError, type WippyError } from "./errors";
import { EVENT, type ProcessEvent } from "./events";
import { generatorBehaviour, receive, type Body } from "./generator-behaviour";
import type { Pid } from "./pid";
import { EPOCH, HOST, idle, recordEvents, setup, unwrap } from "./test-support";

const B_ERROR = wippyError("Conflict", "bad state", { retryable: false });
const TERMINATED: WippyError = { kind: "Canceled", message: "process terminated" };

type ExitKind = "normal" | "returned_error" | "raised_error" | "terminate";
const EXIT_KINDS: ExitKind[] = ["normal", "returned_error", "raised_error", "terminate"];

function dying(kind: ExitKind): Body {
  return function* (ctx) {
    if (kind === "terminate") return yield* idle(ctx);
    yield* receive(ctx.inbox());
    if (kind === "normal") return ok("done");
    if (kind === "returned_error") return fail(B_ERROR);
    throw new Raised(B_ERROR);
  };
}

function scenario(kind: ExitKind, trapLinks: boolean) {
  const t = setup();
  const seenByA: ProcessEvent[] = [];
  const seenByM: ProcessEvent[] = [];
  const pids: { b?: Pid; c?: Pid } = {};
  const a = t.spawn(function* (ctx) {
    ctx.setOptions({ trapLinks });
    pids.b = unwrap(ctx.spawn({ host: HOST, behaviour: generatorBehaviour(dying(kind)), link: true }));
    pids.c = unwrap(ctx.spawn({ host: HOST, behaviour: generatorBehaviour(idle), link: true }));
    return yield* recordEvents(ctx, seenByA);
  });
  const m = t.spawn(function* (ctx) {
    unwrap(ctx.monitor(a));
    return yield* recordEvents(ctx, seenByM);
  });
  t.settle();
  const b = pids.b as Pid;
  const c = pids.c as Pid;
  if (kind === "terminate") unwrap(t.kernel.terminate(b));
  else unwrap(t.kernel.send(b, "go"));
  t.settle();
  return { ...t, a, b, c, m, seenByA, seenByM };
}

describe("link × trap_links × exit kind", () => {
  const cases = EXIT_KINDS.flatMap((kind) => [false, true].map((trap) => ({ kind, trap })));

  it.each(cases)("link × trap_links=$trap × exit=$kind", ({ kind, trap }) => {
    const s = scenario(kind, trap);
    const expectedError = kind === "terminate" ? TERMINATED : B_ERROR;
    expect(s.alive(s.b)).toBe(false);

    if (kind === "normal") {
      expect(s.exits.get(s.b)).toEqual({ kind: "normal", value: "done" });
      expect(s.seenByA).toEqual([]);
      expect(s.alive(s.a)).toBe(true);
      expect(unwrap(s.kernel.info(s.a)).links).toEqual([s.c]);
      return;
    }

    if (trap) {
      expect(s.alive(s.a)).toBe(true);
      expect(s.seenByA).toEqual([{ kind: EVENT.LINK_DOWN, from: s.b, result: { error: expect.objectContaining(expectedError) }, at: EPOCH }]);
      expect(s.alive(s.c)).toBe(true);
      expect(unwrap(s.kernel.info(s.a)).links).toEqual([s.c]);
      expect(s.seenByM).toEqual([]);
      return;
    }

    // Not trapping: A is killed with a link_down error that keeps B's kind, and the kill
    // cascades over A's other link to C; A's monitor sees the EXIT.
    const aReason = s.exits.get(s.a);
    expect(aReason).toMatchObject({ kind: "link_down", from: s.b, error: { kind: expectedError.kind } });
    expect(s.seenByA).toEqual([]);
    expect(s.exits.get(s.c)).toMatchObject({ kind: "link_down", from: s.a });
    expect(s.seenByM).toHaveLength(1);
    const exit = s.seenByM[0];
    expect(exit).toMatchObject({ kind: EVENT.EXIT, from: s.a, at: EPOCH });
    if (exit?.kind !== EVENT.EXIT) throw new Error("expected EXIT");
    expect(exit.result.error?.kind).toBe(expectedError.kind);
    expect(exit.result.error?.message).toContain(s.b);
    expect(exit.result.error?.details).toMatchObject({ linked_pid: s.b });
  });
});

describe("links", () => {
  it("link_is_two_way_the_caller_dying_reaches_the_target", () => {
    const t = setup();
    const seen: ProcessEvent[] = [];
    const target = t.spawn(function* (ctx) {
      ctx.setOptions({ trapLinks: true });
      return yield* recordEvents(ctx, seen);
    });
    const caller = t.spawn(function* (ctx) {
      unwrap(ctx.link(target));
      yield* receive(ctx.inbox());
      throw new Raised(B_ERROR);
    });
    t.settle();
    expect(unwrap(t.kernel.info(target)).links).toEqual([caller]);
    unwrap(t.kernel.send(caller, "go"));
    t.settle();
    expect(seen.map((e) => [e.kind, e.from])).toEqual([[EVENT.LINK_DOWN, caller]]);
    expect(unwrap(t.kernel.info(target)).links).toEqual([]);
  });

  it("unlink_stops_propagation", () => {
    const t = setup();
    const b = t.spawn(dying("raised_error"));
    const a = t.spawn(function* (ctx) {
      unwrap(ctx.link(b));
      unwrap(ctx.unlink(b));
      return yield* idle(ctx);
    });
    t.settle();
    unwrap(t.kernel.send(b, "go"));
    t.settle();
    expect(t.alive(a)).toBe(true);
    expect(unwrap(t.kernel.info(a)).links).toEqual([]);
  });

  it("link_twice_is_idempotent_link_to_self_is_invalid_link_to_dead_is_not_found", () => {
    const t = setup();
    const results: unknown[] = [];
    const other = t.spawn(idle);
    t.spawn(function* (ctx) {
      results.push(ctx.link(other).ok, ctx.link(other).ok);
      const self = ctx.link(ctx.pid);
      results.push(!self.ok && self.error.kind);
      const dead = ctx.link("{app:processes|0xfffff}");
      results.push(!dead.ok && dead.error.kind, !dead.ok && dead.error.message.includes("not found"));
      return ok(null);
    });
    t.settle();
    expect(results).toEqual([true, true, "Invalid", "NotFound", true]);
  });

  it("linked_and_monitored_gets_both_link_down_and_exit", () => {
    const t = setup();
    const seen: ProcessEvent[] = [];
    let child: Pid = "";
    t.spawn(function* (ctx) {
      ctx.setOptions({ trapLinks: true });
      child = unwrap(ctx.spawn({ host: HOST, behaviour: generatorBehaviour(dying("raised_error")), link: true, monitor: true }));
      return yield* recordEvents(ctx, seen);
    });
    t.settle();
    unwrap(t.kernel.send(child, "go"));
    t.settle();
    expect(seen.map((e) => e.kind).sort()).toEqual([EVENT.EXIT, EVENT.LINK_DOWN].sort());
  });

  it("a_long_link_chain_cascades_without_recursion", () => {
    const t = setup();
    const n = 20_000;
    const pids: Pid[] = [t.spawn(dying("raised_error"))];
    for (let i = 1; i < n; i++) {
      const prev = pids[i - 1] as Pid;
      pids.push(
        t.spawn(function* (ctx) {
          unwrap(ctx.link(prev));
          return yield* idle(ctx);
        }),
      );
    }
    t.settle();
    unwrap(t.kernel.send(pids[0] as Pid, "go"));
    t.settle();
    expect(t.kernel.processCount).toBe(0);
    expect(t.exits.get(pids[n - 1] as Pid)).toMatchObject({ kind: "link_down", error: { kind: "Conflict" } });
  });
});
