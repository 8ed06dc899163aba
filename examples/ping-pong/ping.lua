local time = require("time")
local logger = require("logger")

-- Looks "pong" up by name (waiting for it to register), then plays `rounds` exchanges.
local function main(rounds: number?): number
    rounds = rounds or 3
    local pong = nil
    for _ = 1, 50 do
        pong = process.registry.lookup("pong")
        if pong then break end
        time.sleep("20ms")
    end
    if not pong then error(errors.new({ message = "pong never registered", kind = errors.NOT_FOUND })) end

    local replies = process.listen("pong")
    local n = 0
    for _ = 1, rounds do
        process.send(pong, "ping", n)
        local r = channel.select { replies:case_receive(), time.after("1s"):case_receive() }
        if r.channel ~= replies then error("no reply within 1s") end
        n = r.value
    end
    logger:info("ping done", { rounds = rounds, last = n })
    return n
end

return { main = main }
