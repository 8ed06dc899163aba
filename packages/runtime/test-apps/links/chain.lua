-- One process of a chain of linked processes: at `depth` > 1 it spawns the next one linked
-- (depth - 1) and waits forever; at depth 1 it waits for a message, then fails. Each reports
-- {pid, depth} to `report_to` (topic "chain"). The process at `trap_depth` traps links.
local function main(depth: number, report_to: string, trap_depth: number?): string
    if depth == trap_depth then process.set_options({ trap_links = true }) end
    if depth > 1 then
        local next_pid = process.spawn_linked("matrix.links:chain", "matrix.links:processes", depth - 1, report_to, trap_depth)
        if not next_pid then error("chain: spawn failed") end
    end
    process.send(report_to, "chain", { pid = process.pid(), depth = depth })
    process.inbox():receive()
    if depth == 1 then error(errors.new({ message = "end of the chain failed", kind = errors.INTERNAL })) end
    return "released"
end

return { main = main }
