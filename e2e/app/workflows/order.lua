local funcs = require("funcs")
local time = require("time")
local workflow = require("workflow")

-- One order, durably: each step below is recorded, and a run that moves to another node
-- replays them instead of doing them again.
local function run(order: { item: string, qty: number })
    local packed, err = funcs.call("flows:pack", order.item, order.qty)
    if err then return nil, err end

    -- Wait for an approval signal: {"by": "<who>"}.
    local approval = process.inbox():receive()
    local by = approval:payload():data()

    time.sleep("300ms") -- a durable timer: handing over to shipping

    local shipped, serr = workflow.exec("flows:ship", packed.label)
    if serr then return nil, serr end
    return { status = "shipped", label = packed.label, approved_by = by and by.by or "someone", tracking = shipped.tracking }
end

return { run = run }
