-- Golden fixture: an order with activities, a compensation path, a signal raced against a
-- durable timer, and a version marker. Its recorded history is order.history.json.
local funcs = require("funcs")
local time = require("time")
local workflow = require("workflow")

local function main(order)
  local started = time.now()
  local reservation = funcs.call("app:reserve", order.items)
  local payment, err = funcs.call("app:charge", order.total)
  if err then
    funcs.call("app:release", reservation)
    return nil, err
  end
  local approval = process.listen("approval")
  local r = channel.select({ approval:case_receive(), time.after("1h"):case_receive() })
  local approved = r.channel == approval and r.value.approved or false
  local speed = "standard"
  if workflow.version("express-shipping", workflow.DEFAULT_VERSION, 1) == 1 then
    speed = "express"
  end
  local shipment = funcs.call("app:ship", order.id, speed)
  return {
    reservation = reservation,
    payment = payment,
    shipment = shipment,
    approved = approved,
    took = time.now():sub(started):seconds(),
  }
end

return { main = main }
