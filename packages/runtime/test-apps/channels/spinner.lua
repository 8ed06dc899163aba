local time = require("time")

-- Starts a coroutine that sends "tick" to `to` every 5 ms forever, then returns after 30 ms:
-- the coroutine must end with the process.
local function main(to: string): string
    coroutine.spawn(function()
        local i = 0
        while true do
            i = i + 1
            process.send(to, "tick", i)
            time.sleep("5ms")
        end
    end)
    time.sleep("30ms")
    return "done"
end

return { main = main }
