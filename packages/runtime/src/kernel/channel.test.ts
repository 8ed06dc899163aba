import { describe, expect, it } from "vitest";
import { Channel, UNBOUNDED, type SelectOutcome } from "./channel";
import { receiveCase, select, SelectWaiter, sendCase, trySelect } from "./select";

/** A select owner that records the outcome it was woken with. */
function recorder(): { outcomes: SelectOutcome[]; onSelected(o: SelectOutcome): void } {
  const outcomes: SelectOutcome[] = [];
  return { outcomes, onSelected: (o) => void outcomes.push(o) };
}

function park(cases: Parameters<typeof select>[0]) {
  const owner = recorder();
  const waiter = select(cases, owner);
  if (!(waiter instanceof SelectWaiter)) throw new Error("expected the select to block");
  return { owner, waiter };
}

describe("channel: unbuffered", () => {
  it("unbuffered_send_without_receiver_is_full", () => {
    const ch = new Channel<number>(0);
    expect(ch.trySend(1)).toBe("full");
    expect(ch.tryReceive()).toBeNull();
  });

  it("unbuffered_send_hands_to_parked_receiver", () => {
    const ch = new Channel<number>(0);
    const { owner } = park([receiveCase(ch)]);
    expect(ch.trySend(7)).toBe("sent");
    expect(owner.outcomes).toEqual([{ kind: "received", index: 0, value: 7, ok: true }]);
  });

  it("unbuffered_receive_takes_from_parked_sender_and_completes_it", () => {
    const ch = new Channel<string>(0);
    const { owner } = park([sendCase(ch, "x")]);
    expect(ch.tryReceive()).toEqual({ value: "x", ok: true });
    expect(owner.outcomes).toEqual([{ kind: "sent", index: 0, value: "x" }]);
  });
});

describe("channel: buffered", () => {
  it("buffered_send_completes_while_room_then_full", () => {
    const ch = new Channel<number>(2);
    expect([ch.trySend(1), ch.trySend(2), ch.trySend(3)]).toEqual(["sent", "sent", "full"]);
    expect(ch.size).toBe(2);
  });

  it("buffered_receive_is_fifo_and_pulls_a_parked_sender_into_the_buffer", () => {
    const ch = new Channel<number>(1);
    ch.trySend(1);
    const { owner } = park([sendCase(ch, 2)]);
    expect(ch.tryReceive()).toEqual({ value: 1, ok: true });
    expect(owner.outcomes).toEqual([{ kind: "sent", index: 0, value: 2 }]);
    expect(ch.tryReceive()).toEqual({ value: 2, ok: true });
    expect(ch.tryReceive()).toBeNull();
  });

  it("unbounded_never_full", () => {
    const ch = new Channel<number>(UNBOUNDED);
    for (let i = 0; i < 10_000; i++) expect(ch.trySend(i)).toBe("sent");
    expect(ch.size).toBe(10_000);
  });

  it("rejects_a_bad_capacity", () => {
    expect(() => new Channel(-1)).toThrow(RangeError);
    expect(() => new Channel(1.5)).toThrow(RangeError);
  });
});

describe("channel: closed", () => {
  it("closed_and_drained_receive_is_undefined_false", () => {
    const ch = new Channel<number>(2);
    ch.trySend(1);
    ch.close();
    expect(ch.tryReceive()).toEqual({ value: 1, ok: true });
    expect(ch.tryReceive()).toEqual({ value: undefined, ok: false });
    expect(ch.tryReceive()).toEqual({ value: undefined, ok: false });
  });

  it("close_is_idempotent_and_send_after_close_is_closed", () => {
    const ch = new Channel<number>(1);
    ch.close();
    ch.close();
    expect(ch.closed).toBe(true);
    expect(ch.trySend(1)).toBe("closed");
  });

  it("close_wakes_parked_receivers_with_false_and_parked_senders_with_closed", () => {
    const ch2 = new Channel<number>(0);
    const r2 = park([receiveCase(ch2)]);
    const r3 = park([receiveCase(ch2)]);
    ch2.close();
    expect(r2.owner.outcomes).toEqual([{ kind: "received", index: 0, value: undefined, ok: false }]);
    expect(r3.owner.outcomes).toEqual([{ kind: "received", index: 0, value: undefined, ok: false }]);
    const ch3 = new Channel<number>(0);
    const s3 = park([sendCase(ch3, 5)]);
    ch3.close();
    expect(s3.owner.outcomes).toEqual([{ kind: "closed", index: 0 }]);
  });
});

describe("select", () => {
  it("select_without_default_picks_first_ready_case_in_order", () => {
    const a = new Channel<number>(1);
    const b = new Channel<number>(1);
    a.trySend(1);
    b.trySend(2);
    expect(trySelect([receiveCase(b), receiveCase(a)])).toEqual({ kind: "received", index: 0, value: 2, ok: true });
  });

  it("select_with_nothing_ready_is_null_so_a_default_can_apply", () => {
    expect(trySelect([receiveCase(new Channel(0)), sendCase(new Channel<number>(0), 1)])).toBeNull();
  });

  it("select_send_case_on_closed_channel_is_closed_outcome", () => {
    const ch = new Channel<number>(1);
    ch.close();
    expect(trySelect([sendCase(ch, 1)])).toEqual({ kind: "closed", index: 0 });
  });

  it("select_receive_on_closed_channel_is_ready_with_ok_false", () => {
    const ch = new Channel<number>(0);
    ch.close();
    expect(trySelect([receiveCase(ch)])).toEqual({ kind: "received", index: 0, value: undefined, ok: false });
  });

  it("blocked_select_completes_once_and_unparks_from_the_other_channels", () => {
    const a = new Channel<number>(0);
    const b = new Channel<number>(0);
    const { owner, waiter } = park([receiveCase(a), receiveCase(b)]);
    expect(a.parked.receivers).toBe(1);
    expect(b.parked.receivers).toBe(1);
    expect(b.trySend(9)).toBe("sent");
    expect(owner.outcomes).toEqual([{ kind: "received", index: 1, value: 9, ok: true }]);
    expect(a.parked.receivers).toBe(0);
    expect(waiter.done).toBe(true);
    expect(a.trySend(1)).toBe("full");
  });

  it("cancelled_select_leaves_nothing_parked", () => {
    const a = new Channel<number>(0);
    const { owner, waiter } = park([receiveCase(a), sendCase(a, 3)]);
    waiter.cancel();
    expect(a.parked).toEqual({ receivers: 0, senders: 0 });
    expect(a.trySend(1)).toBe("full");
    expect(owner.outcomes).toEqual([]);
  });
});
