-- The harness of the supervision matrix: where each child runs, how to end it, how to bring a
-- strategy's subtree back to a fresh run, and one `case` per strategy × restart type × exit kind.
--
-- Terms:
-- - strategy supervisor `matrix.supervision:<strategy>` (one_for_one | one_for_all |
--   rest_for_one), intensity 1 per 5s, children started in this order: `<strategy>_permanent`,
--   `<strategy>_transient`, `<strategy>_temporary`. Every worker registers its service id as
--   its name, so `tree.pid(id)` is the pid of the child's current run (nil while it is down).
-- - exit kinds: normal (returns a value), error (returns nil, err), crash (raises), terminate
--   (`process.terminate` from the test). The last three are all error exits to a supervisor.
-- - outcome of a child after a case: "same" (its run went on), "new" (restarted: a new pid
--   under its name), "down" (stopped and not restarted: its name is free).
-- - expectations: `{[restart type] = {normal = outcomes, error = outcomes}}`, outcomes being
--   `{permanent = .., transient = .., temporary = ..}`; `tree.cases` turns them into the test
--   methods `<strategy>_<type>_<exit kind>`.
local time = require("time")
local events = require("events")

local tree = {}

tree.NS = "matrix.supervision:"
tree.TYPES = { "permanent", "transient", "temporary" }
tree.EXIT_KINDS = { "normal", "error", "crash", "terminate" }

local MESSAGE = { normal = "exit", error = "fail", crash = "crash" }

local function show(v: any): string
    if type(v) == "string" then return string.format("%q", v) end
    return tostring(v)
end

function tree.id(name: string): string
    return tree.NS .. name
end

-- The pid of the run registered under the child's id, or nil.
function tree.pid(name: string): string?
    local pid = process.registry.lookup(tree.id(name))
    return pid
end

-- Calls `ready` every 5ms until it returns a true value (returned), for at most `timeout`.
function tree.wait(what: string, ready: () -> any, timeout: string?): any
    local deadline = time.after(timeout or "3s")
    while true do
        local value = ready()
        if value then return value end
        local r = channel.select { deadline:case_receive(), default = true }
        if not r.default then error("within " .. (timeout or "3s") .. ": no " .. what, 2) end
        time.sleep("5ms")
    end
end

-- The next event on `sub` for which `wanted(e)` is true, skipping others; raises after `timeout`.
function tree.next_event(sub: any, what: string, wanted: (table) -> boolean, timeout: string?): table
    local deadline = time.after(timeout or "3s")
    local ch = sub:channel()
    while true do
        local r = channel.select { ch:case_receive(), deadline:case_receive() }
        if r.channel ~= ch then error("within " .. (timeout or "3s") .. ": no " .. what, 2) end
        if wanted(r.value) then return r.value end
    end
end

-- The pids of the next `service.start` of each child in `names`, in any order: {name = pid}.
function tree.starts(sub: any, names: {string}, timeout: string?): {[string]: string}
    local pids, missing = {}, #names
    while missing > 0 do
        local e = tree.next_event(sub, "service.start for " .. table.concat(names, ", "), function(e)
            if e.kind ~= "service.start" then return false end
            for _, name in ipairs(names) do
                if e.path == tree.id(name) and pids[name] == nil then return true end
            end
            return false
        end, timeout)
        for _, name in ipairs(names) do
            if e.path == tree.id(name) then pids[name] = e.data.pid end
        end
        missing = missing - 1
    end
    return pids
end

-- Every event already delivered to `sub`, without waiting.
function tree.drain(sub: any): {table}
    local ch, got = sub:channel(), {}
    while true do
        local r = channel.select { ch:case_receive(), default = true }
        if r.default then return got end
        got[#got + 1] = r.value
    end
end

-- Ends the run `pid` the way `exit_kind` says.
function tree.trigger(pid: string, exit_kind: string)
    if exit_kind == "terminate" then
        local done, err = process.terminate(pid)
        if not done then error("terminate " .. pid .. ": " .. tostring(err), 2) end
        return
    end
    local sent, err = process.send(pid, MESSAGE[exit_kind])
    if not sent then error("send to " .. pid .. ": " .. tostring(err), 2) end
end

-- Waits until each child in `pids` ({name = pid}) has registered that pid under its id.
function tree.wait_registered(pids: {[string]: string}, timeout: string?)
    local names = {}
    for name in pairs(pids) do names[#names + 1] = name end
    table.sort(names)
    tree.wait("registration of " .. table.concat(names, ", "), function()
        for name, pid in pairs(pids) do
            if tree.pid(name) ~= pid then return false end
        end
        return true
    end, timeout)
end

-- Crashes `victim` (a permanent child of `supervisor`) until `supervisor` goes over its
-- restart intensity and its parent starts a new run of it; returns the pids of the new run's
-- children ({name = pid}, `children` listing their names), once they have registered.
function tree.escalate(supervisor: string, victim: string, children: {string}, timeout: string?): {[string]: string}
    local sub = events.subscribe("supervisor", "service.start")
    local pid = tree.wait(victim .. " registered", function() return tree.pid(victim) end)
    tree.trigger(pid, "crash")
    local deadline = time.after(timeout or "5s")
    local restarted, pids, missing = false, {}, #children
    while missing > 0 do
        local r = channel.select { sub:channel():case_receive(), deadline:case_receive() }
        if r.channel == deadline then
            sub:close()
            error(string.format("within %s: %s was not restarted with its children (restarted: %s, children up: %d of %d)",
                timeout or "5s", supervisor, tostring(restarted), #children - missing, #children), 2)
        end
        local e = r.value
        if e.path == tree.id(supervisor) then
            restarted, pids, missing = true, {}, #children
        elseif not restarted and e.path == tree.id(victim) then
            tree.trigger(e.data.pid, "crash") -- that restart was admitted; the next one is not
        elseif restarted then
            for _, name in ipairs(children) do
                if e.path == tree.id(name) and pids[name] == nil then
                    pids[name] = e.data.pid
                    missing = missing - 1
                end
            end
        end
    end
    sub:close()
    tree.wait_registered(pids)
    return pids
end

local function children_of(strategy: string): {string}
    local names = {}
    for i, t in ipairs(tree.TYPES) do names[i] = strategy .. "_" .. t end
    return names
end

-- A fresh run of `strategy`'s supervisor (empty restart window, all three children up):
-- returns {[restart type] = pid}.
function tree.reset(strategy: string): {[string]: string}
    local pids = tree.escalate(strategy, strategy .. "_permanent", children_of(strategy))
    local by_type = {}
    for _, t in ipairs(tree.TYPES) do by_type[t] = pids[strategy .. "_" .. t] end
    return by_type
end

-- What a supervisor publishes first about a child that ended or was stopped in a case.
local function first_event_of(got: {table}, id: string): table?
    for _, e in ipairs(got) do
        if e.path == id then return e end
    end
    return nil
end

local function check_events(strategy: string, failing: string, exit_kind: string, expect: {[string]: string}, got: {table})
    local failing_id = tree.id(strategy .. "_" .. failing)
    for _, t in ipairs(tree.TYPES) do
        local id = tree.id(strategy .. "_" .. t)
        local first = first_event_of(got, id)
        local restarts = 0
        for _, e in ipairs(got) do
            if e.path == id and e.kind == "service.restart" then
                restarts = restarts + 1
                if e.data.cause ~= failing_id then error(id .. ": restart caused by " .. show(e.data.cause) .. ", expected " .. failing_id) end
            end
        end
        local wanted_restarts = expect[t] == "new" and 1 or 0
        if restarts ~= wanted_restarts then
            error(string.format("%s (%s): %d service.restart events, expected %d", id, expect[t], restarts, wanted_restarts))
        end
        if expect[t] == "same" then
            if first ~= nil then error(id .. " should be untouched, got " .. first.kind .. " " .. show(first.data.state)) end
        elseif t == failing then
            local kind = exit_kind == "normal" and "service.stop" or "service.failed"
            local state = exit_kind == "normal" and "exited" or (expect[t] == "new" and "failed" or "terminal")
            if first == nil or first.kind ~= kind or first.data.state ~= state then
                error(string.format("%s: first event %s %s, expected %s %s", id, first and first.kind or "none",
                    show(first and first.data.state), kind, state))
            end
        elseif first == nil or first.kind ~= "service.stop" or first.data.state ~= "stopped" then
            error(string.format("%s: first event %s %s, expected service.stop \"stopped\" (taken along by %s)", id,
                first and first.kind or "none", show(first and first.data.state), strategy))
        end
    end
end

local function has_event(got: {table}, kind: string, id: string): boolean
    for _, e in ipairs(got) do
        if e.kind == kind and e.path == id then return true end
    end
    return false
end

-- One case: a fresh run of `strategy`, the `failing` child ends by `exit_kind`, then every
-- child's outcome and the supervisor's events are as `expect` says.
function tree.case(strategy: string, failing: string, exit_kind: string, expect: {[string]: string})
    local before = tree.reset(strategy)
    local sub = events.subscribe("supervisor")
    local got = {}
    local function collect()
        for _, e in ipairs(tree.drain(sub)) do got[#got + 1] = e end
    end
    tree.trigger(before[failing], exit_kind)
    -- Settled: names as expected, and the supervisor has reported every child it touched.
    local function settled(): boolean
        collect()
        for _, t in ipairs(tree.TYPES) do
            local id, now = tree.id(strategy .. "_" .. t), tree.pid(strategy .. "_" .. t)
            if expect[t] == "new" and (now == nil or now == before[t] or not has_event(got, "service.start", id)) then return false end
            if expect[t] == "down" and (now ~= nil or first_event_of(got, id) == nil) then return false end
        end
        return true
    end
    local ok, err = pcall(tree.wait, "settled tree", settled)
    -- Restarts happen without delay: anything still to change has done so by now.
    time.sleep("100ms")
    collect()
    sub:close()
    local outcome = {}
    for _, t in ipairs(tree.TYPES) do
        local now = tree.pid(strategy .. "_" .. t)
        outcome[t] = now == nil and "down" or (now == before[t] and "same" or "new")
    end
    for _, t in ipairs(tree.TYPES) do
        if outcome[t] ~= expect[t] then
            error(string.format("%s_%s after %s of %s: expected %s, got %s (permanent %s, transient %s, temporary %s)",
                strategy, t, exit_kind, failing, expect[t], outcome[t], outcome.permanent, outcome.transient, outcome.temporary))
        end
    end
    if not ok then error(err) end
    check_events(strategy, failing, exit_kind, expect, got)
    return true
end

-- The test methods of one strategy: `<strategy>_<type>_<exit kind>` for every restart type and
-- exit kind; `normal` uses `expect[type].normal`, the three error kinds `expect[type].error`.
function tree.cases(strategy: string, expect: table): {[string]: () -> boolean}
    local methods = {}
    for _, t in ipairs(tree.TYPES) do
        for _, exit_kind in ipairs(tree.EXIT_KINDS) do
            local outcomes = expect[t][exit_kind == "normal" and "normal" or "error"]
            methods[strategy .. "_" .. t .. "_" .. exit_kind] = function()
                return tree.case(strategy, t, exit_kind, outcomes)
            end
        end
    end
    return methods
end

return tree
