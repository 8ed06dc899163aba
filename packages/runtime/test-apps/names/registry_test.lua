local check = require("check")

-- process.registry: register / lookup / unregister, conflicts, and release on exit.

local CHILD, HOST = "matrix.names:child", "matrix.names:processes"
local EXIT = process.event.EXIT

local function register_lookup_unregister()
    check.eq(process.registry.register("alpha"), true, "register")
    check.eq(process.registry.lookup("alpha"), process.pid(), "lookup")
    check.eq(process.registry.unregister("alpha"), true, "unregister")
    check.fails(errors.NOT_FOUND, "lookup after unregister", process.registry.lookup("alpha"))
    check.eq(process.registry.unregister("alpha"), false, "unregister again")
end

local function unregister_unknown_is_false()
    check.eq(process.registry.unregister("never_registered"), false, "unregister of an unknown name")
end

local function lookup_unknown_not_found()
    local err = check.fails(errors.NOT_FOUND, "lookup", process.registry.lookup("nobody_here"))
    check.eq(errors.is(err, errors.NOT_FOUND), true, "errors.is NotFound")
end

local function register_idempotent_for_same_pid()
    check.eq(process.registry.register("beta"), true, "register")
    check.eq(process.registry.register("beta"), true, "register again")
    check.eq(process.registry.register("beta", process.pid()), true, "register again with my pid")
    check.eq(process.registry.lookup("beta"), process.pid(), "lookup")
end

local function register_for_another_pid()
    local child = check.ok(process.spawn_monitored(CHILD, HOST, "echo"))
    check.eq(process.registry.register("delta", child), true, "register for the child")
    check.eq(process.registry.lookup("delta"), child, "lookup")
    process.send(child, "stop")
    check.event(EXIT, child)
end

local function register_taken_already_exists()
    local child = check.ok(process.spawn_monitored(CHILD, HOST, "echo"))
    check.eq(process.registry.register("gamma", child), true, "register for the child")
    local err = check.fails(errors.ALREADY_EXISTS, "register a taken name", process.registry.register("gamma"))
    check.eq(type(err:details()), "table", "details")
    check.eq(err:details().existing_pid, child, "details.existing_pid")
    check.eq(process.registry.lookup("gamma"), child, "the name still points at the child")
    process.send(child, "stop")
    check.event(EXIT, child)
end

-- A name a process registered for itself is released when it returns.
local function released_on_exit()
    local child = check.ok(process.spawn_monitored(CHILD, HOST, "claim", "epsilon"))
    check.eq(check.event(EXIT, child).result.value, "epsilon", "the child claimed the name")
    check.fails(errors.NOT_FOUND, "lookup after exit", process.registry.lookup("epsilon"))
    check.eq(process.registry.register("epsilon"), true, "the name is free again")
end

-- A name registered for a process by another is released when it is terminated.
local function released_on_terminate()
    local child = check.ok(process.spawn_monitored(CHILD, HOST, "echo"))
    check.eq(process.registry.register("zeta", child), true, "register")
    check.eq(process.terminate(child), true, "terminate")
    check.event(EXIT, child)
    check.fails(errors.NOT_FOUND, "lookup after terminate", process.registry.lookup("zeta"))
end

return {
    register_lookup_unregister = register_lookup_unregister,
    unregister_unknown_is_false = unregister_unknown_is_false,
    lookup_unknown_not_found = lookup_unknown_not_found,
    register_idempotent_for_same_pid = register_idempotent_for_same_pid,
    register_for_another_pid = register_for_another_pid,
    register_taken_already_exists = register_taken_already_exists,
    released_on_exit = released_on_exit,
    released_on_terminate = released_on_terminate,
}
