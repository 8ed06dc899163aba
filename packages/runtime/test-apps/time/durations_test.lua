local time = require("time")
local check = require("check")

-- Durations: Go-style strings, numbers in nanoseconds, Duration objects; the unit constants;
-- parse_duration; Duration methods; bad and non-positive durations are Invalid.

local function elapsed_ms(since: any): number
    return time.now():sub(since):milliseconds()
end

local function constants()
    check.eq(time.NANOSECOND, 1, "NANOSECOND")
    check.eq(time.MICROSECOND, 1000, "MICROSECOND")
    check.eq(time.MILLISECOND, 1000000, "MILLISECOND")
    check.eq(time.SECOND, 1000000000, "SECOND")
    check.eq(time.MINUTE, 60 * time.SECOND, "MINUTE")
    check.eq(time.HOUR, 60 * time.MINUTE, "HOUR")
    check.eq(5 * time.MINUTE, 300000000000, "5 * MINUTE does not overflow")
end

local function parse_strings()
    local cases = {
        { "1h30m", "minutes", 90 },
        { "500ms", "milliseconds", 500 },
        { "1.5s", "milliseconds", 1500 },
        { "2h45m30s", "seconds", 9930 },
        { "250us", "microseconds", 250 },
        { "42ns", "nanoseconds", 42 },
        { "1h", "hours", 1 },
        { "-1s", "seconds", -1 },
    }
    for _, c in ipairs(cases) do
        local d, err = time.parse_duration(c[1])
        check.truthy(d, "parse_duration(" .. c[1] .. "): " .. tostring(err))
        check.eq(d[c[2]](d), c[3], c[1] .. ":" .. c[2] .. "()")
    end
end

local function parse_numbers_are_nanoseconds()
    local d = check.ok(time.parse_duration(5 * time.SECOND))
    check.eq(d:seconds(), 5, "5 * SECOND")
    d = check.ok(time.parse_duration(1500000))
    check.eq(d:milliseconds(), 1.5, "1500000 ns")
end

local function duration_methods()
    local d = check.ok(time.parse_duration("1h30m45s500ms"))
    check.eq(d:nanoseconds(), 5445500000000, "nanoseconds")
    check.eq(d:microseconds(), 5445500000, "microseconds")
    check.eq(d:milliseconds(), 5445500, "milliseconds")
    check.eq(d:seconds(), 5445.5, "seconds")
    check.truthy(math.abs(d:minutes() - 90.758333) < 1e-5, "minutes: " .. d:minutes())
    check.truthy(math.abs(d:hours() - 1.512638) < 1e-5, "hours: " .. d:hours())
end

local function invalid_strings()
    for _, bad in ipairs({ "bogus", "", "5", "1x", "h1", "1.2.3s" }) do
        check.fails(errors.INVALID, "parse_duration(" .. string.format("%q", bad) .. ")", time.parse_duration(bad))
        check.fails(errors.INVALID, "time.after(" .. string.format("%q", bad) .. ")", time.after(bad))
    end
end

local function non_positive_is_invalid()
    for _, d in ipairs({ 0, -1, "0s", "-5ms", -time.SECOND }) do
        local what = "(" .. tostring(d) .. ")"
        check.fails(errors.INVALID, "time.after" .. what, time.after(d))
        check.fails(errors.INVALID, "time.timer" .. what, time.timer(d))
        check.fails(errors.INVALID, "time.ticker" .. what, time.ticker(d))
    end
end

local function after_accepts_every_form()
    local forms = { "20ms", 20 * time.MILLISECOND, 20000000, check.ok(time.parse_duration("20ms")) }
    for i, d in ipairs(forms) do
        local started = time.now()
        local ch = check.ok(time.after(d))
        local v, ok = check.within(ch, "2s")
        check.truthy(ok, "form " .. i .. " fired")
        check.truthy(v:unix() > 1600000000, "form " .. i .. " delivers the Time")
        check.truthy(elapsed_ms(started) >= 15, "form " .. i .. " waited about 20 ms, not " .. elapsed_ms(started))
    end
end

local function sleep_accepts_every_form()
    for i, d in ipairs({ "20ms", 20 * time.MILLISECOND }) do
        local started = time.now()
        time.sleep(d)
        local ms = elapsed_ms(started)
        check.truthy(ms >= 15 and ms < 2000, "sleep form " .. i .. " took " .. ms .. " ms")
    end
end

return {
    constants = constants,
    parse_strings = parse_strings,
    parse_numbers_are_nanoseconds = parse_numbers_are_nanoseconds,
    duration_methods = duration_methods,
    invalid_strings = invalid_strings,
    non_positive_is_invalid = non_positive_is_invalid,
    after_accepts_every_form = after_accepts_every_form,
    sleep_accepts_every_form = sleep_accepts_every_form,
}
