-- Ends with a structured error, raised ("raise") or returned ("return"):
-- {message = "stock is gone", kind = Conflict, retryable = true, details = {sku = "A-1"}}.
local function main(how: string): any
    local err = errors.new({ message = "stock is gone", kind = errors.CONFLICT, retryable = true, details = { sku = "A-1" } })
    if how == "raise" then error(err) end
    if how == "raise_wrapped" then error(errors.wrap(err, "reserving")) end
    return nil, err
end

return { main = main }
