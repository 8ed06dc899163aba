local registry = require("registry")

type Prices = { [string]: number }

-- Prices `qty` units of `item` with the table in shop.config:prices; an unknown item is an
-- error (with its traceback), so the specs can run both outcomes.
local function handler(item: string, qty: number?): { item: string, qty: number, total: number }
    local entry, err = registry.get("shop.config:prices")
    if not entry then
        error("no price list: " .. tostring(err))
    end
    local prices = entry.data :: Prices
    local price = prices[item]
    if price == nil then
        error("unknown item: " .. tostring(item))
    end
    local n = qty or 1
    return { item = item, qty = n, total = price * n }
end

return { handler = handler }
