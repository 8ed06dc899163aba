local time = require("time")
local check = require("check")

-- The process's own channels: inbox, listen, events — Message objects, routing by topic,
-- ordering — and coroutines ending with their process.

local HOST = "matrix.channels:processes"

local function same_channel_every_time()
    check.eq(process.listen("t") == process.listen("t"), true, "listen(t) == listen(t)")
    check.eq(process.listen("t") == process.listen("u"), false, "listen(t) == listen(u)")
    check.eq(process.inbox() == process.inbox(), true, "inbox() == inbox()")
    check.eq(process.events() == process.events(), true, "events() == events()")
end

local function message_objects()
    process.send(process.pid(), "greet", { name = "ada" })
    local msg = check.ok(check.within(process.inbox(), "1s"))
    check.eq(msg:topic(), "greet", "topic")
    check.eq(msg:from(), process.pid(), "from")
    check.eq(msg:payload():data().name, "ada", "payload():data()")
    process.send(process.pid(), "empty")
    check.eq(check.within(process.inbox(), "1s"):payload():data(), nil, "no payload → data() is nil")
    process.send(process.pid(), "several", 1, "two")
    local payloads = check.within(process.inbox(), "1s"):payload()
    check.eq(#payloads, 2, "several payloads")
    check.eq(payloads[2]:data(), "two", "second payload")
end

local function listen_routes_by_topic()
    local raw = process.listen("raw")
    local msgs = process.listen("msgs", { message = true })
    process.send(process.pid(), "other", "o")
    process.send(process.pid(), "msgs", "m")
    process.send(process.pid(), "raw", { a = 1 })
    check.eq(check.within(raw, "1s").a, 1, "raw payload data by default")
    local m = check.within(msgs, "1s")
    check.eq(m:topic(), "msgs", "Message with {message = true}")
    check.eq(m:payload():data(), "m", "its payload")
    check.eq(check.within(process.inbox(), "1s"):topic(), "other", "other topics go to the inbox")
    check.eq(process.unlisten(raw), true, "unlisten")
    process.send(process.pid(), "raw", 2)
    check.eq(check.within(process.inbox(), "1s"):topic(), "raw", "after unlisten the topic goes to the inbox")
    check.fails(errors.INVALID, "listen to an @ topic", process.listen("@inbox"))
end

local function one_sender_in_order()
    local n = 200
    local numbers = process.listen("n")
    check.ok(process.spawn("matrix.channels:sender", HOST, process.pid(), n, "n"))
    for i = 1, n do
        local v, ok = check.within(numbers, "2s")
        check.truthy(ok, "message " .. i .. " arrived")
        check.eq(v, i, "message " .. i)
    end
end

local function coroutines_end_with_process()
    local ticks = process.listen("tick")
    local child = check.ok(process.spawn_monitored("matrix.channels:spinner", HOST, process.pid()))
    check.eq(check.event(process.event.EXIT, child).result.value, "done", "the spinner returned")
    while true do
        local r = channel.select { ticks:case_receive(), default = true }
        if r.default then break end
    end
    local _, late = check.within(ticks, "100ms")
    check.eq(late, false, "a tick arrived after the process ended")
end

return {
    same_channel_every_time = same_channel_every_time,
    message_objects = message_objects,
    listen_routes_by_topic = listen_routes_by_topic,
    one_sender_in_order = one_sender_in_order,
    coroutines_end_with_process = coroutines_end_with_process,
}
