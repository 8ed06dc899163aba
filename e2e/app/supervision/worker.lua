-- Waits until it is cancelled: a service that runs it stays running.
local function main(): string
    local events = process.events()
    while true do
        local event = events:receive()
        if event and event.kind == process.event.CANCEL then
            return "cancelled"
        end
    end
end

return { main = main }
