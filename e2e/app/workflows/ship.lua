local time = require("time")

-- Ships a packed order and answers its tracking code.
local function run(label: string)
    time.sleep("100ms")
    return { tracking = "TRK-" .. label }
end

return { run = run }
