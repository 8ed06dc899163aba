-- A workflow the agent service starts: it acts with the service's actor and scope, in its own
-- code and in its activities, on whichever node runs it.
local funcs = require("funcs")
local security = require("security")

local function main()
    local who, err = funcs.call("matrix.security:whoami_fn")
    if err then return nil, err end
    local _, denied = funcs.call("matrix.security:secret_fn")
    local me = security.actor()
    return {
        actor = me and me:id() or "none",
        activity = who.value.actor,
        secret = denied and denied:kind() or "allowed",
        message = denied and denied:message() or "",
    }
end

return { main = main }
