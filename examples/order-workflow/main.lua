local io = require("io")
local time = require("time")

-- Starts an order, approves it, waits for the workflow's result and prints it.
local function main(amount: string?): number
    local pid, err = process.spawn_monitored("shop:order", "shop:workflows", { item = "book", qty = 2, amount = tonumber(amount or "25") })
    if not pid then error(err) end
    io.print("order " .. pid .. " started; approving")
    process.send(pid, "approve", "operator")
    local r = channel.select { process.events():case_receive(), time.after("20s"):case_receive() }
    if r.channel == nil or r.value == nil or r.value.kind ~= process.event.EXIT then error("no result within 20s") end
    if r.value.result.error then error(r.value.result.error) end
    local result = r.value.result.value
    io.print("order " .. result.status .. (result.released and (", released " .. result.released) or "") .. (result.reason and (": " .. result.reason) or ""))
    return 0
end

return { main = main }
