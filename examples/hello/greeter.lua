local funcs = require("funcs")
local logger = require("logger")

-- Answers every "greet" message with a "greeting" reply; stops when cancelled.
local function main(): string
    logger:info("greeter started", { pid = process.pid() })
    local inbox = process.inbox()
    local events = process.events()
    while true do
        local r = channel.select { inbox:case_receive(), events:case_receive() }
        if r.channel == events then
            if r.value.kind == process.event.CANCEL then
                logger:info("greeter stopping")
                return "stopped"
            end
        elseif r.value:topic() == "greet" then
            local msg = r.value
            local text, err = funcs.call("app:hello", msg:payload():data())
            process.send(msg:from(), "greeting", text or tostring(err))
        end
    end
end

return { main = main }
