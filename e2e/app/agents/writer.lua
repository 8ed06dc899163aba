local registry = require("registry")
local events = require("events")
local funcs = require("funcs")
local logger = require("logger")

local TOOLS = "agents.tools"

local function describe(err): string
    if err == nil then return "no error" end
    return err:kind() .. ": " .. err:message()
end

-- What the agent's scope does not allow, each tried once and logged (the spec asserts them).
local function try_forbidden(fn, name: string)
    local _, apply_err = registry.snapshot():changes():create(fn):apply()
    logger:info("apply refused: " .. describe(apply_err))
    local elsewhere = { id = "shop:" .. name, kind = fn.kind, meta = fn.meta, data = fn.data }
    local _, other_err = registry.snapshot():changes():create(elsewhere):propose("outside my namespace")
    logger:info("proposing outside " .. TOOLS .. " refused: " .. describe(other_err))
end

-- Waits for the outcome of change request `id` (or a CANCEL of this process); nil when canceled.
local function outcome_of(outcomes, id: string)
    local own = process.events()
    while true do
        local r = channel.select { outcomes:channel():case_receive(), own:case_receive() }
        if r.channel == own then
            if r.value.kind == process.event.CANCEL then return nil end
        elseif r.value.path == id and r.value.kind ~= "open" then
            return r.value
        end
    end
end

local function improve(request): boolean
    local name, expression = tostring(request.name), tostring(request.expression)
    local id = TOOLS .. ":" .. name
    local fn = {
        id = id,
        kind = "function.lua",
        meta = { description = "f(x) = " .. expression .. ", written by agents:writer" },
        data = { source = "-- written by agents:writer\nreturn function(x)\n    return " .. expression .. "\nend\n" },
    }
    try_forbidden(fn, name)
    -- Subscribed before proposing, so the outcome cannot come before we listen.
    local outcomes = events.subscribe("registry.change_request")
    local req, err = registry.snapshot():changes():create(fn):propose("add " .. id .. "(x) = " .. expression)
    if not req then
        logger:error("propose failed: " .. describe(err))
        outcomes:close()
        return true
    end
    logger:info("proposed change request #" .. req.id .. " for " .. id .. " (" .. req.approvals_required .. " approval needed); waiting")
    local _, self_err = registry.approve_change(req.id)
    logger:info("approving my own request refused: " .. describe(self_err))
    local ev = outcome_of(outcomes, req.id)
    outcomes:close()
    if ev == nil then return false end
    local detail = ev.data.version and (" as version " .. ev.data.version) or (ev.data.reason and (": " .. ev.data.reason) or "")
    logger:info("change request #" .. req.id .. " " .. ev.kind .. detail)
    if ev.kind == "applied" then
        local value, call_err = funcs.call(id, 21)
        if call_err then
            logger:error(name .. "(21) failed: " .. describe(call_err))
        else
            logger:info(name .. "(21) = " .. tostring(value))
        end
    end
    return true
end

local function main(): string
    process.registry.register("agents.writer")
    local inbox = process.inbox()
    local own = process.events()
    logger:info("ready: send me improve {name, expression}")
    while true do
        local r = channel.select { inbox:case_receive(), own:case_receive() }
        if r.channel == own then
            if r.value.kind == process.event.CANCEL then return "stopped" end
        elseif r.value:topic() == "improve" then
            if not improve(r.value:payload():data()) then return "stopped" end
        end
    end
end

return { main = main }
