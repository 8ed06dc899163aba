-- Golden fixture: an activity retried with backoff, a child workflow, side effects, and a
-- cooperative cancel. Its recorded history is retry-child.history.json.
local funcs = require("funcs")
local time = require("time")
local uuid = require("uuid")
local workflow = require("workflow")

local function main(n)
  local id = uuid.v4()
  local flaky = funcs.new():with_options({ retry = { initial_interval = "2s", backoff = 2, max_attempts = 4 } })
  local value = flaky:call("app:flaky", n)
  local doubled = workflow.exec("app:double_flow", value)
  local dice = math.random(1, 6)
  local events = process.events()
  local r = channel.select({ events:case_receive(), time.after("1m"):case_receive() })
  if r.channel == events then
    return nil, errors.new({ kind = errors.CANCELED, message = "canceled after " .. doubled .. " (" .. id .. ", " .. dice .. ")" })
  end
  return { id = id, doubled = doubled, dice = dice }
end

return { main = main }
