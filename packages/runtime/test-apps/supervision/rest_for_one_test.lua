local tree = require("tree")

-- rest_for_one (start order: permanent, transient, temporary): a restart takes along the
-- children started after the one that ended; earlier ones go on. A temporary child taken along
-- is stopped and stays down. A child that is not restarted disturbs no one.
return tree.cases("rest_for_one", {
    permanent = {
        normal = { permanent = "new", transient = "new", temporary = "down" },
        error = { permanent = "new", transient = "new", temporary = "down" },
    },
    transient = {
        normal = { permanent = "same", transient = "down", temporary = "same" },
        error = { permanent = "same", transient = "new", temporary = "down" },
    },
    temporary = {
        normal = { permanent = "same", transient = "same", temporary = "down" },
        error = { permanent = "same", transient = "same", temporary = "down" },
    },
})
