local funcs = require("funcs")
local io = require("io")

-- `npx wippy run examples/worker-pool -x pool:main 100` prints the sum of squares 1..100.
local function main(n: string?): number
    local count = tonumber(n or "10") or 10
    local sum, err = funcs.call("pool:sum_squares", count, 4)
    if err then error(err) end
    io.print("sum of squares 1.." .. count .. " = " .. sum)
    return 0
end

return { main = main }
