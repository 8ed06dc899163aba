-- Greets someone; a test function (meta.type: test).
local json = require("json")

local function main(name: string?): string
    return "hello, " .. (name or "world")
end

return { main = main }
