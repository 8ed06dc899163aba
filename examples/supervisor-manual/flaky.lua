-- Answers one "work" message, then crashes on the next "crash" message.
local function main(): string
    local inbox = process.inbox()
    while true do
        local msg = inbox:receive()
        if msg:topic() == "crash" then
            error("asked to crash")
        elseif msg:topic() == "work" then
            process.send(msg:from(), "done", msg:payload():data())
        end
    end
end

return { main = main }
