local check = require("check")

-- monitor × exit kind: spawn_monitored gets exactly one EXIT {kind = "pid.exit", from,
-- result, at} on every exit — result = {value = v} for a normal exit, {error = e} otherwise.

local CHILD, HOST = "matrix.monitors:child", "matrix.monitors:processes"
local EXIT = process.event.EXIT

local function exit_of(how: string): table
    local child = check.ok(process.spawn_monitored(CHILD, HOST, how))
    if how == "wait" then check.eq(process.terminate(child), true, "terminate") end
    local e = check.event(EXIT, child)
    check.eq(e.kind, "pid.exit", "kind")
    check.eq(e.from, child, "from")
    check.no_event(EXIT, child, "50ms")
    return e.result
end

local function normal(how: string): any
    local result = exit_of(how)
    check.eq(result.error, nil, "result.error of a normal exit")
    return result.value
end

local function failed(how: string): any
    local result = exit_of(how)
    check.eq(result.value, nil, "result.value of an error exit")
    return check.truthy(result.error, "result.error")
end

local function value()
    check.eq(normal("value"), "done", "result.value")
end

local function table_value()
    local v = normal("table")
    check.eq(type(v), "table", "result.value")
    check.eq(v.n, 1, "result.value.n")
    check.eq(#v.list, 2, "#result.value.list")
    check.eq(v.list[2], 2, "result.value.list[2]")
end

local function nothing()
    check.eq(normal("nothing"), nil, "result.value")
end

local function error_return()
    local err = failed("error")
    check.eq(err:kind(), errors.CONFLICT, "error kind")
    check.eq(err:message(), "failed", "error message")
    check.eq(err:retryable(), true, "error retryable")
end

local function raise()
    local err = failed("raise")
    check.eq(err:kind(), errors.INTERNAL, "error kind")
    check.truthy(err:message():find("boom", 1, true), "error message mentions boom: " .. err:message())
end

local function raise_string()
    local err = failed("raise_string")
    check.truthy(tostring(err):find("plain boom", 1, true), "error text mentions plain boom: " .. tostring(err))
end

local function terminate()
    local err = failed("wait")
    check.eq(type(err:kind()), "string", "error kind is a string")
end

-- cancel is cooperative: the child gets CANCEL {kind, from, reason} and returns normally.
local function cancel()
    local child = check.ok(process.spawn_monitored(CHILD, HOST, "cancel"))
    check.eq(process.cancel(child, "enough"), true, "cancel")
    local result = check.event(EXIT, child).result
    check.eq(result.error, nil, "result.error")
    check.eq(result.value.kind, "pid.cancel", "the child saw kind")
    check.eq(result.value.from, process.pid(), "the child saw from")
    check.eq(result.value.reason, "enough", "the child saw reason")
end

return {
    value = value,
    table_value = table_value,
    nothing = nothing,
    error_return = error_return,
    raise = raise,
    raise_string = raise_string,
    terminate = terminate,
    cancel = cancel,
}
