local check = require("check")

-- The monitor calls: monitor a running process, twice (AlreadyExists), unmonitor, by name,
-- and one-way-ness.

local CHILD, WATCHER, HOST = "matrix.monitors:child", "matrix.monitors:watcher", "matrix.monitors:processes"
local EXIT = process.event.EXIT

local function monitor_running()
    local child = check.ok(process.spawn(CHILD, HOST, "wait"))
    check.eq(process.monitor(child), true, "monitor")
    check.eq(process.send(child, "release"), true, "send")
    check.eq(check.event(EXIT, child).result.value, "released", "result.value")
end

local function second_monitor_already_exists()
    local child = check.ok(process.spawn_monitored(CHILD, HOST, "wait"))
    check.fails(errors.ALREADY_EXISTS, "monitor after spawn_monitored", process.monitor(child))
    local other = check.ok(process.spawn(CHILD, HOST, "wait"))
    check.eq(process.monitor(other), true, "first monitor")
    check.fails(errors.ALREADY_EXISTS, "second monitor", process.monitor(other))
    -- Still exactly one EXIT each.
    process.terminate(child)
    process.terminate(other)
    check.events({ { EXIT, child }, { EXIT, other } })
    check.no_event(EXIT, nil, "100ms")
end

local function unmonitor_stops_delivery()
    local child = check.ok(process.spawn_monitored(CHILD, HOST, "wait"))
    check.eq(process.unmonitor(child), true, "unmonitor")
    check.eq(process.terminate(child), true, "terminate")
    check.no_event(EXIT, child, "300ms")
end

local function monitor_again_after_unmonitor()
    local child = check.ok(process.spawn_monitored(CHILD, HOST, "wait"))
    check.eq(process.unmonitor(child), true, "unmonitor")
    check.eq(process.monitor(child), true, "monitor again")
    check.eq(process.send(child, "release"), true, "send")
    check.eq(check.event(EXIT, child).result.value, "released", "result.value")
end

-- A name is a destination: EXIT still comes from the pid.
local function monitor_by_name()
    local child = check.ok(process.spawn(CHILD, HOST, "wait"))
    check.eq(process.registry.register("monitored_worker", child), true, "register")
    check.eq(process.monitor("monitored_worker"), true, "monitor by name")
    check.eq(process.send("monitored_worker", "release"), true, "send by name")
    local e = check.event(EXIT, child)
    check.eq(e.from, child, "from is the pid")
    check.eq(e.result.value, "released", "result.value")
end

-- The monitoring process fails; the monitored one does not notice.
local function monitor_is_one_way()
    local target = check.ok(process.spawn_monitored(CHILD, HOST, "wait"))
    local watching = process.listen("watching")
    local watcher = check.ok(process.spawn_monitored(WATCHER, HOST, target, process.pid()))
    check.ok(check.within(watching, "2s"))
    check.truthy(check.event(EXIT, watcher).result.error, "the watcher failed")
    check.no_event(EXIT, target, "200ms")
    check.eq(process.send(target, "release"), true, "send")
    check.eq(check.event(EXIT, target).result.value, "released", "the target lived on")
end

return {
    monitor_running = monitor_running,
    second_monitor_already_exists = second_monitor_already_exists,
    unmonitor_stops_delivery = unmonitor_stops_delivery,
    monitor_again_after_unmonitor = monitor_again_after_unmonitor,
    monitor_by_name = monitor_by_name,
    monitor_is_one_way = monitor_is_one_way,
}
