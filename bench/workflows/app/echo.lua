-- The bench's activity: no work, so what is measured is the engine around it.
local function echo(value: any): any
    return value
end

return { echo = echo }
