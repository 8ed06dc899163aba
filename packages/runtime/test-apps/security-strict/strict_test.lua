local check = require("check")

-- Strict mode: no actor and no scope → every check is refused, saying so.

local HOST = "matrix.strict:processes"

local function refused(what: string, value: any, err: any)
    local e = check.fails(errors.PERMISSION_DENIED, what, value, err)
    check.truthy(e:message():find("strict mode is on and there is no actor or scope", 1, true), what .. ": " .. e:message())
end

local function strict_spawn_denied()
    refused("process.spawn", process.spawn("matrix.strict:child", HOST))
    refused("process.exec", process.exec("matrix.strict:child", HOST))
end

local function strict_send_and_names_denied()
    local me = process.pid()
    refused("process.send", process.send(me, "note"))
    refused("process.registry.register", process.registry.register("mine"))
    refused("process.monitor", process.monitor(me))
end

local function strict_funcs_registry_events_denied()
    local funcs = require("funcs")
    local registry = require("registry")
    local events = require("events")
    refused("funcs.call", funcs.call("matrix.strict:child"))
    refused("registry.get", registry.get("matrix.strict:settings"))
    check.eq(#registry.find({ [".ns"] = "matrix.strict" }), 0, "registry.find shows nothing")
    refused("events.subscribe", events.subscribe("registry"))
    refused("events.send", events.send("app", "k", "/p"))
end

local function strict_security_module()
    local security = require("security")
    check.eq(security.actor(), nil, "no actor")
    check.eq(security.can("anything", "anywhere"), false, "security.can is false")
    local ok, err = pcall(security.new_actor, "user:1")
    check.eq(ok, false, "new_actor raises")
    check.eq(err:kind(), errors.PERMISSION_DENIED, "with PermissionDenied")
end

-- The service runs with its own context: it may register its name (and nothing else).
local function strict_service_with_security_runs()
    local pid = check.ok(process.registry.lookup("strict.agent"))
    check.truthy(pid:find("matrix.strict:processes", 1, true), "the agent runs on its host: " .. pid)
end

local function child() return 1 end

local function agent()
    local ok, err = process.registry.register("strict.agent")
    if not ok then return nil, err end
    local events = process.events()
    while true do
        local e = events:receive()
        if e.kind == process.event.CANCEL then return "stopped" end
    end
end

return {
    strict_spawn_denied = strict_spawn_denied,
    strict_send_and_names_denied = strict_send_and_names_denied,
    strict_funcs_registry_events_denied = strict_funcs_registry_events_denied,
    strict_security_module = strict_security_module,
    strict_service_with_security_runs = strict_service_with_security_runs,
    child = child,
    agent = agent,
}
