local time = require("time")
local check = require("check")

-- Time values: now():sub() → Duration, add, comparisons, unix, formats, time.unix.

local function now_sub_is_a_duration()
    local t1 = time.now()
    time.sleep("30ms")
    local d = time.now():sub(t1)
    local ms = d:milliseconds()
    check.truthy(ms >= 25 and ms < 2000, "elapsed " .. ms .. " ms")
    check.truthy(math.abs(d:seconds() - ms / 1000) < 1e-6, "seconds agrees with milliseconds")
    check.truthy(math.abs(d:nanoseconds() - ms * 1e6) < 1, "nanoseconds agrees with milliseconds")
end

local function add_and_compare()
    local t = time.now()
    local later = t:add("1h")
    check.eq(later:sub(t):hours(), 1, "add(\"1h\")")
    check.eq(t:add(5 * time.MINUTE):sub(t):minutes(), 5, "add(5 * MINUTE)")
    check.eq(t:add(check.ok(time.parse_duration("90s"))):sub(t):seconds(), 90, "add(Duration)")
    check.eq(later:after(t), true, "later:after(t)")
    check.eq(t:before(later), true, "t:before(later)")
    check.eq(t:after(later), false, "t:after(later)")
    check.eq(t:equal(t:add(0)), true, "t:equal(t + 0)")
    check.eq(later:sub(t):seconds(), -t:sub(later):seconds(), "sub is antisymmetric")
end

local function unix_values()
    local t = time.unix(1703862245, 500000000)
    check.eq(t:unix(), 1703862245, "unix()")
    check.eq(time.unix(1, 123456789):unix_nano(), 1123456789, "unix_nano() keeps nanoseconds")
    check.truthy(math.abs(time.now():unix() - os.time()) <= 2, "now():unix() is the wall clock")
end

local function formats()
    local t = time.unix(1703862245, 0):utc()
    check.eq(t:format_rfc3339(), "2023-12-29T15:04:05Z", "format_rfc3339")
    check.eq(t:format("2006-01-02 15:04:05"), "2023-12-29 15:04:05", "format(layout)")
    check.eq(t:format(time.RFC3339), "2023-12-29T15:04:05Z", "format(time.RFC3339)")
end

return {
    now_sub_is_a_duration = now_sub_is_a_duration,
    add_and_compare = add_and_compare,
    unix_values = unix_values,
    formats = formats,
}
