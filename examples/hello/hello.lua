local registry = require("registry")

type Greeting = { text: string, target: string }

-- Builds the greeting from the registry entry app:greeting, so a registry change
-- takes effect on the next call without a restart.
local function handler(name: string?): string
    local entry, err = registry.get("app:greeting")
    if not entry then
        return "Hello, " .. (name or "world") .. "! (" .. tostring(err) .. ")"
    end
    local cfg = entry.data :: Greeting
    return cfg.text .. ", " .. (name or cfg.target) .. "!"
end

return { handler = handler }
