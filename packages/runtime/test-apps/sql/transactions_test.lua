local check = require("check")
local sql = require("sql")

-- db:begin → tx: commit, rollback, savepoints.

local function setup()
    local db = check.ok(sql.get("matrix.sql:db"))
    check.ok(db:execute("create table if not exists t_accounts (name text primary key, balance int not null)"))
    check.ok(db:execute("delete from t_accounts"))
    check.ok(db:execute("insert into t_accounts values ('a', 100), ('b', 0)"))
    return db
end

local function balance(db: any, name: string): number
    return check.ok(db:query("select balance from t_accounts where name = $1", { name }))[1].balance
end

local function commit_and_rollback()
    local db = setup()
    local tx = check.ok(db:begin({ isolation = sql.isolation.SERIALIZABLE }))
    check.ok(tx:execute("update t_accounts set balance = balance - 40 where name = 'a'"))
    check.ok(tx:execute("update t_accounts set balance = balance + 40 where name = 'b'"))
    check.eq(balance(db, "b"), 0, "not visible before commit")
    check.eq(check.ok(tx:commit()), true, "commit")
    check.eq(balance(db, "b"), 40, "visible after commit")
    check.fails(errors.INVALID, "a committed transaction", tx:query("select 1"))

    local undo = check.ok(db:begin())
    check.ok(undo:execute("delete from t_accounts"))
    check.ok(undo:rollback())
    check.eq(balance(db, "a"), 60, "rolled back")
end

local function savepoints()
    local db = setup()
    local tx = check.ok(db:begin())
    check.ok(tx:execute("update t_accounts set balance = 1 where name = 'a'"))
    check.ok(tx:savepoint("before_b"))
    check.ok(tx:execute("update t_accounts set balance = 2 where name = 'b'"))
    check.ok(tx:rollback_to("before_b"))
    check.ok(tx:commit())
    check.eq(balance(db, "a"), 1, "kept before the savepoint")
    check.eq(balance(db, "b"), 0, "undone after it")
end

return { commit_and_rollback = commit_and_rollback, savepoints = savepoints }
