local funcs = require("funcs")
local time = require("time")

-- One order, durably: every call below is recorded; on another node the code re-runs and the
-- recorded results come back instead of running the steps again.
local function run(order: { item: string, qty: number, amount: number })
    local stock, err = funcs.call("shop:reserve_stock", order.item, order.qty)
    if err then return nil, err end

    -- Wait for approval (a signal), at most 30 seconds (a durable timer).
    local r = channel.select { process.inbox():case_receive(), time.after("30s"):case_receive() }
    local approved = r.channel ~= nil and r.value ~= nil and type(r.value) ~= "boolean" and r.value:topic() == "approve"
    if not approved then
        funcs.call("shop:release_stock", stock.reservation)
        return { status = "not approved", released = stock.reservation }
    end

    local payment, perr = funcs.call("shop:charge_card", order.amount)
    if perr then
        -- Compensation: undo the reservation, then report why.
        funcs.call("shop:release_stock", stock.reservation)
        return { status = "declined", reason = perr:message(), released = stock.reservation }
    end

    time.sleep("50ms") -- handing over to shipping
    return { status = "shipped", charged = payment.charged, reservation = stock.reservation }
end

return { run = run }
