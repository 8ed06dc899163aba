local registry = require("registry")
local time = require("time")

-- The pid registered under `name`, waiting up to 3s for it (a worker may be between runs).
local function running(name: string): string
    for _ = 1, 300 do
        local pid = process.registry.lookup(name)
        if pid then return pid end
        time.sleep("10ms")
    end
    error(name .. " is not running")
end

-- Sends job `n` to `pid`; returns its answer, or nil if none came within 1s.
local function ask(pid: string, n: number): table?
    local results = process.listen("result")
    process.send(pid, "job", n)
    local r = channel.select { results:case_receive(), time.after("1s"):case_receive() }
    process.unlisten(results)
    return r.channel == results and r.value or nil
end

-- Every service of the tree runs, and the greeter answers with the greeting in the settings.
local function tree_is_up(): boolean
    running("flaky")
    running("producer")
    local settings = assert(registry.get("pipeline:settings"))
    local answer = ask(running("greeter"), 1)
    if answer == nil then error("the greeter did not answer") end
    local expected = settings.data.greeting .. ", job 1"
    if answer.text ~= expected then error(string.format("greeter said %q, expected %q", answer.text, expected)) end
    return true
end

-- `crash_every` jobs make the flaky worker crash (sooner if the producer's jobs came first):
-- the workers supervisor starts a new run under the same name at once, and — one_for_one —
-- the greeter and the producer keep theirs.
local function flaky_worker_restarts(): boolean
    local events = require("events")
    local flaky, greeter, producer = running("flaky"), running("greeter"), running("producer")
    local restarts = events.subscribe("supervisor", "service.restart")
    process.monitor(flaky)
    local every = tonumber(assert(registry.get("pipeline:settings")).data.crash_every) or 0
    if every > 0 then
        for n = 1, every do process.send(flaky, "job", -n) end
    else
        process.send(flaky, "crash")
    end
    local exits = process.events()
    local r = channel.select { exits:case_receive(), time.after("2s"):case_receive() }
    if r.channel ~= exits or r.value.kind ~= process.event.EXIT then error("flaky did not crash") end
    if r.value.result.error == nil then error("flaky ended without an error") end

    local deadline = time.after("2s")
    while true do
        local e = channel.select { restarts:channel():case_receive(), deadline:case_receive() }
        if e.channel == deadline then error("no service.restart for pipeline:flaky_service") end
        if e.value.path == "pipeline:flaky_service" then break end
    end
    local replacement = running("flaky")
    for _ = 1, 100 do
        if replacement ~= flaky then break end
        time.sleep("10ms")
        replacement = running("flaky")
    end
    if replacement == flaky then error("flaky was not restarted") end
    if every ~= 1 and ask(replacement, 0) == nil then error("the new flaky run does not answer") end
    if running("greeter") ~= greeter then error("one_for_one: the greeter was restarted too") end
    if running("producer") ~= producer then error("the producer was restarted") end
    return true
end

return { tree_is_up = tree_is_up, flaky_worker_restarts = flaky_worker_restarts }
