local check = require("check")

-- Names and pids as destinations: send, terminate, cancel, link; and the errors of send
-- (unknown name, dead pid, @ topics).

local CHILD, HOST = "matrix.names:child", "matrix.names:processes"
local EXIT = process.event.EXIT

local function echo_named(name: string): string
    local child = check.ok(process.spawn_monitored(CHILD, HOST, "echo"))
    check.eq(process.registry.register(name, child), true, "register")
    return child
end

local function send_to_name()
    local child = echo_named("echo")
    local pongs = process.listen("pong", { message = true })
    check.eq(process.send("echo", "ping", 42), true, "send to a name")
    local msg = check.ok(check.within(pongs, "2s"))
    check.eq(msg:payload():data(), 42, "reply payload")
    check.eq(msg:from(), child, "the reply comes from the pid")
    process.send("echo", "stop")
    check.event(EXIT, child)
end

local function send_to_unknown_name()
    check.fails(errors.NOT_FOUND, "send to an unknown name", process.send("nobody_at_all", "ping", 1))
end

local function send_to_dead_pid()
    local child = check.ok(process.spawn_monitored(CHILD, HOST, "quick"))
    check.event(EXIT, child)
    local ok, err = process.send(child, "ping", 1)
    check.eq(ok, nil, "send to a dead pid")
    check.truthy(err, "an error")
    check.truthy(tostring(err):find("not found", 1, true), "error text contains \"not found\": " .. tostring(err))
end

local function send_at_topic_invalid()
    echo_named("echo_at")
    check.fails(errors.INVALID, "send @ topic to myself", process.send(process.pid(), "@inbox", 1))
    check.fails(errors.INVALID, "send @ topic to a name", process.send("echo_at", "@events", 1))
    local r = channel.select { process.inbox():case_receive(), default = true }
    check.eq(r.default, true, "nothing was delivered")
    process.send("echo_at", "stop")
end

local function terminate_by_name()
    local child = echo_named("to_terminate")
    check.eq(process.terminate("to_terminate"), true, "terminate by name")
    check.truthy(check.event(EXIT, child).result.error, "terminated with an error")
end

local function cancel_by_name()
    local child = check.ok(process.spawn_monitored(CHILD, HOST, "cancel"))
    check.eq(process.registry.register("to_cancel", child), true, "register")
    check.eq(process.cancel("to_cancel", "by name"), true, "cancel by name")
    check.eq(check.event(EXIT, child).result.value, "by name", "the child saw the reason")
end

local function link_by_name()
    check.eq(process.set_options({ trap_links = true }), true, "trap links")
    local child = echo_named("to_link")
    check.eq(process.link("to_link"), true, "link by name")
    process.terminate(child)
    check.truthy(check.event(process.event.LINK_DOWN, child).result.error, "LINK_DOWN from the pid")
end

return {
    send_to_name = send_to_name,
    send_to_unknown_name = send_to_unknown_name,
    send_to_dead_pid = send_to_dead_pid,
    send_at_topic_invalid = send_at_topic_invalid,
    terminate_by_name = terminate_by_name,
    cancel_by_name = cancel_by_name,
    link_by_name = link_by_name,
}
