/**
 * The behaviour contract with a hand-written body (no generator driver): a body that runs
 * two "coroutines", each parking its own select, and uses `wait` / `ctx.wake()` — the shape
 * the Lua layer needs for `coroutine.spawn`.
 */
import { describe, expect, it } from "vitest";
import { WAIT, type Behaviour, type BehaviourFactory, type ProcessContext, type Step, type Wake } from "./behaviour";
import { Channel, type SelectOutcome } from "./channel";
import type { ExitReason } from "./exit";
import { receiveCase, select, SelectWaiter } from "./select";
import { HOST, setup, unwrap } from "./test-support";

class TwoCoroutines implements Behaviour {
  readonly fired: string[] = [];
  readonly wakes: Wake["kind"][] = [];
  private readonly waiters: SelectWaiter[] = [];
  disposedWith: ExitReason | null = null;

  constructor(
    private readonly ctx: ProcessContext,
    private readonly channels: Record<string, Channel<number>>,
  ) {}

  resume(wake: Wake): Step {
    this.wakes.push(wake.kind);
    if (wake.kind === "start") {
      for (const [name, channel] of Object.entries(this.channels)) {
        const owner = { onSelected: (o: SelectOutcome) => this.onFired(name, o) };
        const parked = select([receiveCase(channel)], owner);
        if (parked instanceof SelectWaiter) this.waiters.push(parked);
      }
    }
    if (this.fired.length === Object.keys(this.channels).length) return { kind: "exit", reason: { kind: "normal", value: this.fired } };
    return WAIT;
  }

  dispose(reason: ExitReason): void {
    this.disposedWith = reason;
    for (const w of this.waiters) w.cancel();
  }

  private onFired(name: string, outcome: SelectOutcome): void {
    this.fired.push(`${name}=${outcome.kind === "received" ? String(outcome.value) : outcome.kind}`);
    this.ctx.wake();
  }
}

function spawnTwo(t: ReturnType<typeof setup>) {
  const channels = { a: new Channel<number>(0), b: new Channel<number>(0) };
  let body: TwoCoroutines | null = null;
  const factory: BehaviourFactory = (ctx) => (body = new TwoCoroutines(ctx, channels));
  const pid = unwrap(t.kernel.spawn({ host: HOST, behaviour: factory }));
  t.settle();
  if (body === null) throw new Error("body not started");
  return { pid, channels, body: body as TwoCoroutines };
}

describe("behaviour: wait and wake", () => {
  it("wait_parks_the_process_until_its_own_waiters_wake_it", () => {
    const t = setup();
    const { pid, channels, body } = spawnTwo(t);
    expect(unwrap(t.kernel.info(pid)).state).toBe("waiting");
    expect(channels.b.trySend(2)).toBe("sent");
    expect(unwrap(t.kernel.info(pid)).state).toBe("ready");
    t.settle();
    expect(body.wakes).toEqual(["start", "woken"]);
    expect(unwrap(t.kernel.info(pid)).state).toBe("waiting");
    channels.a.trySend(1);
    t.settle();
    expect(t.exits.get(pid)).toEqual({ kind: "normal", value: ["b=2", "a=1"] });
    expect(body.disposedWith).toEqual({ kind: "normal", value: ["b=2", "a=1"] });
  });

  it("two_wakes_before_the_next_turn_give_one_resume", () => {
    const t = setup();
    const { pid, channels, body } = spawnTwo(t);
    channels.a.trySend(1);
    channels.b.trySend(2);
    t.settle();
    expect(body.wakes).toEqual(["start", "woken"]);
    expect(t.alive(pid)).toBe(false);
  });

  it("dispose_on_terminate_withdraws_the_bodys_own_waiters", () => {
    const t = setup();
    const { pid, channels, body } = spawnTwo(t);
    unwrap(t.kernel.terminate(pid));
    expect(body.disposedWith).toEqual({ kind: "terminated", by: "" });
    expect(channels.a.parked.receivers).toBe(0);
    expect(channels.a.trySend(1)).toBe("full");
  });
});
