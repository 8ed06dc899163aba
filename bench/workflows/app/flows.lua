local funcs = require("funcs")

-- `n` activities in a row; returns the sum of what they returned.
local function chain(n: number): number
    local sum = 0
    for i = 1, n do
        local v, err = funcs.call("bench:echo", i)
        if err then error(err) end
        sum = sum + v
    end
    return sum
end

-- `n` activities, then one signal, then one more activity: after a takeover the new worker
-- replays the `n` calls and then has a command to issue (its first append marks "caught up").
local function resumable(n: number): number
    chain(n)
    process.inbox():receive()
    local v, err = funcs.call("bench:echo", n + 1)
    if err then error(err) end
    return v
end

-- An activity and then a durable sleep of `period`, `n` times: a history that grows steadily.
local function ticker(n: number, period: string): number
    local time = require("time") -- here, not at the top: only this entry lists the time module
    for i = 1, n do
        local _, err = funcs.call("bench:echo", i)
        if err then error(err) end
        time.sleep(period)
    end
    return n
end

return { chain = chain, resumable = resumable, ticker = ticker }
