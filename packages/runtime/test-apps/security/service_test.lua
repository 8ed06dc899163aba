local check = require("check")

-- The agent service runs with the actor and scope of its lifecycle.security; the tests (which
-- run without a context) ask it to try things and check what it was allowed to do.

local function ask(op: string): table
    local agent = check.ok(process.registry.lookup("security.agent"))
    local replies = process.listen("result")
    check.ok(process.send(agent, "try", op))
    local r, got = check.within(replies, "3s")
    check.truthy(got, "a reply to " .. op)
    return r
end

local function denied(r: table, what: string, needle: string)
    check.eq(r.ok, false, what .. ": ok")
    check.eq(r.kind, errors.PERMISSION_DENIED, what .. ": kind")
    check.truthy(string.find(r.message, needle, 1, true), what .. ": message names the action and resource: " .. tostring(r.message))
end

local AGENTS = "matrix.security:no_secret,matrix.security:public_events,matrix.security:read_public,"
    .. "matrix.security:register_name,matrix.security:reply_to_anyone,matrix.security:run_probes"

local function service_context_from_lifecycle()
    local r = ask("whoami")
    check.eq(r.value.actor, "service:agent", "actor id")
    check.eq(r.value.role, "agent", "actor meta")
    check.eq(r.value.scope, AGENTS, "scope: its policy plus the agents group")
end

local function service_events_public_allowed()
    check.eq(ask("events_public").ok, true, "events.send on matrix.public")
end

local function service_events_secret_denied()
    denied(ask("events_secret"), "events.send on matrix.secret", 'events.send on "matrix.secret"')
end

local function service_registry_get_checked()
    local pub = ask("registry_get_pub")
    check.eq(pub.value, "matrix.security.pub:a", "registry.get of a public entry")
    denied(ask("registry_get_priv"), "registry.get of a private entry", 'registry.get on "matrix.security.priv:key"')
end

local function service_registry_find_filtered()
    check.eq(ask("registry_find").value, "matrix.security.pub:a,matrix.security.pub:b", "find leaves out what it may not read")
end

local function service_registry_apply_denied()
    denied(ask("registry_write_pub"), "changes:apply", 'registry.apply on "matrix.security.pub:a"')
end

local function service_children_inherit()
    check.eq(ask("exec_whoami").value.actor, "service:agent", "a process it spawns runs as the service")
    check.eq(ask("exec_whoami").value.scope, AGENTS, "with its scope")
    check.eq(ask("call_whoami").value.actor, "service:agent", "a function it calls runs as the service")
end

local function service_spawn_outside_denied()
    denied(ask("spawn_outside"), "process.spawn of another namespace", 'process.spawn on "matrix.elsewhere:thing"')
end

local function service_handoff_denied()
    denied(ask("handoff_actor"), "security.new_actor", 'security.actor.create on "user:forged"')
end

local function service_workflow_keeps_context()
    local r = ask("workflow")
    check.eq(r.ok, true, "the service may start a workflow: " .. tostring(r.message))
    check.eq(r.value.actor, "service:agent", "the run's actor")
    check.eq(r.value.activity, "service:agent", "its activity's actor")
    check.eq(r.value.secret, errors.PERMISSION_DENIED, "an activity its scope denies")
    check.truthy(string.find(r.value.message, 'funcs.call on "matrix.security:secret_fn"', 1, true), "names the action and resource: " .. r.value.message)
end

return {
    service_workflow_keeps_context = service_workflow_keeps_context,
    service_context_from_lifecycle = service_context_from_lifecycle,
    service_events_public_allowed = service_events_public_allowed,
    service_events_secret_denied = service_events_secret_denied,
    service_registry_get_checked = service_registry_get_checked,
    service_registry_find_filtered = service_registry_find_filtered,
    service_registry_apply_denied = service_registry_apply_denied,
    service_children_inherit = service_children_inherit,
    service_spawn_outside_denied = service_spawn_outside_denied,
    service_handoff_denied = service_handoff_denied,
}
