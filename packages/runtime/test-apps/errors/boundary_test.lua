local check = require("check")

-- An error crossing a process boundary (the EXIT result of a monitored child) keeps its kind
-- and retryable flag, whether it was raised, returned, or wrapped first.

local function child_error(how: string): any
    local child = check.ok(process.spawn_monitored("matrix.errors:child", "matrix.errors:processes", how))
    local result = check.event(process.event.EXIT, child).result
    check.eq(result.value, nil, "result.value")
    local err = check.truthy(result.error, "result.error")
    check.eq(err:kind(), errors.CONFLICT, "kind")
    check.eq(err:retryable(), true, "retryable")
    check.eq(errors.is(err, errors.CONFLICT), true, "errors.is")
    check.truthy(tostring(err):find("stock is gone", 1, true), "text: " .. tostring(err))
    return err
end

local function raised() child_error("raise") end
local function returned() child_error("return") end

local function raised_wrapped()
    local err = child_error("raise_wrapped")
    check.truthy(err:message():find("reserving", 1, true), "the wrap context: " .. err:message())
end

return { raised = raised, returned = returned, raised_wrapped = raised_wrapped }
