/**
 * `time` (require) — sleeping, timers and time values (LUA_API.md §4).
 *
 * - Durations: Go strings (`"5s"`, `"1h30m"`), numbers of nanoseconds, or Duration objects;
 *   a bad one is `nil, Invalid` (never a raise). Constants `time.NANOSECOND` … `time.HOUR` are
 *   floats, so `5 * time.MINUTE` does not overflow fengari's 32-bit integers.
 * - `time.sleep(d)` → true after `d` (at once when d ≤ 0). `time.after(d)` → a channel that
 *   receives the Time once; `time.timer(d)` → `:channel()/:response()`, `:stop()` (true if it
 *   had not fired), `:reset(d)`; `time.ticker(d)` → `:channel()`, `:stop()`. For these three
 *   d ≤ 0 is `Invalid`. Tickers stop when their process ends.
 * - `time.now()`, `time.unix(s, ns)`, `time.parse_duration(v)` → Duration, err; layout,
 *   month and weekday constants.
 * Time comes from the kernel clock (simulated in tests, recorded in workflows).
 */
import { receiveCase, Ticker, Timer, type Channel } from "../../kernel";
import { block } from "../vm/blocking";
import { lua, type LuaState } from "../vm/fengari";
import type { LuaFunction } from "../vm/lua-function";
import type { LuaProcess } from "../vm/lua-process";
import { checkObject, defineClass, pushObject } from "../vm/objects";
import { LuaFloat } from "../vm/values";
import { wippyError } from "../../kernel";
import { presentAs } from "./channel-values";
import { defineModule } from "./define-module";
import { LAYOUTS } from "./go-layout";
import { raiseError, returnBoolean, returnError } from "./results";
import { Duration, durationArg, pushTime } from "./time-values";

const NS_PER_MS = 1e6;

const presentTime = (L: LuaState, value: unknown): void => pushTime(L, value as number);

function timeChannel(channel: Channel<number>): Channel<number> {
  return presentAs(channel, presentTime);
}

/** A positive duration in ms from argument `idx`, or the error to return. */
function positiveDelay(L: LuaState, idx: number): { ms: number } | { error: ReturnType<typeof wippyError> } {
  const d = durationArg(L, idx);
  if (!d.ok) return { error: d.error };
  if (!(d.value > 0)) return { error: wippyError("Invalid", `duration must be positive, got ${d.value}ns`) };
  return { ms: d.value / NS_PER_MS };
}

export class LuaTimer {
  constructor(readonly timer: Timer) {}
}

export class LuaTicker {
  stopped = false;
  constructor(readonly ticker: Ticker) {}
  stop(): void {
    this.stopped = true;
    this.ticker.stop();
  }
}

const timerSelf = (L: LuaState): LuaTimer => checkObject(L, 1, TIMER_CLASS);
const tickerSelf = (L: LuaState): LuaTicker => checkObject(L, 1, TICKER_CLASS);

const timerChannel: LuaFunction = (L) => {
  pushObject(L, timeChannel(timerSelf(L).timer.channel));
  return 1;
};

export const TIMER_CLASS = defineClass(LuaTimer, {
  name: "timer",
  methods: {
    channel: timerChannel,
    response: timerChannel,
    stop: (L) => returnBoolean(L, timerSelf(L).timer.stop()),
    reset: (L) => {
      const self = timerSelf(L);
      const delay = positiveDelay(L, 2);
      if ("error" in delay) return returnError(L, delay.error);
      return returnBoolean(L, self.timer.reset(delay.ms));
    },
  },
});

const tickerChannel: LuaFunction = (L) => {
  pushObject(L, timeChannel(tickerSelf(L).ticker.channel));
  return 1;
};

export const TICKER_CLASS = defineClass(LuaTicker, {
  name: "ticker",
  methods: {
    channel: tickerChannel,
    response: tickerChannel,
    stop: (L) => {
      tickerSelf(L).stop();
      return returnBoolean(L, true);
    },
  },
});

const TICKERS = {};

/** Live tickers of a process, stopped when it ends (they would fire forever otherwise). */
function tickersOf(proc: LuaProcess): Set<LuaTicker> {
  return proc.local(TICKERS, () => {
    const tickers = new Set<LuaTicker>();
    proc.onExit(() => tickers.forEach((t) => t.stop()));
    return tickers;
  });
}

const sleep: LuaFunction = (L, proc) => {
  const d = durationArg(L, 1);
  if (!d.ok) return returnError(L, d.error);
  if (!(d.value > 0)) return returnBoolean(L, true);
  const channel = new Timer(proc.ctx.clock, d.value / NS_PER_MS).channel;
  return block(L, [receiveCase(channel)], (L2) => returnBoolean(L2, true));
};

const after: LuaFunction = (L, proc) => {
  const delay = positiveDelay(L, 1);
  if ("error" in delay) return returnError(L, delay.error);
  pushObject(L, timeChannel(new Timer(proc.ctx.clock, delay.ms).channel));
  return 1;
};

const timer: LuaFunction = (L, proc) => {
  const delay = positiveDelay(L, 1);
  if ("error" in delay) return returnError(L, delay.error);
  pushObject(L, new LuaTimer(new Timer(proc.ctx.clock, delay.ms)));
  return 1;
};

const ticker: LuaFunction = (L, proc) => {
  const delay = positiveDelay(L, 1);
  if ("error" in delay) return returnError(L, delay.error);
  const tickers = tickersOf(proc);
  for (const t of tickers) if (t.stopped) tickers.delete(t);
  const created = new LuaTicker(new Ticker(proc.ctx.clock, delay.ms));
  tickers.add(created);
  pushObject(L, created);
  return 1;
};

const now: LuaFunction = (L, proc) => {
  pushTime(L, proc.ctx.clock.now());
  return 1;
};

const unix: LuaFunction = (L) => {
  const seconds = lua.lua_tonumber(L, 1);
  const nanos = lua.lua_isnoneornil(L, 2) ? 0 : lua.lua_tonumber(L, 2);
  pushTime(L, seconds * 1000 + nanos / NS_PER_MS);
  return 1;
};

const parse: LuaFunction = (L) => {
  if (lua.lua_isnoneornil(L, 1)) return raiseError(L, "time.parse_duration expects a duration");
  const d = durationArg(L, 1);
  if (!d.ok) return returnError(L, d.error);
  pushObject(L, new Duration(d.value));
  return 1;
};

const MONTHS = ["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"];
const WEEKDAYS = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"];

export const timeModule = defineModule({
  name: "time",
  functions: { sleep, after, timer, ticker, now, unix, parse_duration: parse },
  constants: {
    NANOSECOND: new LuaFloat(1),
    MICROSECOND: new LuaFloat(1e3),
    MILLISECOND: new LuaFloat(1e6),
    SECOND: new LuaFloat(1e9),
    MINUTE: new LuaFloat(60e9),
    HOUR: new LuaFloat(3600e9),
    ...LAYOUTS,
    ...Object.fromEntries(MONTHS.map((m, i) => [m, i + 1])),
    ...Object.fromEntries(WEEKDAYS.map((d, i) => [d, i])),
  },
});
