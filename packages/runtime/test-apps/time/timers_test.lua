local time = require("time")
local check = require("check")

-- time.timer (:channel / :response, :stop, :reset) and time.ticker (:channel, :stop).

local function timer_fires_once()
    local t = check.ok(time.timer("20ms"))
    local v, ok = check.within(t:channel(), "2s")
    check.truthy(ok, "the timer fired")
    check.truthy(v:unix() > 1600000000, "it delivers the Time")
    local _, again = check.within(t:response(), "60ms")
    check.eq(again, false, "a timer fires once")
end

local function timer_stop()
    local t = check.ok(time.timer("30ms"))
    check.eq(t:stop(), true, "stop before it fired")
    local _, ok = check.within(t:channel(), "80ms")
    check.eq(ok, false, "a stopped timer does not fire")
end

local function timer_stop_after_fired()
    local t = check.ok(time.timer("10ms"))
    check.ok(check.within(t:channel(), "2s"))
    check.eq(t:stop(), false, "stop after it fired")
end

local function timer_reset()
    local t = check.ok(time.timer("10s"))
    local started = time.now()
    t:reset("20ms")
    local _, ok = check.within(t:channel(), "2s")
    check.truthy(ok, "the reset timer fired")
    check.truthy(time.now():sub(started):milliseconds() < 1000, "at the new duration")
end

local function timer_reset_after_stop()
    local t = check.ok(time.timer("20ms"))
    t:stop()
    t:reset(15 * time.MILLISECOND)
    local _, ok = check.within(t:channel(), "2s")
    check.truthy(ok, "a stopped timer fires again after reset")
end

local function ticker_ticks_until_stopped()
    local tk = check.ok(time.ticker("10ms"))
    local ch = tk:channel()
    local last = nil
    for i = 1, 3 do
        local v, ok = check.within(ch, "2s")
        check.truthy(ok, "tick " .. i)
        if last then check.truthy(v:after(last), "tick " .. i .. " is later than the one before") end
        last = v
    end
    tk:stop()
    while channel.select({ ch:case_receive(), default = true }).default ~= true do end
    local _, late = check.within(ch, "60ms")
    check.eq(late, false, "no tick after stop")
end

local function ticker_number_duration()
    local tk = check.ok(time.ticker(10 * time.MILLISECOND))
    check.ok(check.within(tk:channel(), "2s"))
    tk:stop()
end

return {
    timer_fires_once = timer_fires_once,
    timer_stop = timer_stop,
    timer_stop_after_fired = timer_stop_after_fired,
    timer_reset = timer_reset,
    timer_reset_after_stop = timer_reset_after_stop,
    ticker_ticks_until_stopped = ticker_ticks_until_stopped,
    ticker_number_duration = ticker_number_duration,
}
