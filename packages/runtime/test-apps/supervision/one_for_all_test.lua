local tree = require("tree")

-- one_for_all: a restart of one child takes every sibling along (stopped in reverse start
-- order, started again in order); a temporary sibling is stopped and, as in OTP, stays down.
-- A child that is not restarted (transient normal, temporary) disturbs no one.
local ALL = { permanent = "new", transient = "new", temporary = "down" }

return tree.cases("one_for_all", {
    permanent = { normal = ALL, error = ALL },
    transient = {
        normal = { permanent = "same", transient = "down", temporary = "same" },
        error = ALL,
    },
    temporary = {
        normal = { permanent = "same", transient = "same", temporary = "down" },
        error = { permanent = "same", transient = "same", temporary = "down" },
    },
})
