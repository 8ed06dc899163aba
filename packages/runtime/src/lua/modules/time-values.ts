/**
 * Time and Duration objects of the `time` module (LUA_API.md §4).
 *
 * - `Time`: an instant, epoch milliseconds (fractions kept). Methods `:sub(t)` → Duration,
 *   `:add(d)`, `:unix()`, `:unix_nano()`, `:unix_milli()`, `:format(layout)`,
 *   `:format_rfc3339()`, `:before/after/equal(t)`, date and clock parts, `:utc()`.
 * - `Duration`: nanoseconds (a float: fengari integers are 32-bit and `time.HOUR` is not).
 *   Methods `:hours()` … `:nanoseconds()`, `:string()`; `tostring` gives Go's `1h30m0s`.
 * - `durationArg(L, i)`: what every duration parameter accepts — a Go duration string, a
 *   number of nanoseconds, or a Duration; anything else is `Invalid`.
 */
import { formatDuration, parseDuration } from "@wippy/shared";
import { fail, ok, wippyError, type Result } from "../../kernel";
import { lua, type LuaState } from "../vm/fengari";
import type { LuaFunction } from "../vm/lua-function";
import { checkObject, defineClass, pushObject, toObject } from "../vm/objects";
import { checkString, pushString, toJsString } from "../vm/strings";
import { DEFAULT_TIME_LAYOUT, formatLayout, partsOf, RFC3339 } from "./go-layout";
import { raiseError, returnBoolean, returnValue } from "./results";

export class Time {
  constructor(readonly ms: number) {}
}

export class Duration {
  constructor(readonly ns: number) {}
}

export function durationArg(L: LuaState, idx: number): Result<number> {
  switch (lua.lua_type(L, idx)) {
    case lua.LUA_TNUMBER:
      return ok(lua.lua_tonumber(L, idx));
    case lua.LUA_TSTRING: {
      const text = toJsString(L, idx) ?? "";
      const ns = parseDuration(text);
      return ns === null ? fail(wippyError("Invalid", `invalid duration "${text}": use a Go duration such as "500ms", "5s" or "1h30m"`, { retryable: false })) : ok(ns);
    }
    default: {
      const d = toObject(L, idx, DURATION_CLASS);
      return d === null ? fail(wippyError("Invalid", "duration must be a string such as \"5s\", a number of nanoseconds or a Duration", { retryable: false })) : ok(d.ns);
    }
  }
}

const time = (L: LuaState, idx = 1): Time => checkObject(L, idx, TIME_CLASS);
const duration = (L: LuaState): Duration => checkObject(L, 1, DURATION_CLASS);

export function pushTime(L: LuaState, ms: number): void {
  pushObject(L, new Time(ms));
}

function part(read: (p: ReturnType<typeof partsOf>) => number): LuaFunction {
  return (L) => returnValue(L, read(partsOf(time(L).ms)));
}

export const TIME_CLASS = defineClass(Time, {
  name: "time",
  tostring: (t) => formatLayout(t.ms, DEFAULT_TIME_LAYOUT),
  methods: {
    sub: (L) => {
      pushObject(L, new Duration((time(L).ms - time(L, 2).ms) * 1e6));
      return 1;
    },
    add: (L) => {
      const d = durationArg(L, 2);
      if (!d.ok) return raiseError(L, d.error);
      pushTime(L, time(L).ms + d.value / 1e6);
      return 1;
    },
    unix: (L) => returnValue(L, Math.floor(time(L).ms / 1000)),
    unix_milli: (L) => returnValue(L, Math.floor(time(L).ms)),
    unix_nano: (L) => {
      lua.lua_pushnumber(L, Math.round(time(L).ms * 1e6));
      return 1;
    },
    format: (L) => {
      pushString(L, formatLayout(time(L).ms, checkString(L, 2)));
      return 1;
    },
    format_rfc3339: (L) => {
      pushString(L, formatLayout(time(L).ms, RFC3339));
      return 1;
    },
    before: (L) => returnBoolean(L, time(L).ms < time(L, 2).ms),
    after: (L) => returnBoolean(L, time(L).ms > time(L, 2).ms),
    equal: (L) => returnBoolean(L, time(L).ms === time(L, 2).ms),
    utc: (L) => {
      lua.lua_settop(L, 1);
      return 1;
    },
    year: part((p) => p.year),
    month: part((p) => p.month),
    day: part((p) => p.day),
    hour: part((p) => p.hour),
    minute: part((p) => p.minute),
    second: part((p) => p.second),
    nanosecond: part((p) => p.nanos),
    weekday: part((p) => p.weekday),
    year_day: part((p) => p.yearDay),
    date: (L) => {
      const p = partsOf(time(L).ms);
      for (const n of [p.year, p.month, p.day]) lua.lua_pushinteger(L, n);
      return 3;
    },
    clock: (L) => {
      const p = partsOf(time(L).ms);
      for (const n of [p.hour, p.minute, p.second]) lua.lua_pushinteger(L, n);
      return 3;
    },
  },
});

/** Whole results come back as integers (as Wippy prints them), fractions as floats. */
function per(unit: number): LuaFunction {
  return (L) => returnValue(L, duration(L).ns / unit);
}

export const DURATION_CLASS = defineClass(Duration, {
  name: "duration",
  tostring: (d) => formatDuration(d.ns),
  methods: {
    hours: per(3600e9),
    minutes: per(60e9),
    seconds: per(1e9),
    milliseconds: per(1e6),
    microseconds: per(1e3),
    nanoseconds: per(1),
    string: (L) => {
      pushString(L, formatDuration(duration(L).ns));
      return 1;
    },
  },
});
