local time = require("time")

-- A test is a function with a process identity: it can look up names and receive replies.
local function run(): boolean
    local pong, err = process.registry.lookup("pong")
    if not pong then error("pong is not running: " .. tostring(err)) end
    local replies = process.listen("pong")
    process.send(pong, "ping", 41)
    local r = channel.select { replies:case_receive(), time.after("2s"):case_receive() }
    if r.channel ~= replies then error("no reply from pong") end
    return r.value == 42
end

return { run = run }
