local time = require("time")

-- Links to a `matrix.links:child` that ends as `how` says ("terminate": a waiting child that
-- the test terminates), keeping trap_links at its default (false). Reports the child's pid to
-- `report_to` (topic "child") while it is still alive, then lingers: it returns
-- {survived = true} unless the link kills it first. With `unlink_first` it unlinks before
-- reporting.
local function main(how: string, report_to: string, unlink_first: boolean?): table
    local child = process.spawn_linked("matrix.links:child", "matrix.links:processes", how == "terminate" and "wait" or how)
    if not child then error("observer could not spawn its child") end
    if unlink_first then
        local ok, err = process.unlink(child)
        if not ok then error(err) end
    end
    process.send(report_to, "child", child)
    time.sleep("1s")
    return { survived = true, trap_links = process.get_options().trap_links }
end

return { main = main }
