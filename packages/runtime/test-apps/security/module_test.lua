local check = require("check")
local security = require("security")

-- The `security` module's values and results (Wippy's lua/security/security.md).

local function module_can_without_context()
    check.eq(security.actor(), nil, "no actor")
    check.eq(security.scope(), nil, "no scope")
    check.eq(security.can("anything", "anywhere"), true, "permissive mode allows a process without a context")
end

local function module_policy_and_scope_values()
    local actor = security.new_actor("user:7", { role = "admin" })
    check.eq(actor:id(), "user:7", "actor:id")
    check.eq(actor:meta().role, "admin", "actor:meta")
    local pub = check.ok(security.policy("matrix.security:public_events"))
    local deny = check.ok(security.policy("matrix.security:no_secret"))
    check.eq(pub:id(), "matrix.security:public_events", "policy:id")
    check.eq(pub:evaluate(actor, "events.send", "matrix.public"), "allow", "policy allows")
    check.eq(pub:evaluate(actor, "events.send", "elsewhere"), "undefined", "policy does not apply")
    check.eq(deny:evaluate(actor, "events.send", "top.secret"), "deny", "deny policy")
    local scope = security.new_scope({ pub })
    check.eq(scope:evaluate(actor, "events.send", "matrix.public"), "allow", "scope allows")
    local both = scope:with(deny)
    check.eq(both:evaluate(actor, "events.send", "matrix.secret"), "deny", "deny wins")
    check.eq(both:contains("matrix.security:no_secret"), true, "contains")
    check.eq(scope:contains("matrix.security:no_secret"), false, "scopes are immutable")
    check.eq(#both:without("matrix.security:no_secret"):policies(), 1, "without")
    check.eq(both:evaluate(actor, "registry.get", "x"), "undefined", "nothing applies")
    local admin = check.ok(security.policy("matrix.security:admins_only"))
    check.eq(admin:evaluate(actor, "registry.get", "x"), "allow", "condition on actor.meta holds")
    check.eq(admin:evaluate(security.new_actor("u"), "registry.get", "x"), "undefined", "condition does not hold")
end

local function module_named_scope()
    local agents = check.ok(security.named_scope("agents"))
    check.eq(#agents:policies(), 5, "the agents group has five policies")
    check.eq(agents:contains("matrix.security:run_probes"), true, "contains a member")
    check.eq(agents:evaluate(nil, "events.send", "matrix.secret"), "deny", "a member denies")
end

local function module_errors()
    check.fails(errors.NOT_FOUND, "policy of an unknown id", security.policy("matrix.security:nope"))
    check.fails(errors.INVALID, "policy of another kind", security.policy("matrix.security:probe"))
    check.fails(errors.NOT_FOUND, "named_scope of an unknown group", security.named_scope("matrix.security:nobody"))
    local ok = pcall(security.new_scope, { "matrix.security:public_events" })
    check.eq(ok, false, "new_scope of ids (not policies) raises")
end

return {
    module_can_without_context = module_can_without_context,
    module_policy_and_scope_values = module_policy_and_scope_values,
    module_named_scope = module_named_scope,
    module_errors = module_errors,
}
