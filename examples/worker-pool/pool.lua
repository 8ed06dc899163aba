-- Squares 1..n with `workers` coroutines that take jobs from one channel and put results on
-- another; returns the sum. Every worker ends when the jobs channel is closed and drained.
local function sum_squares(n: number, workers: number?): number
    workers = workers or 4
    local jobs = channel.new(n)
    local results = channel.new(n)
    for _ = 1, workers do
        coroutine.spawn(function()
            while true do
                local x, ok = jobs:receive()
                if not ok then return end
                results:send(x * x)
            end
        end)
    end
    for i = 1, n do jobs:send(i) end
    jobs:close()
    local sum = 0
    for _ = 1, n do
        local v = results:receive()
        sum = sum + v
    end
    return sum
end

return { sum_squares = sum_squares }
