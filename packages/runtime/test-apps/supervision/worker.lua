-- A supervised child whose exit is triggered by a message — the exit kinds of the matrix:
--   "exit"   returns "done"                                    (normal)
--   "fail"   returns nil, err (Conflict, retryable)            (error)
--   "crash"  raises an error object (Internal)                 (crash)
--   and the test may process.terminate it                      (terminate)
-- It registers `name` (its service id) so a test finds the current run by name, and returns
-- when its supervisor cancels it ("service stopping"), so group restarts need no stop_timeout.
local function main(name: string): any
    local registered, err = process.registry.register(name)
    if not registered then error(err) end
    local inbox, events = process.inbox(), process.events()
    while true do
        local r = channel.select { inbox:case_receive(), events:case_receive() }
        if r.channel == events then
            if r.value.kind == process.event.CANCEL then return "stopped" end
        else
            local topic = r.value:topic()
            if topic == "exit" then return "done" end
            if topic == "fail" then
                return nil, errors.new({ message = name .. " failed", kind = errors.CONFLICT, retryable = true })
            end
            if topic == "crash" then error(errors.new({ message = name .. " crashed", kind = errors.INTERNAL })) end
        end
    end
end

return { main = main }
