-- Links itself to `target` with process.link (the link is made from this side), tells
-- `report_to` (topic "linked"), then either raises ("raise") or waits for a message ("wait",
-- trap_links false: it dies with `target` if `target` fails).
local function main(target: string, report_to: string, how: string): string
    local ok, err = process.link(target)
    if not ok then error(err) end
    process.send(report_to, "linked", process.pid())
    if how == "raise" then error(errors.new({ message = "linker failed", kind = errors.INTERNAL })) end
    process.inbox():receive()
    return "released"
end

return { main = main }
