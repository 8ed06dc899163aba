local logger = require("logger")

-- Registers as "pong" and answers every "ping" with a "pong" carrying the next count.
local function main(): string
    local ok, err = process.registry.register("pong")
    if not ok then error(err) end
    logger:info("pong ready", { pid = process.pid() })
    local inbox = process.inbox()
    local events = process.events()
    while true do
        local r = channel.select { inbox:case_receive(), events:case_receive() }
        if r.channel == events then
            if r.value.kind == process.event.CANCEL then return "cancelled" end
        else
            local msg = r.value
            if msg:topic() == "ping" then
                local n = msg:payload():data() or 0
                process.send(msg:from(), "pong", n + 1)
            end
        end
    end
end

return { main = main }
