local logger = require("logger")
local registry = require("registry")

-- Answers every job with a greeting built from `pipeline:settings`, read on each job: a new
-- version of the entry (`wippy apply`) changes the very next answer, and nothing restarts.
local function main(): string
    process.registry.register("greeter")
    local inbox, events = process.inbox(), process.events()
    local current = nil
    while true do
        local r = channel.select { inbox:case_receive(), events:case_receive() }
        if r.channel == events then
            if r.value.kind == process.event.CANCEL then return "stopped" end
        elseif r.value:topic() == "job" then
            local msg = r.value
            local job = msg:payload():data()
            local settings, err = registry.get("pipeline:settings")
            if not settings then logger:warn("settings unreadable; using the default", { error = tostring(err) }) end
            local greeting = settings and tostring(settings.data.greeting) or "Hello"
            if greeting ~= current then
                logger:info("greeting is now " .. greeting, { previous = current, job = job })
                current = greeting
            end
            process.send(msg:from(), "result", { worker = "greeter", job = job, text = greeting .. ", job " .. tostring(job) })
        end
    end
end

return { main = main }
