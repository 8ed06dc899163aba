local time = require("time")

-- Ticks once a second until it is cancelled.
local function main(): string
    local events = process.events()
    local ticks = time.ticker("1s")
    local count = 0
    while true do
        local r = channel.select { events:case_receive(), ticks:channel():case_receive() }
        if r.channel == events then
            if r.value.kind == process.event.CANCEL then
                ticks:stop()
                return "stopped after " .. count .. " ticks"
            end
        else
            count = count + 1
        end
    end
end

return { main = main }
