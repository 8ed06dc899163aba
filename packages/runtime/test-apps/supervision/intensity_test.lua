local tree = require("tree")
local events = require("events")
local time = require("time")

-- Restart intensity: more than `intensity` restarts within `period` and a supervisor stops its
-- children and fails; its parent (`matrix`, one_for_one) restarts it as any other child, so
-- everything under it runs anew.

local function is(kind: string, name: string): (table) -> boolean
    return function(e) return e.kind == kind and e.path == tree.id(name) end
end

local function none_about(got: {table}, name: string, what: string)
    for _, e in ipairs(got) do
        if e.path == tree.id(name) then error(what .. ": unexpected " .. e.kind .. " for " .. name) end
    end
end

-- Crashes the current run of `name` and returns the pid of its next run, once registered.
local function crash_and_wait_restart(name: string): string
    local sub = events.subscribe("supervisor", "service.start")
    tree.trigger(tree.wait(name .. " registered", function() return tree.pid(name) end), "crash")
    local started = tree.next_event(sub, "new run of " .. name, is("service.start", name))
    sub:close()
    tree.wait_registered({ [name] = started.data.pid })
    return started.data.pid
end

-- `limited` allows 2 restarts per 10s: two crashes of its worker are restarted one_for_one
-- (the bystander's run goes on, `limited` reports nothing); the third fails `limited`.
local function intensity_exceeded()
    local children = { "limited_worker", "limited_bystander" }
    local before = {}
    for _, name in ipairs(children) do
        before[name] = tree.wait(name .. " registered", function() return tree.pid(name) end)
    end
    local all = events.subscribe("supervisor")
    crash_and_wait_restart("limited_worker")
    crash_and_wait_restart("limited_worker")
    if tree.pid("limited_bystander") ~= before.limited_bystander then error("limited_bystander was restarted by a one_for_one restart") end
    none_about(tree.drain(all), "limited", "within the intensity")

    local last = tree.pid("limited_worker")
    tree.trigger(last, "crash")
    local failed = tree.next_event(all, "service.failed for limited", is("service.failed", "limited"))
    local message = failed.data.error and failed.data.error.message or ""
    if not message:find("more than 2 restarts", 1, true) then error("limited failed with " .. tostring(message)) end
    local restart = tree.next_event(all, "service.restart for limited", is("service.restart", "limited"))
    if restart.data.cause ~= tree.id("limited") then error("limited restarted for " .. tostring(restart.data.cause)) end
    tree.next_event(all, "service.start for limited", is("service.start", "limited"))
    local after = tree.starts(all, children)
    all:close()
    tree.wait_registered(after)
    if after.limited_worker == last then error("limited_worker kept its pid") end
    if after.limited_bystander == before.limited_bystander then error("limited_bystander survived its supervisor's failure") end
    return true
end

-- `windowed` allows 1 restart per 300ms: crashes further apart than the period are all
-- restarted; two within it fail the supervisor.
local function intensity_window_slides()
    local all = events.subscribe("supervisor")
    crash_and_wait_restart("windowed_worker")
    time.sleep("400ms")
    crash_and_wait_restart("windowed_worker")
    none_about(tree.drain(all), "windowed", "restarts a period apart")

    local pids = tree.escalate("windowed", "windowed_worker", { "windowed_worker" })
    tree.next_event(all, "service.failed for windowed", is("service.failed", "windowed"))
    all:close()
    return pids.windowed_worker ~= nil
end

-- `outer` and `inner` allow no restart at all (intensity 0): a crash of `inner_worker` fails
-- `inner` at once, which fails `outer` at once; `matrix` restarts `outer`, whose new run starts
-- a new `inner` and new workers. Nothing under `outer` is restarted on its own.
local function intensity_zero_escalates_twice()
    local children = { "inner_worker", "outer_worker" }
    local before = {}
    for _, name in ipairs(children) do
        before[name] = tree.wait(name .. " registered", function() return tree.pid(name) end)
    end
    local all = events.subscribe("supervisor")
    tree.trigger(before.inner_worker, "crash")
    tree.next_event(all, "service.failed for inner", is("service.failed", "inner"))
    tree.next_event(all, "service.failed for outer", is("service.failed", "outer"))
    tree.next_event(all, "service.restart for outer", is("service.restart", "outer"))
    local after = tree.starts(all, children)
    time.sleep("50ms")
    local got = tree.drain(all)
    all:close()
    for _, e in ipairs(got) do
        if e.kind == "service.restart" and e.path ~= tree.id("outer") then error("unexpected restart of " .. e.path) end
    end
    tree.wait_registered(after)
    for _, name in ipairs(children) do
        if after[name] == before[name] then error(name .. " kept its pid") end
    end
    return true
end

return {
    intensity_exceeded = intensity_exceeded,
    intensity_window_slides = intensity_window_slides,
    intensity_zero_escalates_twice = intensity_zero_escalates_twice,
}
