local check = require("check")

-- Links beyond one pair: unlink, link to a running process, two-way links, cascades through
-- a chain of three, a trapping process stopping a cascade, spawn_linked_monitored.

local HOST = "matrix.links:processes"
local CHILD, OBSERVER = "matrix.links:child", "matrix.links:observer"
local LINKER, CHAIN = "matrix.links:linker", "matrix.links:chain"
local LINK_DOWN, EXIT = process.event.LINK_DOWN, process.event.EXIT

local function trap()
    check.eq(process.set_options({ trap_links = true }), true, "set_options")
end

local function unlink_trapped()
    trap()
    local child = check.ok(process.spawn_linked(CHILD, HOST, "wait"))
    check.eq(process.unlink(child), true, "unlink")
    check.eq(process.terminate(child), true, "terminate")
    check.no_event(LINK_DOWN, child, "300ms")
end

local function unlink_untrapped()
    local reports = process.listen("child")
    local observer = check.ok(process.spawn_monitored(OBSERVER, HOST, "terminate", process.pid(), true))
    local child = check.ok(check.within(reports, "2s"))
    check.eq(process.terminate(child), true, "terminate the child")
    local e = check.event(EXIT, observer)
    check.eq(e.result.error, nil, "the unlinked observer's error")
    check.eq(e.result.value and e.result.value.survived, true, "the unlinked observer survived")
end

local function link_running()
    trap()
    local child = check.ok(process.spawn(CHILD, HOST, "wait"))
    check.eq(process.link(child), true, "link")
    check.eq(process.terminate(child), true, "terminate")
    check.truthy(check.event(LINK_DOWN, child).result.error, "LINK_DOWN carries an error")
end

-- The other process calls process.link(me) and fails: the link reaches back to me.
local function two_way_linked_from_other_side()
    trap()
    local linker = check.ok(process.spawn(LINKER, HOST, process.pid(), process.pid(), "raise"))
    local err = check.truthy(check.event(LINK_DOWN, linker).result.error, "LINK_DOWN carries an error")
    check.eq(err:kind(), errors.INTERNAL, "error kind")
end

-- A process links to a target; the target fails: the linking side dies too.
local function two_way_target_fails()
    local victim = check.ok(process.spawn(CHILD, HOST, "wait"))
    local linked = process.listen("linked")
    local linker = check.ok(process.spawn_monitored(LINKER, HOST, victim, process.pid(), "wait"))
    check.ok(check.within(linked, "2s"))
    check.eq(process.terminate(victim), true, "terminate the target")
    local e = check.event(EXIT, linker)
    check.eq(e.result.value, nil, "the linker's value (it must not return)")
    check.truthy(e.result.error, "the linker was killed with an error")
end

-- Collects the {pid, depth} reports of a chain of `n` processes, by depth.
local function chain_of(n: number, trap_depth: number?): (string, {string})
    local reports = process.listen("chain")
    local head = check.ok(process.spawn_linked(CHAIN, HOST, n, process.pid(), trap_depth))
    local by_depth = {}
    for _ = 1, n do
        local r = check.ok(check.within(reports, "2s"))
        by_depth[r.depth] = r.pid
    end
    check.eq(by_depth[n], head, "the head of the chain")
    return head, by_depth
end

-- me (trapping) ← A ← B ← C: C fails, B and A die by the links, I get LINK_DOWN from A.
local function cascade_chain_of_three()
    trap()
    local a, chain = chain_of(3)
    local b, c = chain[2], chain[1]
    for _, pid in ipairs({ a, b, c }) do check.eq(process.monitor(pid), true, "monitor") end
    check.eq(process.send(c, "go"), true, "send go")
    local seen = check.events({ { EXIT, c }, { EXIT, b }, { EXIT, a }, { LINK_DOWN, a } })
    check.eq(seen[1].result.error:kind(), errors.INTERNAL, "C's error kind")
    for i = 2, 4 do
        check.eq(seen[i].result.value, nil, seen[i].kind .. " value")
        check.truthy(seen[i].result.error, seen[i].kind .. " carries an error")
    end
end

-- me (trapping) ← A ← B (trapping) ← C: C fails, B gets LINK_DOWN and lives, A lives.
local function cascade_stops_at_trapping_process()
    trap()
    local a, chain = chain_of(3, 2)
    local b, c = chain[2], chain[1]
    for _, pid in ipairs({ a, b, c }) do check.eq(process.monitor(pid), true, "monitor") end
    check.eq(process.send(c, "go"), true, "send go")
    check.truthy(check.event(EXIT, c).result.error, "C failed")
    check.no_event(EXIT, nil, "300ms")
    check.no_event(LINK_DOWN, a, "10ms")
    check.eq(process.send(b, "release"), true, "B is still there")
    check.eq(check.event(EXIT, b).result.value, "released", "B returned normally")
end

local function linked_monitored()
    trap()
    local child = check.ok(process.spawn_linked_monitored(CHILD, HOST, "raise"))
    local seen = check.events({ { EXIT, child }, { LINK_DOWN, child } })
    check.eq(seen[1].result.error:kind(), errors.INTERNAL, "EXIT error kind")
    check.eq(seen[2].result.error:kind(), errors.INTERNAL, "LINK_DOWN error kind")
end

return {
    unlink_trapped = unlink_trapped,
    unlink_untrapped = unlink_untrapped,
    link_running = link_running,
    two_way_linked_from_other_side = two_way_linked_from_other_side,
    two_way_target_fails = two_way_target_fails,
    cascade_chain_of_three = cascade_chain_of_three,
    cascade_stops_at_trapping_process = cascade_stops_at_trapping_process,
    linked_monitored = linked_monitored,
}
