local logger = require("logger")
local time = require("time")

-- Every `interval`, sends job n to each worker by name and logs the answers as they arrive.
-- A worker that is down (between a crash and its restart) misses that job; a new run of the
-- producer (after the workers subtree was restarted: rest_for_one) counts from 1 again.
local WORKERS = { "flaky", "greeter" }

local function main(interval: string?): string
    process.registry.register("producer")
    local ticker = time.ticker(interval or "1s")
    local ticks, results, events = ticker:channel(), process.listen("result"), process.events()
    local job = 0
    while true do
        local r = channel.select { ticks:case_receive(), results:case_receive(), events:case_receive() }
        if r.channel == ticks then
            job = job + 1
            for _, worker in ipairs(WORKERS) do
                local sent, err = process.send(worker, "job", job)
                if not sent then logger:warn("job " .. job .. " skipped: " .. worker .. " is down", { error = tostring(err) }) end
            end
        elseif r.channel == results then
            local result = r.value
            logger:info(string.format("job %d: %s → %s", result.job, result.worker, result.text))
        elseif r.value.kind == process.event.CANCEL then
            ticker:stop()
            return "stopped"
        end
    end
end

return { main = main }
