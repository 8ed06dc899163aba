/** Names: register / lookup / unregister / auto-release / AlreadyExists (LUA_API.md §3). */
import { describe, expect, it } from "vitest";
import { generatorBehaviour, receive } from "./generator-behaviour";
import type { Message } from "./message";
import { HOST, idle, setup, unwrap } from "./test-support";

describe("names", () => {
  it("register_then_lookup_returns_the_pid", () => {
    const t = setup();
    const pid = t.spawn(function* (ctx) {
      unwrap(ctx.register("svc"));
      return yield* idle(ctx);
    });
    t.settle();
    expect(unwrap(t.kernel.lookup("svc"))).toBe(pid);
    expect(unwrap(t.kernel.info(pid)).names).toEqual(["svc"]);
  });

  it("register_is_idempotent_for_the_same_pid", () => {
    const t = setup();
    const pid = t.spawn(idle);
    expect(t.kernel.register("svc", pid)).toEqual({ ok: true, value: true });
    expect(t.kernel.register("svc", pid)).toEqual({ ok: true, value: true });
  });

  it("register_taken_name_is_already_exists_with_existing_pid", () => {
    const t = setup();
    const first = t.spawn(idle);
    const second = t.spawn(idle);
    unwrap(t.kernel.register("svc", first));
    const r = t.kernel.register("svc", second);
    expect(r).toMatchObject({ ok: false, error: { kind: "AlreadyExists", details: { existing_pid: first } } });
  });

  it("lookup_unknown_is_not_found", () => {
    const t = setup();
    expect(t.kernel.lookup("ghost")).toMatchObject({ ok: false, error: { kind: "NotFound" } });
  });

  it("unregister_is_true_then_false", () => {
    const t = setup();
    const pid = t.spawn(idle);
    unwrap(t.kernel.register("svc", pid));
    expect(t.kernel.unregister("svc")).toBe(true);
    expect(t.kernel.unregister("svc")).toBe(false);
    expect(t.kernel.lookup("svc").ok).toBe(false);
    expect(unwrap(t.kernel.info(pid)).names).toEqual([]);
  });

  it("names_are_released_when_the_process_exits", () => {
    const t = setup();
    const pid = t.spawn(idle);
    unwrap(t.kernel.register("a", pid));
    unwrap(t.kernel.register("b", pid));
    unwrap(t.kernel.terminate("a"));
    expect(t.kernel.lookup("a").ok).toBe(false);
    expect(t.kernel.lookup("b").ok).toBe(false);
    const next = t.spawn(idle);
    expect(t.kernel.register("a", next).ok).toBe(true);
  });

  it("bad_names_and_dead_pids_are_refused", () => {
    const t = setup();
    const pid = t.spawn(idle);
    expect(t.kernel.register("", pid)).toMatchObject({ ok: false, error: { kind: "Invalid" } });
    expect(t.kernel.register("{app:processes|0x00001}", pid)).toMatchObject({ ok: false, error: { kind: "Invalid" } });
    expect(t.kernel.register("x", "{app:processes|0x99999}")).toMatchObject({ ok: false, error: { kind: "NotFound" } });
  });

  it("spawn_with_a_taken_name_fails_and_spawns_nothing", () => {
    const t = setup();
    t.spawn(idle, { name: "svc" });
    const before = t.kernel.processCount;
    const r = t.kernel.spawn({ host: HOST, behaviour: generatorBehaviour(idle), name: "svc" });
    expect(r).toMatchObject({ ok: false, error: { kind: "AlreadyExists" } });
    expect(t.kernel.processCount).toBe(before);
  });

  it("names_work_as_destinations_for_send_cancel_and_terminate", () => {
    const t = setup();
    const got: Message[] = [];
    const pid = t.spawn(
      function* (ctx) {
        const { value } = yield* receive(ctx.inbox());
        if (value !== undefined) got.push(value);
        yield* receive(ctx.events());
        return yield* idle(ctx);
      },
      { name: "svc" },
    );
    t.settle();
    unwrap(t.kernel.send("svc", "hello", ["w"]));
    unwrap(t.kernel.cancel("svc", "bye"));
    t.settle();
    expect(got).toEqual([{ topic: "hello", from: "", payloads: ["w"] }]);
    unwrap(t.kernel.terminate("svc"));
    expect(t.alive(pid)).toBe(false);
    expect(t.kernel.send("svc", "x").ok).toBe(false);
  });
});
