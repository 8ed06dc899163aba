local time = require("time")

local function place(amount: number)
    local pid, err = process.spawn_monitored("shop:order", "shop:workflows", { item = "pen", qty = 1, amount = amount })
    if not pid then error(err) end
    process.send(pid, "approve", "tester")
    local events = process.events()
    local r = channel.select { events:case_receive(), time.after("20s"):case_receive() }
    if r.channel ~= events then error("no EXIT from the workflow") end
    if r.value.result.error then error(r.value.result.error) end
    return r.value.result.value
end

local function approved(): boolean
    local result = place(10)
    return result.status == "shipped" and result.charged == 10 and result.reservation == "penx1"
end

local function declined(): boolean
    local result = place(5000)
    return result.status == "declined" and result.released == "penx1" and result.reason:find("declined") ~= nil
end

return { approved = approved, declined = declined }
