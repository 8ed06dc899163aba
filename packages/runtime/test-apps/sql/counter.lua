local sql = require("sql")

-- A process that counts rows and sends the count to whoever spawned it.
local function main(reply_to: string)
    local db, err = sql.get("matrix.sql:db")
    if err then return nil, err end
    local rows, qerr = db:query("select count(*)::int as n from generate_series(1, $1::int)", { 5 })
    if qerr then return nil, qerr end
    process.send(reply_to, "count", rows[1].n)
    return rows[1].n
end

return { main = main }
