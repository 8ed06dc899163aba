local logger = require("logger")

-- Keeps one `manual:flaky` worker alive under the name "flaky": every time it exits with an
-- error it is spawned again, up to `limit` restarts. Answers "restarts?" with the count.
local function main(limit: number?): string
    limit = limit or 3
    process.registry.register("keeper")
    local restarts = 0
    local function start()
        local pid, err = process.spawn_monitored("manual:flaky", "manual:processes")
        if not pid then error(err) end
        process.registry.register("flaky", pid)
        return pid
    end
    local worker = start()
    local events = process.events()
    local inbox = process.inbox()
    while true do
        local r = channel.select { events:case_receive(), inbox:case_receive() }
        if r.channel == events then
            local ev = r.value
            if ev.kind == process.event.CANCEL then return "stopped" end
            if ev.kind == process.event.EXIT and ev.from == worker then
                if ev.result and ev.result.error then
                    restarts = restarts + 1
                    logger:warn("worker crashed; restarting", { restarts = restarts, error = tostring(ev.result.error) })
                    if restarts > limit then error("worker crashed " .. restarts .. " times; giving up") end
                end
                worker = start()
            end
        elseif r.value:topic() == "restarts?" then
            process.send(r.value:from(), "restarts", restarts)
        end
    end
end

return { main = main }
