local registry = require("registry")
local events = require("events")
local funcs = require("funcs")
local time = require("time")

-- The agent's attempts, one per op; each returns what happened as plain data.
local TOOLS = "matrix.tools"

local function fn(name: string, expression: string): table
    return {
        id = TOOLS .. ":" .. name,
        kind = "function.lua",
        data = { source = "return function(x) return " .. expression .. " end" },
    }
end

local function failure(err): table
    return { kind = err:kind(), message = err:message(), details = err:details() }
end

local ops = {}

function ops.propose(name: string)
    local req, err = registry.snapshot():changes():create(fn(name, "x * 2")):propose("add " .. name)
    if not req then return failure(err) end
    local again, again_err = registry.change_request(req.id)
    local value, call_err = funcs.call(TOOLS .. ":" .. name, 21)
    return { request = req, again = again or failure(again_err), call = value or failure(call_err) }
end

function ops.apply(name: string)
    local v, err = registry.snapshot():changes():create(fn(name, "x + 1")):apply()
    if v then return { applied = v:id() } end
    return failure(err)
end

function ops.elsewhere(name: string)
    local req, err = registry.snapshot():changes():create({ id = "matrix.changes:" .. name, kind = "registry.entry" }):propose("not mine")
    if req then return { proposed = req.id } end
    return failure(err)
end

function ops.approve_own(name: string)
    local req = registry.snapshot():changes():create(fn(name, "x - 1")):propose("mine")
    local ok, err = registry.approve_change(req.id)
    return { approved = ok ~= nil, error = failure(err) }
end

-- Subscribes, proposes, and waits a short while: an undecided request sends no outcome.
function ops.wait(name: string)
    local outcomes = events.subscribe("registry.change_request")
    local req = registry.snapshot():changes():create(fn(name, "x * 3")):propose("wait for me")
    local deadline = time.after("300ms")
    local heard = {}
    while true do
        local r = channel.select { outcomes:channel():case_receive(), deadline:case_receive() }
        if r.channel == deadline then break end
        if r.value.path == req.id then heard[#heard + 1] = r.value.kind end
    end
    outcomes:close()
    return { id = req.id, heard = heard }
end

return { main = function(op: string, name: string) return ops[op](name) end }
