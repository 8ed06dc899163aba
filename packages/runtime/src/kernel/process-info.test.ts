/**
 * What `ProcessInfo` tells people watching a process: the labels of what it waits on (inbox,
 * a listened topic, a timer, several at once), how many messages wait in its mailbox, and the
 * message tap the control plane's process page uses (it sees every delivery until removed).
 */
import { describe, expect, it } from "vitest";
import { ok } from "./errors";
import { receiveCase } from "./select";
import { choose, receive, sleep } from "./generator-behaviour";
import type { Message } from "./message";
import { idle, setup, unwrap } from "./test-support";

describe("process info", () => {
  it("names what a waiting process waits on", () => {
    const t = setup();
    const inbox = t.spawn(idle);
    const timer = t.spawn(function* () {
      yield* sleep(60_000);
      return ok(null);
    });
    const both = t.spawn(function* (ctx) {
      const orders = unwrap(ctx.listen("orders"));
      yield* choose([receiveCase(orders.channel), receiveCase(ctx.events())]);
      return ok(null);
    });
    t.settle();
    expect(unwrap(t.kernel.info(inbox)).waiting).toEqual(["inbox"]);
    expect(unwrap(t.kernel.info(timer)).waiting).toEqual(["timer"]);
    expect(unwrap(t.kernel.info(both)).waiting).toEqual(["topic:orders", "events"]);
    expect(unwrap(t.kernel.info(inbox))).toMatchObject({ state: "waiting", mailbox: 0, version: 0, entry: "" });
  });

  it("counts messages not yet received, in the inbox and in listeners", () => {
    const t = setup();
    const busy = t.spawn(function* (ctx) {
      unwrap(ctx.listen("orders"));
      yield* sleep(60_000); // reads nothing
      yield* receive(ctx.inbox());
      return ok(null);
    });
    t.settle();
    for (const topic of ["a", "b", "orders"]) unwrap(t.kernel.send(busy, topic, [1]));
    const info = unwrap(t.kernel.info(busy));
    expect(info.mailbox).toBe(3);
    expect(info.waiting).toEqual(["timer"]);
  });

  it("shows a tap every message sent to the process until the tap is removed", () => {
    const t = setup();
    const pid = t.spawn(idle);
    const seen: { message: Message; at: number }[] = [];
    const untap = unwrap(t.kernel.tapMessages(pid, (message, at) => void seen.push({ message, at })));
    unwrap(t.kernel.send(pid, "hello", [{ n: 1 }]));
    t.settle();
    untap();
    unwrap(t.kernel.send(pid, "unseen", []));
    expect(seen).toEqual([{ message: { topic: "hello", from: "", payloads: [{ n: 1 }] }, at: expect.any(Number) }]);
    expect(t.kernel.tapMessages("{app:processes|0x999}", () => undefined).ok).toBe(false);
  });
});
