/** Messages: FIFO per sender, topic routing to listeners, send errors (LUA_API.md §3). */
import { describe, expect, it } from "vitest";
import type { ProcessContext } from "./behaviour";
import { ok } from "./errors";
import { choose, receive, type BodyGenerator } from "./generator-behaviour";
import type { Message } from "./message";
import type { Pid } from "./pid";
import { receiveCase } from "./select";
import { setup, unwrap } from "./test-support";

function* collect(ctx: ProcessContext, into: Message[]): BodyGenerator {
  for (;;) {
    const { value, ok: open } = yield* receive(ctx.inbox());
    if (!open || value === undefined) return ok(null);
    into.push(value);
  }
}

describe("mailbox: order", () => {
  it("messages_from_one_sender_arrive_in_order", () => {
    const t = setup();
    const got: Message[] = [];
    const receiver = t.spawn((ctx) => collect(ctx, got));
    const sender = t.spawn(function* (ctx) {
      for (let i = 0; i < 500; i++) unwrap(ctx.send(receiver, "n", [i]));
      return ok(null);
    });
    t.settle();
    expect(got.map((m) => m.payloads[0])).toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect(new Set(got.map((m) => m.from))).toEqual(new Set([sender]));
  });

  it("interleaved_senders_keep_their_own_order", () => {
    const t = setup({ budget: 5 });
    const got: Message[] = [];
    const receiver = t.spawn((ctx) => collect(ctx, got));
    const senders = ["a", "b", "c"].map((tag) =>
      t.spawn(function* (ctx) {
        for (let i = 0; i < 50; i++) {
          unwrap(ctx.send(receiver, tag, [i]));
          yield* choose([], { default: true }); // a step, so budget 5 preempts mid-stream
        }
        return ok(null);
      }),
    );
    t.settle();
    for (const tag of ["a", "b", "c"]) {
      expect(got.filter((m) => m.topic === tag).map((m) => m.payloads[0])).toEqual(Array.from({ length: 50 }, (_, i) => i));
    }
    expect(new Set(got.map((m) => m.topic)).size).toBe(3);
    expect(senders).toHaveLength(3);
    // interleaving really happened: the topics are not in three solid blocks
    expect(got.slice(0, 50).every((m) => m.topic === "a")).toBe(false);
  });

  it("messages_sent_before_the_receiver_asks_are_kept", () => {
    const t = setup();
    const got: Message[] = [];
    const receiver = t.spawn(function* (ctx) {
      yield* choose([receiveCase(ctx.events())]); // wait for a CANCEL before reading the inbox
      return yield* collect(ctx, got);
    });
    t.settle();
    unwrap(t.kernel.send(receiver, "early", [1]));
    unwrap(t.kernel.cancel(receiver));
    t.settle();
    expect(got).toEqual([{ topic: "early", from: "", payloads: [1] }]);
  });
});

describe("mailbox: listeners", () => {
  it("a_topic_with_a_listener_goes_there_others_go_to_the_inbox", () => {
    const t = setup();
    const inbox: Message[] = [];
    const jobs: Message[] = [];
    const receiver = t.spawn(function* (ctx) {
      const listener = unwrap(ctx.listen("job", { message: true }));
      expect(unwrap(ctx.listen("job")).channel).toBe(listener.channel);
      expect(listener.message).toBe(true);
      for (;;) {
        const o = yield* choose([receiveCase(ctx.inbox()), receiveCase(listener.channel)]);
        if (o.kind !== "received") continue;
        if (o.index === 0) inbox.push(o.value as Message);
        else jobs.push(o.value as Message);
        if (inbox.length + jobs.length === 3) return ok(null);
      }
    });
    t.settle();
    unwrap(t.kernel.send(receiver, "job", [1]));
    unwrap(t.kernel.send(receiver, "ping", [2]));
    unwrap(t.kernel.send(receiver, "job", [3]));
    t.settle();
    expect(jobs.map((m) => m.payloads[0])).toEqual([1, 3]);
    expect(inbox.map((m) => m.topic)).toEqual(["ping"]);
  });

  it("unlisten_closes_the_channel_and_routes_back_to_the_inbox", () => {
    const t = setup();
    const inbox: Message[] = [];
    const log: unknown[] = [];
    const receiver = t.spawn(function* (ctx) {
      const listener = unwrap(ctx.listen("job"));
      yield* receive(ctx.events());
      log.push(ctx.unlisten(listener.channel), ctx.unlisten(listener.channel));
      log.push(yield* receive(listener.channel)); // drained buffered message
      log.push(yield* receive(listener.channel)); // then closed
      return yield* collect(ctx, inbox);
    });
    t.settle();
    unwrap(t.kernel.send(receiver, "job", ["before"]));
    unwrap(t.kernel.cancel(receiver));
    t.settle();
    unwrap(t.kernel.send(receiver, "job", ["after"]));
    t.settle();
    expect(log[0]).toBe(true);
    expect(log[1]).toBe(false);
    expect(log[2]).toMatchObject({ ok: true, value: { payloads: ["before"] } });
    expect(log[3]).toEqual({ value: undefined, ok: false });
    expect(inbox.map((m) => m.payloads[0])).toEqual(["after"]);
  });

  it("listen_on_a_reserved_topic_is_invalid", () => {
    const t = setup();
    const kinds: unknown[] = [];
    t.spawn(function* (ctx) {
      const r = ctx.listen("@inbox");
      kinds.push(!r.ok && r.error.kind);
      return ok(null);
    });
    t.settle();
    expect(kinds).toEqual(["Invalid"]);
  });
});

describe("send errors", () => {
  const dead = (t: ReturnType<typeof setup>): Pid => {
    const pid = t.spawn(function* () {
      return ok(null);
    });
    t.settle();
    return pid;
  };

  it("send_to_a_reserved_topic_is_invalid", () => {
    const t = setup();
    const pid = t.spawn((ctx) => collect(ctx, []));
    const r = t.kernel.send(pid, "@events", [1]);
    expect(r).toMatchObject({ ok: false, error: { kind: "Invalid" } });
    expect(t.kernel.send(pid, "", [])).toMatchObject({ ok: false, error: { kind: "Invalid" } });
  });

  it("send_to_a_dead_pid_says_not_found", () => {
    const t = setup();
    const r = t.kernel.send(dead(t), "x", []);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe("NotFound");
      expect(r.error.message).toContain("not found");
    }
  });

  it("send_to_an_unknown_name_is_not_found", () => {
    const t = setup();
    expect(t.kernel.send("nobody", "x", [])).toMatchObject({ ok: false, error: { kind: "NotFound" } });
    expect(t.kernel.send("", "x", [])).toMatchObject({ ok: false, error: { kind: "Invalid" } });
  });

  it("message_from_is_the_sender_pid_or_empty_for_the_system", () => {
    const t = setup();
    const got: Message[] = [];
    const receiver = t.spawn((ctx) => collect(ctx, got));
    const sender = t.spawn(function* (ctx) {
      unwrap(ctx.send(receiver, "hi"));
      return ok(null);
    });
    t.settle();
    unwrap(t.kernel.send(receiver, "sys"));
    t.settle();
    expect(got.map((m) => [m.topic, m.from, m.payloads])).toEqual([
      ["hi", sender, []],
      ["sys", "", []],
    ]);
  });
});
