local tree = require("tree")

-- one_for_one: only the child that ended is restarted (when its restart type says so);
-- its siblings' runs go on.
return tree.cases("one_for_one", {
    -- permanent: restarted after any exit.
    permanent = {
        normal = { permanent = "new", transient = "same", temporary = "same" },
        error = { permanent = "new", transient = "same", temporary = "same" },
    },
    -- transient: a normal exit is final, an error exit is restarted.
    transient = {
        normal = { permanent = "same", transient = "down", temporary = "same" },
        error = { permanent = "same", transient = "new", temporary = "same" },
    },
    -- temporary: never restarted.
    temporary = {
        normal = { permanent = "same", transient = "same", temporary = "down" },
        error = { permanent = "same", transient = "same", temporary = "down" },
    },
})
