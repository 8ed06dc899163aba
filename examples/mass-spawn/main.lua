local time = require("time")

-- Spawns `n` echo processes, sends each its index, and checks that every index comes back.
local function run(n: number?): boolean
    n = n or 10000
    local started = time.now()
    local pids = {}
    for i = 1, n do
        local pid, err = process.spawn("mass:echo", "mass:processes")
        if not pid then error(err) end
        pids[i] = pid
    end
    local spawned = time.now()
    local replies = process.listen("echo")
    for i = 1, n do process.send(pids[i], "ping", i) end
    local seen, sum = 0, 0
    while seen < n do
        local r = channel.select { replies:case_receive(), time.after("10s"):case_receive() }
        if r.channel ~= replies then error("only " .. seen .. " of " .. n .. " replies arrived") end
        seen = seen + 1
        sum = sum + r.value
    end
    local done = time.now()
    print(string.format("%d processes: spawned in %.0f ms, all replied in %.0f ms",
        n, spawned:sub(started):milliseconds(), done:sub(spawned):milliseconds()))
    return sum == n * (n + 1) / 2
end

-- `npx wippy run examples/mass-spawn -x mass:main [n]`
local function main(n: string?): number
    local io = require("io")
    local count = tonumber(n or "10000") or 10000
    if not run(count) then error("some replies were wrong") end
    io.print("all " .. count .. " processes answered")
    return 0
end

return { main = main, run = run }
