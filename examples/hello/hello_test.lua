local funcs = require("funcs")

local function run(): boolean
    local text, err = funcs.call("app:hello", "tester")
    if err then error(err) end
    return text:match(", tester!$") ~= nil
end

return { run = run }
