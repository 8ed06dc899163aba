local time = require("time")
local util = require("util")

local function run(count)
    for i = 1, count or 3 do
        print(util.shout("tick " .. i))
        time.sleep("10ms")
    end
end

return {
    run = run,
    -- also exported for tests
    ["helper"] = util.shout,
}
