local time = require("time")
local check = require("check")

-- Closed channels: close is idempotent, receive drains then gives nil, false, send raises,
-- and closing wakes whoever waits.

local function settle() time.sleep("20ms") end

local function close_idempotent()
    local ch = channel.new(1)
    ch:close()
    local ok, err = pcall(function() ch:close() end)
    check.eq(ok, true, "second close does not raise: " .. tostring(err))
end

local function receive_closed_drained()
    local ch = channel.new(2)
    ch:send("a")
    ch:send("b")
    ch:close()
    local v, ok = ch:receive()
    check.eq(v, "a", "first buffered value after close")
    check.eq(ok, true, "ok")
    v, ok = ch:receive()
    check.eq(v, "b", "second buffered value after close")
    v, ok = ch:receive()
    check.eq(v, nil, "value once drained")
    check.eq(ok, false, "ok once drained")
    v, ok = ch:receive()
    check.eq(ok, false, "ok stays false")
end

local function receive_closed_unbuffered()
    local ch = channel.new()
    ch:close()
    local v, ok = ch:receive()
    check.eq(v, nil, "value")
    check.eq(ok, false, "ok")
end

local function send_on_closed_raises()
    for _, size in ipairs({ 0, 3 }) do
        local ch = channel.new(size)
        ch:close()
        local ok = pcall(function() ch:send(1) end)
        check.eq(ok, false, "send on a closed channel (size " .. size .. ") raises")
    end
end

local function close_wakes_receivers()
    local ch = channel.new()
    local got = {}
    for i = 1, 2 do
        coroutine.spawn(function()
            local v, ok = ch:receive()
            got[i] = { v = v, ok = ok }
        end)
    end
    settle()
    ch:close()
    settle()
    for i = 1, 2 do
        check.truthy(got[i], "receiver " .. i .. " woke")
        check.eq(got[i].v, nil, "receiver " .. i .. " value")
        check.eq(got[i].ok, false, "receiver " .. i .. " ok")
    end
end

local function close_fails_pending_sender()
    local ch = channel.new()
    local outcome = nil
    coroutine.spawn(function()
        local ok = pcall(function() ch:send(1) end)
        outcome = ok
    end)
    settle()
    ch:close()
    settle()
    check.eq(outcome, false, "the waiting sender raised")
end

local function select_on_closed()
    local ch = channel.new()
    ch:close()
    local r = channel.select { ch:case_receive() }
    check.eq(r.channel, ch, "channel")
    check.eq(r.value, nil, "value")
    check.eq(r.ok, false, "ok")
end

return {
    close_idempotent = close_idempotent,
    receive_closed_drained = receive_closed_drained,
    receive_closed_unbuffered = receive_closed_unbuffered,
    send_on_closed_raises = send_on_closed_raises,
    close_wakes_receivers = close_wakes_receivers,
    close_fails_pending_sender = close_fails_pending_sender,
    select_on_closed = select_on_closed,
}
