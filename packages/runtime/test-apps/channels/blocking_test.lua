local time = require("time")
local check = require("check")

-- Unbuffered and buffered channels: who blocks, and when. Senders run in coroutine.spawn
-- coroutines of the test process; `time.sleep` gives them their turn.

local function settle() time.sleep("20ms") end

local function unbuffered_send_blocks_until_taken()
    local ch = channel.new()
    local log = {}
    coroutine.spawn(function()
        log[#log + 1] = "sending"
        ch:send("v")
        log[#log + 1] = "sent"
    end)
    settle()
    check.eq(table.concat(log, ","), "sending", "the sender waits for a receiver")
    local v, ok = ch:receive()
    check.eq(v, "v", "value")
    check.eq(ok, true, "ok")
    settle()
    check.eq(table.concat(log, ","), "sending,sent", "the sender went on once taken")
end

local function unbuffered_receive_blocks_until_sent()
    local ch = channel.new(0)
    local started = time.now()
    coroutine.spawn(function()
        time.sleep("30ms")
        ch:send(7)
    end)
    local v, ok = ch:receive()
    check.eq(v, 7, "value")
    check.eq(ok, true, "ok")
    check.truthy(time.now():sub(started):milliseconds() >= 25, "receive waited for the send")
end

local function unbuffered_has_no_room()
    local ch = channel.new()
    local r = channel.select { ch:case_send(1), default = true }
    check.eq(r.default, true, "a send with no receiver is not ready")
end

local function buffered_blocks_when_full()
    local ch = channel.new(2)
    ch:send(1)
    ch:send(2)
    local r = channel.select { ch:case_send(3), default = true }
    check.eq(r.default, true, "a send to a full channel is not ready")
    local log = {}
    coroutine.spawn(function()
        ch:send(3)
        log[#log + 1] = "sent 3"
    end)
    settle()
    check.eq(#log, 0, "the third send waits for room")
    check.eq(ch:receive(), 1, "first value")
    settle()
    check.eq(log[1], "sent 3", "the third send went on once there was room")
    check.eq(ch:receive(), 2, "second value")
    check.eq(ch:receive(), 3, "third value")
end

local function buffered_fifo()
    local ch = channel.new(10)
    for i = 1, 10 do ch:send(i) end
    for i = 1, 10 do check.eq(ch:receive(), i, "value " .. i) end
end

local function values_keep_their_type()
    local ch = channel.new(5)
    ch:send("s")
    ch:send(1.5)
    ch:send(false)
    ch:send({ a = { 1, 2 } })
    check.eq(ch:receive(), "s", "string")
    check.eq(ch:receive(), 1.5, "number")
    local b, ok = ch:receive()
    check.eq(b, false, "false is a value")
    check.eq(ok, true, "ok with false")
    check.eq(ch:receive().a[2], 2, "table")
end

return {
    unbuffered_send_blocks_until_taken = unbuffered_send_blocks_until_taken,
    unbuffered_receive_blocks_until_sent = unbuffered_receive_blocks_until_sent,
    unbuffered_has_no_room = unbuffered_has_no_room,
    buffered_blocks_when_full = buffered_blocks_when_full,
    buffered_fifo = buffered_fifo,
    values_keep_their_type = values_keep_their_type,
}
