import { describe, expect, it } from "vitest";
import { runLua } from "../test-support";

const normal = (value: unknown) => ({ kind: "normal", value });
const run = (body: string, ms = 10_000_000) => runLua(`local time = require("time")\nreturn { main = function()\n${body}\nend }`, [], { ms });

describe("durations (LUA_API §4)", () => {
  it.each([
    ['"5s"', 5],
    ['"100ms"', 0.1],
    ['"1h30m"', 5400],
    ['"1.5s"', 1.5],
    ["2 * time.SECOND", 2],
    ["5 * time.MINUTE", 300],
    ["time.HOUR", 3600],
    ["250000000", 0.25],
    ['time.parse_duration("3s")', 3],
  ])("%s sleeps %s s", (d, seconds) => {
    expect(run(`local t0 = time.now(); time.sleep(${d}); return time.now():sub(t0):seconds()`)).toEqual(normal(seconds));
  });

  it.each(['"abc"', '"5"', '"5 s"', "{}", "true"])("time.sleep(%s) → nil, Invalid", (d) => {
    expect(run(`local ok, err = time.sleep(${d}); return { ok == nil, err:kind() }`)).toEqual(normal([true, "Invalid"]));
  });

  it.each(["time.after", "time.timer", "time.ticker"])("%s with d ≤ 0 or a bad duration → nil, Invalid", (fn) => {
    expect(run(`
      local a, e1 = ${fn}(0)
      local b, e2 = ${fn}("-1s")
      local c, e3 = ${fn}("soon")
      return { a == nil, e1:kind(), b == nil, e2:kind(), c == nil, e3:kind() }`)).toEqual(normal([true, "Invalid", true, "Invalid", true, "Invalid"]));
  });

  it("time.sleep with d ≤ 0 returns at once", () => {
    expect(run(`local t0 = time.now(); local ok = time.sleep(0); return { ok, time.now():sub(t0):seconds() }`)).toEqual(normal([true, 0]));
  });

  it("parse_duration → Duration with unit methods and Go formatting", () => {
    expect(run(`
      local d = time.parse_duration("1h30m45s500ms")
      local bad, err = time.parse_duration("nope")
      return { d:hours() > 1.51, d:minutes(), d:seconds(), d:milliseconds(), tostring(d), bad == nil, err:kind() }`)).toEqual(
      normal([true, 90.75833333333334, 5445.5, 5445500, "1h30m45.5s", true, "Invalid"]),
    );
  });

  it("constants are nanoseconds", () => {
    expect(run(`return { time.NANOSECOND, time.MICROSECOND, time.MILLISECOND, time.SECOND, time.MINUTE, time.HOUR }`)).toEqual(normal([1, 1e3, 1e6, 1e9, 60e9, 3600e9]));
  });
});

describe("timers", () => {
  it("time.timer fires once; stop before firing → true and nothing arrives; reset re-arms", () => {
    expect(run(`
      local t0 = time.now()
      local t = time.timer("2s")
      local fired = t:channel():receive()
      local at = fired:sub(t0):seconds()
      local stopped_after_fire = t:stop()
      local s = time.timer("1s")
      local stopped = s:stop()
      local r = channel.select { s:response():case_receive(), time.after("3s"):case_receive() }
      local u = time.timer("1s")
      u:reset("4s")
      local t1 = time.now()
      u:channel():receive()
      return { at, stopped_after_fire, stopped, r.channel == s:response(), time.now():sub(t1):seconds() }`)).toEqual(normal([2, false, true, false, 4]));
  });

  it("time.ticker ticks until stopped", () => {
    expect(run(`
      local t0 = time.now()
      local ticker = time.ticker("1s")
      local ch = ticker:channel()
      for i = 1, 3 do ch:receive() end
      ticker:stop()
      local r = channel.select { ch:case_receive(), time.after("5s"):case_receive() }
      return { time.now():sub(t0):seconds(), r.channel == ch }`)).toEqual(normal([8, false]));
  });
});

describe("Time values", () => {
  it("now, unix, add, sub, comparisons and formatting", () => {
    expect(run(`
      local t = time.unix(1703862245, 500000000)
      local later = t:add("1h")
      return { t:unix(), t:format_rfc3339(), t:format("2006-01-02 15:04:05.000 Mon Jan"), later:sub(t):hours(),
               t:before(later), later:after(t), t:equal(time.unix(1703862245, 500000000)), t:year(), t:month(), t:day(),
               t:format(time.KITCHEN), t:format(time.RFC3339NANO), tostring(time.unix(0, 0)) }`)).toEqual(
      normal([1703862245, "2023-12-29T15:04:05Z", "2023-12-29 15:04:05.500 Fri Dec", 1, true, true, true, 2023, 12, 29, "3:04PM", "2023-12-29T15:04:05.5Z", "1970-01-01 00:00:00 +0000 UTC"]),
    );
  });

  it("time.now() reads the kernel clock", () => {
    expect(run(`return time.now():unix()`)).toEqual(normal(1_700_000_000));
  });
});
