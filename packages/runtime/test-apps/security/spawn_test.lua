local check = require("check")
local security = require("security")

-- Processes started by a test (which has no context, strict mode off) with the actor and
-- scope it chooses; what each may then do.

local HOST = "matrix.security:processes"

local function policy(name: string): any
    return check.ok(security.policy("matrix.security:" .. name))
end

local function probe(op: string, actor: any, scope: any): table
    local b = process.with_context({})
    if actor then b = b:with_actor(actor) end
    if scope then b = b:with_scope(scope) end
    return check.ok(b:exec("matrix.security:probe", HOST, op))
end

local function spawned_without_context_has_none()
    local r = check.ok(process.exec("matrix.security:probe", HOST, "whoami"))
    check.eq(r.value.actor, "none", "actor")
    check.eq(r.value.scope, "none", "scope")
    check.eq(probe("events_secret").ok, true, "unrestricted: nothing is checked")
end

local function spawned_with_actor_and_scope()
    local user = security.new_actor("user:1", { role = "tester" })
    local scope = security.new_scope({ policy("public_events") })
    local who = probe("whoami", user, scope)
    check.eq(who.value.actor, "user:1", "actor")
    check.eq(who.value.role, "tester", "actor meta")
    check.eq(who.value.scope, "matrix.security:public_events", "scope")
    check.eq(probe("events_public", user, scope).ok, true, "allowed by public_events")
    local secret = probe("events_secret", user, scope)
    check.eq(secret.kind, errors.PERMISSION_DENIED, "nothing allows matrix.secret")
    check.truthy(secret.message:find("no policy in scope allows it", 1, true), secret.message)
    check.eq(probe("registry_get_pub", user, scope).kind, errors.PERMISSION_DENIED, "registry.get is not in scope")
end

local function spawned_with_named_scope()
    local agents = check.ok(security.named_scope("matrix.security:agents"))
    local user = security.new_actor("user:2")
    check.eq(probe("events_public", user, agents).ok, true, "public_events is in the group")
    local secret = probe("events_secret", user, agents)
    check.eq(secret.kind, errors.PERMISSION_DENIED, "events_secret")
    check.truthy(secret.message:find("denied by policy matrix.security:no_secret", 1, true), secret.message)
end

local function spawned_narrowing()
    local user = security.new_actor("user:3")
    local scope = security.new_scope({ policy("public_events"), policy("handoff"), policy("run_probes") })
    local narrower = probe("spawn_narrower", user, scope)
    check.eq(narrower.value.scope, "matrix.security:public_events", "a narrower scope is handed on")
    local wider = probe("spawn_wider", user, scope)
    check.eq(wider.kind, errors.PERMISSION_DENIED, "a wider scope is refused")
    check.truthy(wider.message:find("a scope can only be narrowed: policy matrix.security:write_public is not in the caller's scope", 1, true), wider.message)
    check.eq(probe("call_wider", user, scope).kind, errors.PERMISSION_DENIED, "funcs:with_scope of a wider scope")
end

local function spawned_condition_on_actor_meta()
    local scope = security.new_scope({ policy("admins_only") })
    check.eq(probe("registry_get_priv", security.new_actor("a", { role = "admin" }), scope).value, "hunter2", "an admin reads it")
    check.eq(probe("registry_get_priv", security.new_actor("b", { role = "user" }), scope).kind, errors.PERMISSION_DENIED, "a user does not")
end

return {
    spawned_without_context_has_none = spawned_without_context_has_none,
    spawned_with_actor_and_scope = spawned_with_actor_and_scope,
    spawned_with_named_scope = spawned_with_named_scope,
    spawned_narrowing = spawned_narrowing,
    spawned_condition_on_actor_meta = spawned_condition_on_actor_meta,
}
