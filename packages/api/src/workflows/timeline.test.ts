/** The run page's timeline: events folded into activities with attempts, timers, children, and the rest in order. */
import { describe, expect, it } from "vitest";
import type { HistoryEvent, StoredEvent } from "@wippy/shared";
import { buildTimeline, describeTimers } from "./timeline";

const RETRY = { initialIntervalMs: 100, backoff: 2, maxIntervalMs: 1000, maxAttempts: 3, nonRetryable: [] };
const T0 = 1_700_000_000_000;

/** Events at T0 + the given ms, numbered from seq 1. */
function history(...events: [number, HistoryEvent][]): StoredEvent[] {
  return events.map(([ms, e], i) => ({ ...e, seq: i + 1, at: T0 + ms }) as StoredEvent);
}

const scheduled = (command: number, activity = "app:charge"): HistoryEvent => ({ type: "activity.scheduled", command, activity, args: [25], options: { retry: RETRY } });
const boom = { kind: "Unavailable", message: "gateway down" };

describe("buildTimeline", () => {
  it("folds an activity's attempts: failures with their retry time, then the completion, with durations", () => {
    const items = buildTimeline(
      history(
        [0, { type: "started", input: [{ n: 1 }] }],
        [10, scheduled(1)],
        [40, { type: "activity.failed", command: 1, error: boom, attempt: 1, final: false, retryAt: T0 + 140 }],
        [190, { type: "activity.completed", command: 1, result: { charged: 25 }, attempt: 2 }],
      ),
    );
    expect(items.map((i) => i.type)).toEqual(["started", "activity"]);
    expect(items[1]).toEqual({
      seq: 2,
      at: T0 + 10,
      type: "activity",
      command: 1,
      activity: "app:charge",
      args: [25],
      status: "completed",
      result: { charged: 25 },
      endedAt: T0 + 190,
      durationMs: 180,
      attempts: [
        { attempt: 1, startedAt: T0 + 10, endedAt: T0 + 40, durationMs: 30, outcome: "failed", error: boom, retryAt: T0 + 140 },
        { attempt: 2, startedAt: T0 + 140, endedAt: T0 + 190, durationMs: 50, outcome: "completed" },
      ],
    });
  });

  it("marks an activity retrying between attempts and failed after its final failure", () => {
    const retrying = buildTimeline(history([0, { type: "started", input: [] }], [5, scheduled(1)], [9, { type: "activity.failed", command: 1, error: boom, attempt: 1, final: false, retryAt: T0 + 500 }]));
    expect(retrying[1]).toMatchObject({ status: "retrying", attempts: [{ outcome: "failed" }, { attempt: 2, startedAt: T0 + 500, outcome: "running" }] });
    const failed = buildTimeline(history([0, { type: "started", input: [] }], [5, scheduled(1)], [9, { type: "activity.failed", command: 1, error: boom, attempt: 1, final: true }]));
    expect(failed[1]).toMatchObject({ status: "failed", error: boom, attempts: [{ outcome: "failed", durationMs: 4 }] });
    const running = buildTimeline(history([0, { type: "started", input: [] }], [5, scheduled(1)]));
    expect(running[1]).toMatchObject({ status: "running", attempts: [{ attempt: 1, outcome: "running" }] });
  });

  it("shows timers, signals, children, cancel requests, upgrades and the end in history order", () => {
    const items = buildTimeline(
      history(
        [0, { type: "started", input: [] }],
        [1, { type: "timer.started", command: 1, fireAt: T0 + 1001 }],
        [1001, { type: "timer.fired", command: 1 }],
        [1002, { type: "signal.received", topic: "approve", payloads: [{ by: "ann" }], from: "web:ann" }],
        [1003, { type: "child.started", command: 2, childId: "r/2", workflow: "app:ship", input: [1] }],
        [1500, { type: "child.completed", command: 2, result: "shipped" }],
        [1501, { type: "code.upgraded", fromHash: "a", toHash: "b" }],
        [1502, { type: "timer.started", command: 3, fireAt: T0 + 60_000 }],
        [1503, { type: "cancel.requested", reason: "enough", from: "cli:bob" }],
        [1504, { type: "terminated", reason: "stop" }],
      ),
    );
    expect(items.map((i) => `${i.seq}:${i.type}`)).toEqual(["1:started", "2:timer", "4:signal", "5:child", "7:upgrade", "8:timer", "9:cancel", "10:end"]);
    expect(items[1]).toMatchObject({ type: "timer", status: "fired", fireAt: T0 + 1001, firedAt: T0 + 1001 });
    expect(items[2]).toMatchObject({ type: "signal", topic: "approve", payloads: [{ by: "ann" }], from: "web:ann" });
    expect(items[3]).toMatchObject({ type: "child", childId: "r/2", status: "completed", result: "shipped", endedAt: T0 + 1500 });
    // The run ended before the second timer fired.
    expect(items[5]).toMatchObject({ type: "timer", status: "dropped" });
    expect(items[7]).toMatchObject({ type: "end", status: "terminated", reason: "stop" });
  });

  it("keeps a pending timer pending while the run runs", () => {
    const items = buildTimeline(history([0, { type: "started", input: [] }], [1, { type: "timer.started", command: 1, fireAt: T0 + 5000 }]));
    expect(items[1]).toMatchObject({ type: "timer", status: "pending" });
  });
});

describe("describeTimers", () => {
  it("names armed timers after the sleep or the activity retry they wake", () => {
    const items = buildTimeline(
      history(
        [0, { type: "started", input: [] }],
        [1, { type: "timer.started", command: 1, fireAt: T0 + 5000 }],
        [2, scheduled(2, "app:ship")],
        [3, { type: "activity.failed", command: 2, error: boom, attempt: 1, final: false, retryAt: T0 + 900 }],
      ),
    );
    const armed = [
      { command: 2, fireAt: T0 + 900 },
      { command: 1, fireAt: T0 + 5000 },
      { command: 7, fireAt: T0 + 1 },
    ];
    expect(describeTimers(armed, items)).toEqual([
      { command: 2, fireAt: T0 + 900, wakes: { type: "retry", activity: "app:ship", attempt: 2 } },
      { command: 1, fireAt: T0 + 5000, wakes: { type: "timer" } },
      { command: 7, fireAt: T0 + 1, wakes: { type: "unknown" } },
    ]);
  });
});
