local check = require("check")

-- link × trap_links = false × exit kind. A helper `observer` (not trapping links) links to a
-- child that ends one way; the test monitors the observer: an error exit of the child kills
-- the observer with an error, a normal exit leaves it alive.

local OBSERVER, HOST = "matrix.links:observer", "matrix.links:processes"

local function observe(how: string): (table, string)
    local reports = process.listen("child")
    local observer = check.ok(process.spawn_monitored(OBSERVER, HOST, how, process.pid()))
    if how == "terminate" then
        local child = check.ok(check.within(reports, "2s"))
        check.eq(process.terminate(child), true, "terminate the child")
    end
    return check.event(process.event.EXIT, observer).result, observer
end

local function killed(how: string)
    local result = observe(how)
    check.eq(result.value, nil, "the observer's value (it must not return)")
    local err = check.truthy(result.error, "the observer was killed with an error")
    check.truthy(tostring(err) ~= "", "the kill error has a text")
end

local function value()
    local result = observe("value")
    check.eq(result.error, nil, "the observer's error")
    check.eq(type(result.value), "table", "the observer returned")
    check.eq(result.value.survived, true, "the observer survived")
    check.eq(result.value.trap_links, false, "the observer did not trap links")
end

local function error_return() killed("error") end
local function raise() killed("raise") end
local function terminate() killed("terminate") end

return { value = value, error_return = error_return, raise = raise, terminate = terminate }
