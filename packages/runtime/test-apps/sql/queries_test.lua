local check = require("check")
local sql = require("sql")

-- db:query / db:execute with positional parameters, value mapping, error kinds.

local function query_execute_params()
    local db = check.ok(sql.get("matrix.sql:db"))
    check.eq(db:type(), sql.type.POSTGRES, "db:type()")
    check.ok(db:execute("create table if not exists q_items (id serial primary key, name text not null, qty int, note text)"))
    check.ok(db:execute("delete from q_items"))
    local ins = check.ok(db:execute("insert into q_items (name, qty, note) values ($1, $2, $3), ($4, $5, $6)", { "apple", 3, nil, "pear", nil, "ripe" }))
    check.eq(ins.rows_affected, 2, "rows_affected of the insert")
    check.ok(db:execute("insert into q_items (name, qty, note) values ($1, $2, $3)", { "plum", 1 }))
    local rows = check.ok(db:query("select name, qty, note from q_items where name <> $1 order by id", { "none" }))
    check.eq(#rows, 3, "row count")
    check.eq(rows[1].name, "apple", "rows[1].name")
    check.eq(rows[1].qty, 3, "rows[1].qty")
    check.eq(rows[1].note, nil, "NULL is absent")
    check.eq(rows[2].qty, nil, "a nil hole bound NULL")
    check.eq(rows[3].note, nil, "a trailing nil bound NULL")
    local upd = check.ok(db:execute("update q_items set qty = coalesce(qty, 0) + 1"))
    check.eq(upd.rows_affected, 3, "rows_affected of the update")
    check.ok(db:release())
end

local function values_map_to_lua()
    local json = require("json")
    local db = check.ok(sql.get("matrix.sql:db"))
    local r = check.ok(db:query([[select 7::int as i, 5000000000::int8 as big, 9007199254740993::int8 as huge,
        2.5::numeric as num, true as yes, '{"a": [1, 2]}'::jsonb as doc, $1::jsonb as echoed,
        timestamptz '2024-05-06 07:08:09+00' as at, null::int as none]], { json.encode({ k = "v" }) }))[1]
    check.eq(math.type(r.i), "integer", "int4 → integer")
    check.eq(r.big, 5000000000, "int8 beyond 2^31 → number")
    check.eq(r.huge, "9007199254740993", "int8 beyond 2^53 → exact string")
    check.eq(r.num, 2.5, "numeric → number")
    check.eq(r.yes, true, "bool")
    check.eq(r.doc.a[2], 2, "jsonb → table")
    check.eq(r.echoed.k, "v", "json text bound to jsonb")
    check.eq(r.at, "2024-05-06T07:08:09Z", "timestamptz → RFC 3339")
    check.eq(r.none, nil, "NULL → nil")
end

local function errors_have_kinds()
    local db = check.ok(sql.get("matrix.sql:db"))
    local syntax = check.fails(errors.INVALID, "bad SQL", db:query("selec 1"))
    check.eq(syntax:details().sqlstate, "42601", "sqlstate")
    check.ok(db:execute("create table if not exists q_unique (k text primary key)"))
    check.ok(db:execute("insert into q_unique values ($1) on conflict do nothing", { "x" }))
    check.fails(errors.ALREADY_EXISTS, "duplicate key", db:execute("insert into q_unique values ($1)", { "x" }))
    check.fails(errors.NOT_FOUND, "unknown entry", sql.get("matrix.sql:nope"))
    check.fails(errors.INVALID, "not a database", sql.get("matrix.sql:processes"))
    db:release()
    check.fails(errors.INVALID, "released handle", db:query("select 1"))
end

return { query_execute_params = query_execute_params, values_map_to_lua = values_map_to_lua, errors_have_kinds = errors_have_kinds }
