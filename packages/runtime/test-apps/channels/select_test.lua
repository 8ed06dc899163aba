local time = require("time")
local check = require("check")

-- channel.select with and without default: {channel, value, ok}, {default = true, ok = true},
-- channel identity, send cases.

local function without_default_waits()
    local a, b = channel.new(), channel.new()
    coroutine.spawn(function()
        time.sleep("20ms")
        b:send("from b")
    end)
    local r = channel.select { a:case_receive(), b:case_receive() }
    check.eq(r.channel == b, true, "r.channel == b")
    check.eq(r.channel == a, false, "r.channel == a")
    check.eq(r.value, "from b", "value")
    check.eq(r.ok, true, "ok")
    check.eq(r.default, nil, "default")
end

local function default_when_nothing_ready()
    local a, b = channel.new(), channel.new(1)
    local r = channel.select { a:case_receive(), b:case_receive(), default = true }
    check.eq(r.default, true, "default")
    check.eq(r.ok, true, "ok")
    check.eq(r.channel, nil, "channel")
    check.eq(r.value, nil, "value")
end

local function default_not_taken_when_ready()
    local a, b = channel.new(1), channel.new(1)
    b:send(5)
    local r = channel.select { a:case_receive(), b:case_receive(), default = true }
    check.truthy(not r.default, "default not taken")
    check.eq(r.channel == b, true, "r.channel == b")
    check.eq(r.value, 5, "value")
    check.eq(r.ok, true, "ok")
end

local function identity_among_many()
    local chans = { channel.new(1), channel.new(1), channel.new(1) }
    chans[3]:send("x")
    local r = channel.select { chans[1]:case_receive(), chans[2]:case_receive(), chans[3]:case_receive() }
    for i = 1, 3 do check.eq(r.channel == chans[i], i == 3, "r.channel == chans[" .. i .. "]") end
end

local function case_send_buffered()
    local ch = channel.new(1)
    local r = channel.select { ch:case_send("sent by select") }
    check.eq(r.channel == ch, true, "r.channel == ch")
    check.eq(ch:receive(), "sent by select", "the value arrived")
end

local function case_send_unbuffered_to_receiver()
    local ch = channel.new()
    local got = nil
    coroutine.spawn(function() got = ch:receive() end)
    local other = channel.new()
    local r = channel.select { other:case_receive(), ch:case_send("hand over") }
    check.eq(r.channel == ch, true, "the send case completed")
    time.sleep("10ms")
    check.eq(got, "hand over", "the receiver got the value")
end

local function timeout_with_time_after()
    local ch = channel.new()
    local timeout = time.after("20ms")
    local r = channel.select { ch:case_receive(), timeout:case_receive() }
    check.eq(r.channel == timeout, true, "the timer won")
    check.eq(r.ok, true, "ok")
end

return {
    without_default_waits = without_default_waits,
    default_when_nothing_ready = default_when_nothing_ready,
    default_not_taken_when_ready = default_not_taken_when_ready,
    identity_among_many = identity_among_many,
    case_send_buffered = case_send_buffered,
    case_send_unbuffered_to_receiver = case_send_unbuffered_to_receiver,
    timeout_with_time_after = timeout_with_time_after,
}
