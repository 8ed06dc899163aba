local funcs = require("funcs")

local function run(): boolean
    local sum, err = funcs.call("pool:sum_squares", 100, 8)
    if err then error(err) end
    return sum == 338350
end

return { run = run }
