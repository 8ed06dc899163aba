local check = require("check")

-- link × trap_links = true × exit kind. The test process itself traps links and links to a
-- child: an error exit (returned error, raise, terminate) arrives as LINK_DOWN
-- {kind = "pid.link.down", from, result = {error}, at} on process.events(); a normal exit
-- sends nothing.

local CHILD, HOST = "matrix.links:child", "matrix.links:processes"

local function linked_child(how: string): string
    check.eq(process.set_options({ trap_links = true }), true, "set_options")
    return check.ok(process.spawn_linked(CHILD, HOST, how))
end

local function link_down_error(child: string)
    local e = check.event(process.event.LINK_DOWN, child)
    check.eq(e.kind, "pid.link.down", "kind")
    check.eq(e.result.value, nil, "result.value")
    return check.truthy(e.result.error, "result.error")
end

local function value()
    local child = linked_child("value")
    check.no_event(process.event.LINK_DOWN, child, "300ms")
end

local function error_return()
    local err = link_down_error(linked_child("error"))
    check.eq(err:kind(), errors.CONFLICT, "error kind")
    check.eq(err:message(), "failed", "error message")
    check.eq(err:retryable(), true, "error retryable")
end

local function raise()
    local err = link_down_error(linked_child("raise"))
    check.eq(err:kind(), errors.INTERNAL, "error kind")
    check.truthy(err:message():find("boom", 1, true), "error message mentions boom: " .. err:message())
end

local function terminate()
    local child = linked_child("wait")
    check.eq(process.terminate(child), true, "terminate")
    local err = link_down_error(child)
    check.eq(type(err:kind()), "string", "error kind is a string")
end

-- get_options reflects set_options; trap_links starts false; the event kind constants.
local function options()
    check.eq(process.get_options().trap_links, false, "trap_links by default")
    check.eq(process.set_options({ trap_links = true }), true, "set_options true")
    check.eq(process.get_options().trap_links, true, "trap_links after set")
    check.eq(process.set_options({ trap_links = false }), true, "set_options false")
    check.eq(process.get_options().trap_links, false, "trap_links after reset")
    check.eq(process.event.EXIT, "pid.exit", "process.event.EXIT")
    check.eq(process.event.LINK_DOWN, "pid.link.down", "process.event.LINK_DOWN")
    check.eq(process.event.CANCEL, "pid.cancel", "process.event.CANCEL")
end

return { value = value, error_return = error_return, raise = raise, terminate = terminate, options = options }
