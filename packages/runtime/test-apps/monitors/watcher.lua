-- Monitors `target`, tells `report_to` (topic "watching"), then fails: a monitor is one-way,
-- so `target` must not notice.
local function main(target: string, report_to: string)
    local ok, err = process.monitor(target)
    if not ok then error(err) end
    process.send(report_to, "watching", true)
    error(errors.new({ message = "watcher failed", kind = errors.INTERNAL }))
end

return { main = main }
