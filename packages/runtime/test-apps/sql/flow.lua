-- A workflow whose activity writes to the database, then (wrongly) requires sql itself.

local function record_step(label: string)
    local sql = require("sql")
    local db = assert(sql.get("matrix.sql:db"))
    assert(db:execute("create table if not exists w_steps (label text)"))
    assert(db:execute("insert into w_steps values ($1)", { label }))
    return true
end

local function flow(label: string)
    local funcs = require("funcs")
    local ok, err = funcs.call("matrix.sql:record_step", label)
    if err then return nil, err end
    local sql = require("sql") -- refused: database calls belong in activities
    return sql ~= nil
end

return { record_step = record_step, flow = flow }
