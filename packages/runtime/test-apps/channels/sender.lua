-- Sends 1..n to `to` on `topic`, one message each.
local function main(to: string, n: number, topic: string): number
    for i = 1, n do process.send(to, topic, i) end
    return n
end

return { main = main }
