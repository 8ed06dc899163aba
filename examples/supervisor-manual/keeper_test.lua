local time = require("time")

local function ask_restarts(keeper: string): number?
    local answers = process.listen("restarts")
    process.send(keeper, "restarts?")
    local r = channel.select { answers:case_receive(), time.after("2s"):case_receive() }
    process.unlisten(answers)
    if r.channel ~= answers then return nil end
    return r.value
end

-- Crash the worker once: the keeper restarts it, the new worker answers under the same name,
-- and the keeper counts one restart.
local function run(): boolean
    local keeper, kerr = process.registry.lookup("keeper")
    if not keeper then error("keeper is not running: " .. tostring(kerr)) end
    local before = ask_restarts(keeper)
    if before == nil then error("keeper did not answer") end

    local flaky, err = process.registry.lookup("flaky")
    if not flaky then error("flaky is not running: " .. tostring(err)) end
    process.send(flaky, "crash")
    local replacement = nil
    for _ = 1, 100 do
        local pid = process.registry.lookup("flaky")
        if pid and pid ~= flaky then
            replacement = pid
            break
        end
        time.sleep("10ms")
    end
    if not replacement then error("the worker was not restarted") end

    local done = process.listen("done")
    process.send(replacement, "work", 7)
    local r = channel.select { done:case_receive(), time.after("2s"):case_receive() }
    if r.channel ~= done or r.value ~= 7 then error("the new worker did not answer") end
    return ask_restarts(keeper) == before + 1
end

return { run = run }
