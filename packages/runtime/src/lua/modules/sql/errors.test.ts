/**
 * Failures reach Lua as `nil, err` with Wippy's kinds (storage/sql.md "Errors";
 * `src/sql/postgres-errors.ts`), never as a raise: bad SQL, constraint violations, unknown and
 * wrong entries, released handles, bad parameters, an unreachable server.
 */
import { connect, createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTargets } from "@wippy/db/testing";
import { connectionFields, DB, entry, normal, sqlWorld, type SqlWorld } from "./sql-world.testing";

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A TCP proxy on `port` to the test server of `url` (the server "coming back"). */
async function proxy(port: number, url: string): Promise<Server> {
  const upstream = new URL(url);
  const server = createServer((client) => {
    const pg = connect(Number(upstream.port || 5432), upstream.hostname);
    client.pipe(pg).pipe(client);
    client.on("error", () => pg.destroy());
    pg.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return server;
}

describe.each(testTargets())("sql errors on $name PostgreSQL", (target) => {
  let world: SqlWorld;

  beforeAll(async () => {
    world = await sqlWorld(target);
    await world.tdb.sql`create table users (email text primary key)`;
    await world.tdb.sql`insert into users values ('a@x')`;
  });
  afterAll(async () => world?.close());

  it("bad SQL → Invalid with the SQLSTATE; a unique violation → AlreadyExists with the constraint", async () => {
    const exit = await world.run(`
      local db = sql.get("app.data:main")
      local rows, syntax = db:query("selec 1")
      local res, dup = db:execute("insert into users values ($1)", { "a@x" })
      local _, missing = db:query("select * from no_such_table")
      local _, bad_int = db:query("select $1::int", { "seven" })
      return { rows == nil, syntax:kind(), syntax:retryable(), syntax:details().sqlstate,
               res == nil, dup:kind(), dup:details().sqlstate, dup:details().constraint,
               missing:kind(), missing:details().sqlstate, bad_int:kind() }`);
    expect(exit).toEqual(normal([true, "Invalid", false, "42601", true, "AlreadyExists", "23505", "users_pkey", "Invalid", "42P01", "Invalid"]));
  });

  it("sql.get: unknown id → NotFound, empty → Invalid, another kind or database kind → Invalid naming it", async () => {
    world.setEntries([
      world.dbEntry(),
      entry("app:cfg", "registry.entry", { a: 1 }),
      entry("app:lite", "db.sql.sqlite", { file: ":memory:" }),
      entry("app:incomplete", "db.sql.postgres", { host: "127.0.0.1" }),
    ]);
    const exit = await world.run(`
      local function check(id)
        local db, err = sql.get(id)
        return { db == nil, err:kind(), err:retryable(), err:message() }
      end
      return { check("app:nope"), check(""), check("app:cfg"), check("app:lite"), check("app:incomplete") }`);
    expect(exit.kind).toBe("normal");
    const [nope, empty, cfg, lite, incomplete] = (exit as { value: [boolean, string, boolean, string][] }).value;
    expect(nope).toEqual([true, "NotFound", false, "database app:nope not found"]);
    expect(empty?.slice(0, 3)).toEqual([true, "Invalid", false]);
    expect(cfg?.slice(0, 3)).toEqual([true, "Invalid", false]);
    expect(cfg?.[3]).toMatch(/registry\.entry, not a database/);
    expect(lite?.slice(0, 3)).toEqual([true, "Invalid", false]);
    expect(lite?.[3]).toMatch(/db\.sql\.sqlite.*db\.sql\.postgres databases only/);
    expect(incomplete?.slice(0, 3)).toEqual([true, "Invalid", false]);
    expect(incomplete?.[3]).toMatch(/database is required/);
  });

  it("a released handle refuses every call with Invalid; release is idempotent", async () => {
    const exit = await world.run(`
      local db = sql.get("app.data:main")
      assert(db:release())
      local again = db:release()
      local rows, err = db:query("select 1")
      local _, err2 = db:execute("select 1")
      local _, err3 = db:begin()
      return { again, rows == nil, err:kind(), err:message(), err2:kind(), err3:kind(), tostring(db) }`);
    expect(exit).toEqual(
      normal([true, true, "Invalid", "the handle of database app.data:main was released; get a new one with sql.get", "Invalid", "Invalid", "sql database app.data:main (released)"]),
    );
  });

  it("Wippy's query builder is not available: calling it raises, saying what to write instead", async () => {
    const exit = await world.run(`
      local ok, err = pcall(sql.builder.select, "id")
      return { ok, tostring(err) }`);
    expect(exit).toEqual(normal([false, expect.stringContaining("sql.builder.select is not available in this runtime: write the SQL with $1")]));
  });

  it("parameters that cannot be bound → Invalid, before anything runs", async () => {
    const exit = await world.run(`
      local db = sql.get("app.data:main")
      local _, fn_err = db:query("select $1", { print })
      local _, map_err = db:query("select $1", { a = 1 })
      local _, opt_err = db:begin("serializable")
      return { fn_err:kind(), fn_err:message(), map_err:kind(), opt_err:kind() }`);
    expect(exit).toEqual(normal(["Invalid", "parameter $1: cannot bind a function value", "Invalid", "Invalid"]));
  });

  it("an unreachable server → Unavailable, retryable", async () => {
    const port = await closedPort();
    world.setEntries([world.dbEntry(), entry("app:down", "db.sql.postgres", { host: "127.0.0.1", port, database: "x", username: "x", options: { sslmode: "disable", connect_timeout: 2 } })]);
    const exit = await world.run(`
      local db = assert(sql.get("app:down"))
      local rows, err = db:query("select 1")
      local tx, tx_err = db:begin()
      return { rows == nil, err:kind(), err:retryable(), tx == nil, tx_err:kind() }`);
    expect(exit).toEqual(normal([true, "Unavailable", true, true, "Unavailable"]));
  });

  it("a database whose server was unreachable works once it is back, transactions included (max_open 1)", async () => {
    const port = await closedPort();
    const fields = { ...connectionFields(world.tdb.url), host: "127.0.0.1", port, pool: { max_open: 1 } };
    world.setEntries([world.dbEntry(), entry("app:flaky", "db.sql.postgres", fields)]);
    const down = await world.run(`
      local db = assert(sql.get("app:flaky"))
      local _, e1 = db:begin()
      local _, e2 = db:begin()
      local _, e3 = db:query("select 1")
      return { e1:kind(), e2:kind(), e3:kind() }`);
    expect(down).toEqual(normal(["Unavailable", "Unavailable", "Unavailable"]));
    const server = await proxy(port, world.tdb.url);
    try {
      const back = await world.run(`
        local db = assert(sql.get("app:flaky"))
        local out = {}
        for i = 1, 3 do
          local tx = assert(db:begin())
          out[i] = tx:query("select $1::int as n", { i })[1].n
          assert(tx:commit())
        end
        return out`);
      expect(back).toEqual(normal([1, 2, 3]));
    } finally {
      world.setEntries([world.dbEntry()]);
      server.close();
    }
  });

  it("a statement opening a transaction on the pool → Invalid pointing at db:begin; nothing is left open", async () => {
    world.setEntries([world.dbEntry({ pool: { max_open: 1 } })]);
    const exit = await world.run(`
      local db = sql.get("${DB}")
      local _, e1 = db:execute("begin")
      local _, e2 = db:execute("  -- comment\\n START TRANSACTION ISOLATION LEVEL SERIALIZABLE")
      local _, e3 = db:execute("insert into users values ('script@x'); begin")
      local ok = db:execute("do $$ begin perform 1; end $$")
      assert(db:execute("insert into users values ('after@x')"))
      local tx = assert(db:begin())
      assert(tx:execute("begin")) -- inside a transaction: only a server warning
      tx:rollback()
      return { e1:kind(), e1:message(), e2:kind(), e3:kind(), ok ~= nil }`);
    expect(exit).toEqual(normal(["Invalid", "transactions are started with db:begin(), not with a BEGIN statement", "Invalid", "Invalid", true]));
    // The pool's only connection is not stuck in a transaction: the insert is visible outside.
    expect(await world.tdb.sql`select email from users where email in ('after@x', 'script@x')`).toEqual([{ email: "after@x" }]);
    world.setEntries([world.dbEntry()]);
  });
});
