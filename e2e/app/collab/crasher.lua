-- Fails as soon as it starts, so a service that runs it restarts until its policy gives up.
local function main(): string
    error("collab crasher: failing on purpose")
end

return { main = main }
