-- Helper processes for the name tests.
--   "echo"        answers every "ping" with "pong" (same payload) to the sender; returns on "stop"
--   "claim"       registers `name` for itself, then returns it
--   "quick"       returns at once
--   "cancel"      waits for CANCEL and returns its reason
local function main(how: string, name: string?): any
    if how == "echo" then
        local inbox = process.inbox()
        while true do
            local msg = inbox:receive()
            if msg:topic() == "stop" then return "stopped" end
            if msg:topic() == "ping" then process.send(msg:from(), "pong", msg:payload():data()) end
        end
    end
    if how == "claim" then
        local ok, err = process.registry.register(name)
        if not ok then error(err) end
        return name
    end
    if how == "quick" then return "done" end
    if how == "cancel" then return process.events():receive().reason end
    error("child: unknown mode " .. tostring(how))
end

return { main = main }
