/**
 * `sql.get`, `db:query`, `db:execute`, prepared statements and the value mapping, on both test
 * PostgreSQL servers (Wippy's storage/sql.md; mapping in `src/sql/postgres-values.ts`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTargets } from "@wippy/db/testing";
import { normal, sqlWorld, type SqlWorld } from "./sql-world.testing";

describe.each(testTargets())("sql queries on $name PostgreSQL", (target) => {
  let world: SqlWorld;

  beforeAll(async () => {
    world = await sqlWorld(target);
    await world.tdb.sql`create table items (id serial primary key, name text, qty int, note text, flag boolean)`;
  });
  afterAll(async () => world?.close());

  it("query → an array of rows keyed by column; execute → {rows_affected, last_insert_id}", async () => {
    const exit = await world.run(`
      local db, err = sql.get("app.data:main")
      assert(db and not err, tostring(err))
      local ins = db:execute("insert into items (name, qty) values ($1, $2), ($3, $4)", { "apple", 3, "pear", 5 })
      local rows = db:query("select name, qty from items where qty >= $1 order by id", { 1 })
      local upd = db:execute("update items set qty = qty + 1 where name = $1", { "apple" })
      local none = db:query("select * from items where false")
      return { ins.rows_affected, ins.last_insert_id, rows, upd.rows_affected, #none, db:type() }`);
    expect(exit).toEqual(normal([2, 0, [{ name: "apple", qty: 3 }, { name: "pear", qty: 5 }], 1, 0, "postgres"]));
  });

  it("nil in params binds NULL: holes, params.n, a trailing nil, sql.NULL, and values given one by one", async () => {
    await world.tdb.sql`delete from items`;
    const exit = await world.run(`
      local db = sql.get("app.data:main")
      local sql_text = "insert into items (name, qty, note) values ($1, $2, $3)"
      assert(db:execute(sql_text, { "hole", nil, "x" }))
      assert(db:execute(sql_text, table.pack("packed", 1, nil)))
      assert(db:execute(sql_text, { "trailing", 2 }))
      assert(db:execute(sql_text, { "marker", sql.NULL, sql.as.null() }))
      assert(db:execute(sql_text, "listed", 4, nil))
      local rows = db:query("select name, qty, note from items order by id")
      local nulls = db:query("select count(*) as n from items where note is null")
      return { rows, nulls[1].n }`);
    expect(exit).toEqual(
      normal([
        [{ name: "hole", note: "x" }, { name: "packed", qty: 1 }, { name: "trailing", qty: 2 }, { name: "marker" }, { name: "listed", qty: 4 }],
        4,
      ]),
    );
  });

  it("maps PostgreSQL types to Lua values", async () => {
    const exit = await world.run(`
      local db = sql.get("app.data:main")
      local r = db:query([[select 42::int as i, 5000000000::int8 as big, 9007199254740993::int8 as huge,
        12.50::numeric as num, 12345678901234567890.123456789::numeric as wide, 1.5::float8 as f,
        true as yes, false as no, '{"a": [1, 2], "b": {"c": "d"}, "n": null}'::jsonb as doc, '[1, "x"]'::json as list,
        timestamp '2024-01-02 03:04:05.123456' as ts, timestamptz '2024-01-02 03:04:05+00' as tstz,
        date '2024-01-02' as d, null::text as missing, 'héllo'::text as t, '\\x00ff'::bytea as bin,
        array[1, 2, 3] as arr, gen_random_uuid() is not null as has_uuid]])[1]
      return { r, math.type(r.i), math.type(r.big), type(r.huge), math.type(r.f), r.missing == nil, #r.bin, string.byte(r.bin, 2) }`);
    expect(exit.kind).toBe("normal");
    const [row, intType, bigType, hugeType, floatType, missing, binLength, secondByte] = (exit as { value: unknown[] }).value;
    expect(row).toMatchObject({
      i: 42,
      big: 5_000_000_000,
      huge: "9007199254740993",
      num: 12.5,
      wide: "12345678901234567890.123456789",
      f: 1.5,
      yes: true,
      no: false,
      doc: { a: [1, 2], b: { c: "d" } },
      list: [1, "x"],
      ts: "2024-01-02T03:04:05.123456Z",
      tstz: "2024-01-02T03:04:05Z",
      d: "2024-01-02",
      t: "héllo",
      arr: [1, 2, 3],
      has_uuid: true,
    });
    expect(row).not.toHaveProperty("missing");
    expect([intType, bigType, hugeType, floatType, missing, binLength, secondByte]).toEqual(["integer", "float", "string", "float", true, 2, 255]);
  });

  it("binds Lua values by the type the server infers: json text and tables for jsonb, strings for numbers and booleans", async () => {
    const exit = await world.run(`
      local db = sql.get("app.data:main")
      local r = db:query([[select $1::jsonb as from_text, $2::jsonb as from_table, $3::jsonb as from_array,
        $4::int8 + 1 as from_string, $5::boolean as from_word, $6::numeric as from_float, $7::text as from_bool,
        $8::bytea as from_binary, $9::int as from_typed, $10::int[] as from_list]],
        { json.encode({ k = "v" }), { n = 1, nested = { true } }, { 1, 2 }, "9007199254740992", "true", 0.25, false,
          sql.as.binary("\\0\\1"), sql.as.int(7.9), { 4, 5 } })[1]
      return r`);
    expect(exit).toEqual(
      normal({
        from_text: { k: "v" },
        from_table: { n: 1, nested: [true] },
        from_array: [1, 2],
        from_string: "9007199254740993",
        from_word: true,
        from_float: 0.25,
        from_bool: "false",
        from_binary: "\u0000\u0001",
        from_typed: 7,
        from_list: [4, 5],
      }),
    );
  });

  it("db:prepare → a statement run many times; stmt:close retires it", async () => {
    const exit = await world.run(`
      local db = sql.get("app.data:main")
      local stmt = assert(db:prepare("select $1::int * 2 as twice"))
      local out = {}
      for i = 1, 3 do out[i] = stmt:query({ i })[1].twice end
      local ins = assert(db:prepare("insert into items (name) values ($1)"))
      local res = ins:execute({ "prepared" })
      assert(stmt:close())
      local _, err = stmt:query({ 1 })
      return { out, res.rows_affected, err:kind() }`);
    expect(exit).toEqual(normal([[2, 4, 6], 1, "Invalid"]));
  });

  it("several statements without parameters run as one script; the last result counts", async () => {
    const exit = await world.run(`
      local db = sql.get("app.data:main")
      local res = assert(db:execute("create table script_a (x int); insert into script_a values (1), (2), (3)"))
      local rows = db:query("select count(*)::int as n from script_a")
      return { res.rows_affected, rows[1].n }`);
    expect(exit).toEqual(normal([3, 3]));
  });

  it("db:stats → pool numbers; constants match Wippy's", async () => {
    const exit = await world.run(`
      local db = sql.get("app.data:main")
      db:query("select 1")
      local s = db:stats()
      return { s.max_open_connections, s.open_connections >= 1, s.in_use, s.wait_count, sql.type.POSTGRES, sql.isolation.SERIALIZABLE, tostring(sql.NULL) }`);
    expect(exit).toEqual(normal([4, true, 0, 0, "postgres", "serializable", "sql.NULL"]));
  });

  it("placeholders inside strings, quoted names, comments and $$ bodies are not parameters", async () => {
    const exit = await world.run(`
      local db = sql.get("app.data:main")
      local r = db:query([[select '$2' as a, $1::text as "$3", $$ $4 $$ as b -- $5
        /* $6 */]], { "one" })[1]
      return { r.a, r["$3"], r.b }`);
    expect(exit).toEqual(normal(["$2", "one", " $4 "]));
  });
});
