local function main()
    return "ok"
end

local x = @@

return { main = main }
