-- What the agent service and the probes try, by name. Each op returns
-- { ok = bool, value = ..., kind = error kind, message = error message }.
local security = require("security")
local events = require("events")
local registry = require("registry")
local funcs = require("funcs")

local HOST = "matrix.security:processes"
local ops = {}

local function result(value: any, err: any): table
    if err ~= nil then return { ok = false, kind = err:kind(), message = err:message() } end
    return { ok = value ~= nil and value ~= false, value = value }
end

-- A raised error object (Wippy raises for some refusals) as a result.
local function caught(f: any): table
    local ok, v = pcall(f)
    if ok then return { ok = true, value = v } end
    if type(v) == "string" then return { ok = false, kind = "", message = v } end
    return { ok = false, kind = v:kind(), message = v:message() }
end

function ops.whoami(): table
    local a, s = security.actor(), security.scope()
    local ids = {}
    if s then
        for _, p in ipairs(s:policies()) do ids[#ids + 1] = p:id() end
    end
    table.sort(ids)
    return { ok = true, value = { actor = a and a:id() or "none", role = a and a:meta().role, scope = s and table.concat(ids, ",") or "none" } }
end

function ops.events_public(): table return result(events.send("matrix.public", "ping", "/p")) end
function ops.events_secret(): table return result(events.send("matrix.secret", "ping", "/p")) end

function ops.registry_get_pub(): table
    local e, err = registry.get("matrix.security.pub:a")
    return result(e and e.id, err)
end

function ops.registry_get_priv(): table
    local e, err = registry.get("matrix.security.priv:key")
    return result(e and e.data.value, err)
end

function ops.registry_find(): table
    local ids = {}
    for _, e in ipairs(registry.find({ [".kind"] = "registry.entry" })) do ids[#ids + 1] = e.id end
    table.sort(ids)
    return { ok = true, value = table.concat(ids, ",") }
end

function ops.registry_write_pub(): table
    local v, err = registry.snapshot():changes():update({ id = "matrix.security.pub:a", kind = "registry.entry", data = { v = 2 } }):apply()
    return result(v and v:id(), err)
end

function ops.exec_whoami(): table
    local r, err = process.exec("matrix.security:whoami", HOST)
    if err then return result(nil, err) end
    return r
end

function ops.call_whoami(): table
    local r, err = funcs.call("matrix.security:whoami_fn")
    if err then return result(nil, err) end
    return r
end

-- A durable workflow run, started by whoever runs this op: it acts with their context.
function ops.workflow(): table
    return result(process.exec("matrix.security:flow", "matrix.security:workflows"))
end

function ops.spawn_outside(): table
    return result(process.spawn("matrix.elsewhere:thing", HOST))
end

function ops.handoff_actor(): table
    return caught(function() return security.new_actor("user:forged", { role = "admin" }) end)
end

-- A narrower scope for a child: allowed when the caller holds public_events and handoff.
function ops.spawn_narrower(): table
    local narrow = security.new_scope({ security.policy("matrix.security:public_events") })
    local r, err = process.with_context({}):with_scope(narrow):exec("matrix.security:whoami", HOST)
    if err then return result(nil, err) end
    return r
end

-- A wider one: write_public is not the caller's.
function ops.spawn_wider(): table
    local wide = security.new_scope({ security.policy("matrix.security:write_public") })
    return result(process.with_context({}):with_scope(wide):exec("matrix.security:probe", HOST, "registry_write_pub"))
end

function ops.call_wider(): table
    local wide = security.new_scope({ security.policy("matrix.security:write_public") })
    local e, err = funcs.new():with_scope(wide)
    return result(e, err)
end

-- Escape attempts (the hostile actor's).
function ops.escape_env(): table
    security.can = function() return true end
    local real_events = events
    local protected = not pcall(setmetatable, _ENV, { __index = function() return function() return true end end })
    rawset(_ENV, "events", { send = function() return true end })
    local mt = getmetatable("")
    pcall(function() mt.__index = { find = function() return 1 end } end)
    pcall(function() mt.__index.format = function() return "pwned" end end)
    local r = result(real_events.send("matrix.secret", "leak", "/x"))
    r.protected = protected
    return r
end

function ops.escape_require(): table
    local loaded = {}
    for _, name in ipairs({ "sql", "debug", "os", "fengari", "io" }) do
        if pcall(require, name) then loaded[#loaded + 1] = name end
    end
    local absent = debug == nil and load == nil and loadstring == nil and dofile == nil and string.dump == nil and collectgarbage == nil
    return { ok = #loaded == 0 and absent, value = table.concat(loaded, ",") }
end

function ops.escape_forged(): table
    local forged = { id = function() return "admin" end, meta = function() return { role = "admin" } end }
    local a = pcall(function() return process.with_context({}):with_actor(forged) end)
    local b = pcall(function() return process.with_context({}):with_scope({ policies = { "matrix.security:write_public" } }) end)
    local c = pcall(function() return security.new_scope({ "matrix.security:write_public" }) end)
    local d = getmetatable(security.actor())
    return { ok = not a and not b and not c and d == false, value = { a, b, c, d } }
end

return ops
