-- Assertions for the concept-matrix tests. Each one raises (at the caller's line) with what was
-- expected and what came instead, so `wippy test` prints a useful line.
local time = require("time")

local check = {}

local function show(v: any): string
    if type(v) == "string" then return string.format("%q", v) end
    return tostring(v)
end

function check.eq(actual: any, expected: any, what: string)
    if actual ~= expected then
        error(string.format("%s: expected %s, got %s", what, show(expected), show(actual)), 2)
    end
    return actual
end

function check.truthy(value: any, what: string)
    if not value then error(what .. ": expected a true value, got " .. show(value), 2) end
    return value
end

-- `value, err` of a call that must succeed: returns value.
function check.ok(value: any, err: any)
    if value == nil or value == false then error("call failed: " .. show(err), 2) end
    return value
end

-- `value, err` of a call that must fail with `kind`: returns err.
function check.fails(kind: string, what: string, value: any, err: any)
    if value ~= nil then error(what .. ": expected nil, " .. kind .. "; got " .. show(value), 2) end
    if err == nil then error(what .. ": expected an error of kind " .. kind .. ", got none", 2) end
    if err:kind() ~= kind then
        error(string.format("%s: expected kind %q, got %q (%s)", what, kind, err:kind(), tostring(err)), 2)
    end
    return err
end

-- The next value on `ch` within `timeout`, or nil, false.
function check.within(ch: any, timeout: string): (any, boolean)
    local r = channel.select { ch:case_receive(), time.after(timeout):case_receive() }
    if r.channel == ch then return r.value, true end
    return nil, false
end

local function check_shape(e: table, level: number)
    for key in pairs(e) do
        if key ~= "kind" and key ~= "from" and key ~= "result" and key ~= "at" and key ~= "reason" then
            error("event has an unexpected field " .. show(key), level + 1)
        end
    end
    if type(e.result) ~= "table" then error(e.kind .. ": result is " .. show(e.result) .. ", not a table", level + 1) end
    if e.at == nil or e.at:unix() < 1600000000 then error(e.kind .. ": at is not a current Time: " .. show(e.at), level + 1) end
end

-- Waits for every event in `wanted` ({{kind, from}, ...}), in any order, ignoring others;
-- checks each has the shape {kind, from, result = {value, error}, at}. Returns them in the
-- order of `wanted`.
function check.events(wanted: {any}, timeout: string?): {table}
    local deadline = time.after(timeout or "3s")
    local events = process.events()
    local found, missing = {}, #wanted
    while missing > 0 do
        local r = channel.select { events:case_receive(), deadline:case_receive() }
        if r.channel ~= events then
            local names = {}
            for i, w in ipairs(wanted) do
                if not found[i] then names[#names + 1] = w[1] .. " from " .. w[2] end
            end
            error("within " .. (timeout or "3s") .. " no " .. table.concat(names, ", "), 2)
        end
        local e = r.value
        for i, w in ipairs(wanted) do
            if not found[i] and e.kind == w[1] and e.from == w[2] then
                check_shape(e, 2)
                found[i] = e
                missing = missing - 1
                break
            end
        end
    end
    return found
end

-- Waits for the event `kind` from `from` (see check.events).
function check.event(kind: string, from: string, timeout: string?): table
    local ok, found = pcall(check.events, { { kind, from } }, timeout)
    if not ok then error(found, 2) end
    return found[1]
end

-- No event of `kind` (from `from`, when given) arrives within `timeout`.
function check.no_event(kind: string, from: string?, timeout: string)
    local deadline = time.after(timeout)
    local events = process.events()
    while true do
        local r = channel.select { events:case_receive(), deadline:case_receive() }
        if r.channel ~= events then return end
        local e = r.value
        if e.kind == kind and (from == nil or e.from == from) then
            error("unexpected " .. kind .. " from " .. e.from .. ": " .. show(e.result and (e.result.error or e.result.value)), 2)
        end
    end
end

return check
