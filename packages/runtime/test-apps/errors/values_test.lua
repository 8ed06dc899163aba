local check = require("check")

-- Error objects: errors.new forms, methods, wrap, errors.is, tostring and .., kind constants.

local function kind_constants()
    local expected = {
        NOT_FOUND = "NotFound", ALREADY_EXISTS = "AlreadyExists", INVALID = "Invalid",
        PERMISSION_DENIED = "PermissionDenied", UNAVAILABLE = "Unavailable", INTERNAL = "Internal",
        CANCELED = "Canceled", CONFLICT = "Conflict", TIMEOUT = "Timeout", RATE_LIMITED = "RateLimited",
        UNKNOWN = "",
    }
    for name, kind in pairs(expected) do check.eq(errors[name], kind, "errors." .. name) end
end

local function new_from_string()
    local err = errors.new("something went wrong")
    check.eq(err:message(), "something went wrong", "message")
    check.eq(err:kind(), errors.UNKNOWN, "kind")
    check.truthy(not err:retryable(), "retryable is not true")
    check.eq(type(err:stack()), "string", "stack")
end

local function new_from_table()
    local err = errors.new({ message = "user not found", kind = errors.NOT_FOUND, retryable = false, details = { user_id = 123, tags = { "a" } } })
    check.eq(err:message(), "user not found", "message")
    check.eq(err:kind(), "NotFound", "kind")
    check.eq(err:retryable(), false, "retryable")
    check.eq(err:details().user_id, 123, "details.user_id")
    check.eq(err:details().tags[1], "a", "details.tags[1]")
    local retry = errors.new({ message = "busy", kind = errors.UNAVAILABLE, retryable = true })
    check.eq(retry:retryable(), true, "retryable true")
    check.eq(retry:details(), nil, "no details")
end

local function wrap_keeps_kind_retryable_details()
    local inner = errors.new({ message = "row locked", kind = errors.CONFLICT, retryable = true, details = { table = "users" } })
    local wrapped = errors.wrap(inner, "saving user")
    check.eq(wrapped:kind(), errors.CONFLICT, "kind")
    check.eq(wrapped:retryable(), true, "retryable")
    check.eq(wrapped:details().table, "users", "details")
    check.truthy(wrapped:message():find("saving user", 1, true), "message has the context: " .. wrapped:message())
    check.truthy(tostring(wrapped):find("row locked", 1, true), "text keeps the cause: " .. tostring(wrapped))
    local twice = errors.wrap(wrapped, "handling request")
    check.eq(twice:kind(), errors.CONFLICT, "kind after two wraps")
    check.eq(errors.is(twice, errors.CONFLICT), true, "errors.is after two wraps")
end

local function is_matches_kind()
    local err = errors.new({ message = "bad", kind = errors.INVALID })
    check.eq(errors.is(err, errors.INVALID), true, "is INVALID")
    check.eq(errors.is(err, "Invalid"), true, "is \"Invalid\"")
    check.eq(errors.is(err, errors.NOT_FOUND), false, "is NOT_FOUND")
    check.eq(errors.is(errors.new("plain"), errors.UNKNOWN), true, "a plain error is UNKNOWN")
end

local function tostring_and_concat()
    local err = errors.new({ message = "disk full", kind = errors.UNAVAILABLE })
    check.truthy(tostring(err):find("disk full", 1, true), "tostring: " .. tostring(err))
    local left = "failed: " .. err
    check.truthy(left:find("^failed: ") and left:find("disk full", 1, true), "string .. err: " .. left)
    local right = err .. " (retry later)"
    check.truthy(right:find("disk full", 1, true) and right:find("(retry later)", 1, true), "err .. string: " .. right)
end

-- A raised error object is caught by pcall as the same object.
local function pcall_returns_the_object()
    local ok, caught = pcall(function()
        error(errors.new({ message = "nope", kind = errors.PERMISSION_DENIED, retryable = false }))
    end)
    check.eq(ok, false, "pcall")
    check.eq(type(caught), "userdata", "the caught value is the error object, not a string: " .. tostring(caught))
    check.eq(caught:kind(), errors.PERMISSION_DENIED, "kind")
    check.eq(caught:message(), "nope", "message")
    check.eq(caught:retryable(), false, "retryable")
end

return {
    kind_constants = kind_constants,
    new_from_string = new_from_string,
    new_from_table = new_from_table,
    wrap_keeps_kind_retryable_details = wrap_keeps_kind_retryable_details,
    is_matches_kind = is_matches_kind,
    tostring_and_concat = tostring_and_concat,
    pcall_returns_the_object = pcall_returns_the_object,
}
