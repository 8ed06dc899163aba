local ctx = require("ctx")

-- Reserves stock; the idempotency key is stable across retries and failovers of one step.
local function reserve_stock(item: string, qty: number)
    return { reservation = item .. "x" .. qty, key = ctx.get("idempotency_key") }
end

local function release_stock(reservation: string)
    return { released = reservation }
end

-- Cards over the limit are declined for good: retrying cannot help.
local function charge_card(amount: number)
    if amount > 1000 then
        return nil, errors.new({ message = "card declined: over the limit", kind = errors.INVALID, retryable = false })
    end
    return { charged = amount }
end

return { reserve_stock = reserve_stock, release_stock = release_stock, charge_card = charge_card }
