-- Waits for one message and sends its payload back to the sender, then exits.
local function main(): boolean
    local msg = process.inbox():receive()
    process.send(msg:from(), "echo", msg:payload():data())
    return true
end

return { main = main }
