local check = require("check")
local time = require("time")

-- sql works in processes and activities; workflow code may not require it.

local function process_queries()
    local replies = process.listen("count")
    check.ok(process.spawn("matrix.sql:counter", "matrix.sql:processes", process.pid()))
    local count, got = check.within(replies, "10s")
    check.truthy(got, "a count from the process")
    check.eq(count, 5, "count")
end

local function workflow_refuses_sql()
    local sql = require("sql")
    local label = "step-" .. tostring(os.time())
    local pid = check.ok(process.spawn_monitored("matrix.sql:flow", "matrix.sql:workflows", label))
    local event, got = check.within(process.events(), "20s")
    check.truthy(got, "an EXIT from the workflow")
    check.eq(event.from, pid, "EXIT from the workflow")
    local err = event.result.error
    check.truthy(err ~= nil, "the workflow failed")
    check.truthy(tostring(err):find("cannot be used in workflow", 1, true), "refusal message: " .. tostring(err))
    check.truthy(tostring(err):find("activity", 1, true), "advice to use an activity: " .. tostring(err))
    -- The activity before the refusal did run, once.
    local db = check.ok(sql.get("matrix.sql:db"))
    local rows = check.ok(db:query("select count(*)::int as n from w_steps where label = $1", { label }))
    check.eq(rows[1].n, 1, "the activity's row")
end

return { process_queries = process_queries, workflow_refuses_sql = workflow_refuses_sql }
