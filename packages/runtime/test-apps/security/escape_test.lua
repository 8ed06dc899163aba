local check = require("check")
local security = require("security")

-- A hostile actor (events on matrix.public, spawning probes, handing on scopes — nothing
-- else) tries to get out. Every attempt runs in a probe with that context and must fail.

local HOST = "matrix.security:processes"

local function hostile(op: string): table
    local scope = security.new_scope({
        check.ok(security.policy("matrix.security:public_events")),
        check.ok(security.policy("matrix.security:run_probes")),
        check.ok(security.policy("matrix.security:handoff")),
    })
    local b = process.with_context({}):with_actor(security.new_actor("hostile", { role = "guest" })):with_scope(scope)
    return check.ok(b:exec("matrix.security:probe", HOST, op))
end

local function escape_env_and_string_meta()
    local r = hostile("escape_env")
    check.eq(r.ok, false, "events.send on matrix.secret after rewriting _ENV, security.can and the string metatable")
    check.eq(r.kind, errors.PERMISSION_DENIED, "kind")
    check.eq(r.protected, true, "the environment's metatable cannot be replaced")
    check.eq(string.format("%d", 7), "7", "other processes' strings are untouched")
end

local function escape_require_debug_load()
    local r = hostile("escape_require")
    check.eq(r.value, "", "no undeclared module loads")
    check.eq(r.ok, true, "debug, load, loadstring, dofile, string.dump, collectgarbage are absent")
end

local function escape_wider_scope()
    local r = hostile("spawn_wider")
    check.eq(r.kind, errors.PERMISSION_DENIED, "spawning with a broader scope")
    check.eq(hostile("call_wider").kind, errors.PERMISSION_DENIED, "calling with a broader scope")
end

local function escape_forged_objects()
    local r = hostile("escape_forged")
    check.eq(r.ok, true, "tables are not actors or scopes, and object metatables are hidden")
end

return {
    escape_env_and_string_meta = escape_env_and_string_meta,
    escape_require_debug_load = escape_require_debug_load,
    escape_wider_scope = escape_wider_scope,
    escape_forged_objects = escape_forged_objects,
}
