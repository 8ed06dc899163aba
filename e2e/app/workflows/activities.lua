-- Packs an order line; the label is what the rest of the order refers to.
local function pack(item: string, qty: number)
    if qty < 1 then
        return nil, errors.new({ message = "nothing to pack: qty must be at least 1", kind = errors.INVALID, retryable = false })
    end
    return { label = item .. "x" .. qty }
end

return { pack = pack }
