local events = require("events")
local registry = require("registry")
local logger = require("logger")

local SETTINGS = "adapt:settings"

local function greeting(): string
    local entry, err = registry.get(SETTINGS)
    if not entry then return "(" .. tostring(err) .. ")" end
    return tostring(entry.data.greeting)
end

-- Announces the greeting, then again after every change of adapt:settings — the same
-- process (no restart): it follows the registry's events and reads the entry anew.
local function main(): string
    local changes = events.subscribe("registry", "entry.*")
    local own = process.events()
    logger:info("greeting is " .. greeting())
    while true do
        local r = channel.select { changes:channel():case_receive(), own:case_receive() }
        if r.channel == own then
            if r.value.kind == process.event.CANCEL then
                changes:close()
                return "stopped"
            end
        elseif r.value.path == SETTINGS then
            logger:info("greeting is now " .. greeting())
        end
    end
end

return { main = main }
