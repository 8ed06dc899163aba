-- Runs one op (by name) with whatever actor and scope it was started with.
local ops = require("ops")

return {
    main = function(op: string) return ops[op]() end,
    whoami = function() return ops.whoami() end,
}
