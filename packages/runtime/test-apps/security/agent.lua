-- The agent service: registers "security.agent", then answers every message with the result
-- of the op it names, until its supervisor cancels it.
local ops = require("ops")

local function main()
    local registered, err = process.registry.register("security.agent")
    if not registered then return nil, err end
    local inbox, events = process.inbox(), process.events()
    while true do
        local r = channel.select { inbox:case_receive(), events:case_receive() }
        if r.channel == events then
            if r.value.kind == process.event.CANCEL then return "stopped" end
        else
            local op = r.value:payload():data()
            local f = ops[op]
            local result = f and f() or { ok = false, kind = "Invalid", message = "no op " .. tostring(op) }
            process.send(r.value:from(), "result", result)
        end
    end
end

return { main = main }
