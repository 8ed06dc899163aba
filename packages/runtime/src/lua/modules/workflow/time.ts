/**
 * `time` inside a workflow — durable timers and recorded time (LUA_API.md §4, §8).
 *
 * - `time.sleep(d)` → true once a durable timer of `d` fired (d ≤ 0: true at once, nothing
 *   recorded). The timer survives the node: another node fires it after a takeover.
 * - `time.after(d)` → a channel that receives the Time the timer was due at (d ≤ 0 →
 *   `nil, Invalid`). The timer is a command when `after` is called, whether or not the
 *   channel is ever read.
 * - `time.now()` → a recorded side effect (the same Time on every replay).
 * - `time.timer` / `time.ticker` are not durable and not available (`nil, Invalid`).
 * - `time.unix`, `time.parse_duration` and the constants are the plain module's (pure).
 * The workflow's clock (`os.time()`, `Time` arithmetic) is the time of the event being
 * replayed, so it is deterministic too.
 */
import { Channel, wippyError } from "../../../kernel";
import type { LuaFunction } from "../../vm/lua-function";
import { pushObject } from "../../vm/objects";
import { presentAs } from "../channel-values";
import { defineModule, type ModuleDefinition } from "../define-module";
import { returnBoolean, returnError } from "../results";
import { timeModule } from "../time";
import { durationArg, pushTime } from "../time-values";
import { blockForever, callSite, finishResult, issue, portOf } from "./issue";
import type { PortOf, Resolution } from "./port";

const NS_PER_MS = 1e6;

const presentFired = (L: Parameters<LuaFunction>[0], value: unknown): void => {
  const r = value as Resolution;
  pushTime(L, "value" in r ? (r.value as number) : 0);
};

const notDurable =
  (name: string): LuaFunction =>
  (L) =>
    returnError(L, wippyError("Invalid", `time.${name} is not available inside a workflow: use time.after or time.sleep (durable timers)`, { retryable: false }));

export function workflowTimeModule(find: PortOf): ModuleDefinition {
  const sleep: LuaFunction = (L, proc) => {
    const port = portOf(L, proc, find);
    const d = durationArg(L, 1);
    if (!d.ok) return returnError(L, d.error);
    if (!(d.value > 0)) return returnBoolean(L, true);
    return issue(L, port, { kind: "timer", delayMs: d.value / NS_PER_MS }, (L2) => returnBoolean(L2, true));
  };

  const after: LuaFunction = (L, proc) => {
    const port = portOf(L, proc, find);
    const d = durationArg(L, 1);
    if (!d.ok) return returnError(L, d.error);
    if (!(d.value > 0)) return returnError(L, wippyError("Invalid", `duration must be positive, got ${d.value}ns`));
    const answer = port.issue({ kind: "timer", delayMs: d.value / NS_PER_MS }, callSite(L));
    if (answer.kind === "halt") return blockForever(L);
    let channel: Channel<Resolution>;
    if (answer.kind === "later") channel = answer.channel;
    else {
      channel = new Channel<Resolution>(1);
      channel.trySend(answer.resolution);
    }
    pushObject(L, presentAs(channel, presentFired));
    return 1;
  };

  const now: LuaFunction = (L, proc) => {
    const port = portOf(L, proc, find);
    const clock = proc.ctx.clock;
    return issue(L, port, { kind: "side_effect", name: "now", generate: () => clock.now() }, (L2, r) => {
      if (!("value" in r)) return finishResult(L2, r);
      pushTime(L2, r.value as number);
      return 1;
    });
  };

  const plain = timeModule.functions ?? {};
  return defineModule({
    name: "time",
    functions: { ...plain, sleep, after, now, timer: notDurable("timer"), ticker: notDurable("ticker") },
    constants: timeModule.constants,
  });
}
