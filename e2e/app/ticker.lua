local time = require("time")
local logger = require("logger")

-- Ticks once a second until it is cancelled, logging each tick; logs what arrives in its inbox.
local function main(): string
    local events = process.events()
    local inbox = process.inbox()
    local ticks = time.ticker("1s")
    local count = 0
    while true do
        local r = channel.select { events:case_receive(), inbox:case_receive(), ticks:channel():case_receive() }
        if r.channel == events then
            if r.value.kind == process.event.CANCEL then
                ticks:stop()
                logger:info("ticker stopping", { ticks = count })
                return "stopped after " .. count .. " ticks"
            end
        elseif r.channel == inbox then
            logger:info("ticker got " .. r.value:topic(), { payload = r.value:payload():data() })
        else
            count = count + 1
            logger:info("tick", { count = count })
        end
    end
end

return { main = main }
