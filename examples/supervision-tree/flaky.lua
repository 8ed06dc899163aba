local registry = require("registry")

-- A worker that does its jobs but crashes on every `crash_every`-th job of a run (read from
-- `pipeline:settings` on each job; 0 = never) and on a "crash" message. It keeps no state
-- worth saving: its supervisor starts a new run at once, which counts from 0 again.
local function crash_every(): number
    local settings = registry.get("pipeline:settings")
    return settings and tonumber(settings.data.crash_every) or 0
end

local function main(): string
    process.registry.register("flaky")
    local inbox, events = process.inbox(), process.events()
    local done = 0
    while true do
        local r = channel.select { inbox:case_receive(), events:case_receive() }
        if r.channel == events then
            if r.value.kind == process.event.CANCEL then return "stopped" end
        else
            local msg = r.value
            if msg:topic() == "crash" then error("flaky: asked to crash") end
            if msg:topic() == "job" then
                local job = msg:payload():data()
                local every = crash_every()
                if every > 0 and done + 1 >= every then
                    error(string.format("flaky: crashing on job %s (crash_every = %d)", tostring(job), every))
                end
                done = done + 1
                process.send(msg:from(), "result", { worker = "flaky", job = job, text = "done (" .. done .. " this run)" })
            end
        end
    end
end

return { main = main }
