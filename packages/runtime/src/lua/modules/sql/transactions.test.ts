/**
 * Transactions (`db:begin` → tx) on both test PostgreSQL servers: commit, rollback, options,
 * savepoints, the end of a transaction, and the rollback of one its process left open.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testTargets } from "@wippy/db/testing";
import { normal, sqlWorld, type SqlWorld } from "./sql-world.testing";

describe.each(testTargets())("sql transactions on $name PostgreSQL", (target) => {
  let world: SqlWorld;

  beforeAll(async () => {
    world = await sqlWorld(target);
    await world.tdb.sql`create table accounts (name text primary key, balance int not null)`;
  });
  afterAll(async () => world?.close());
  beforeEach(async () => {
    await world.tdb.sql`delete from accounts`;
    await world.tdb.sql`insert into accounts values ('a', 100), ('b', 0)`;
  });

  const balances = async (): Promise<Record<string, number>> =>
    Object.fromEntries((await world.tdb.sql`select name, balance from accounts order by name`).map((r) => [r.name as string, r.balance as number]));

  it("commit: the transaction's writes become visible; the ended transaction refuses work", async () => {
    const exit = await world.run(`
      local db = sql.get("app.data:main")
      local tx = assert(db:begin())
      assert(tx:execute("update accounts set balance = balance - $1 where name = $2", { 30, "a" }))
      assert(tx:execute("update accounts set balance = balance + $1 where name = $2", { 30, "b" }))
      local inside = tx:query("select balance from accounts where name = 'b'")[1].balance
      local outside = db:query("select balance from accounts where name = 'b'")[1].balance
      local ok = tx:commit()
      local after, err = tx:query("select 1")
      local again, err2 = tx:commit()
      return { inside, outside, ok, after == nil, err:kind(), err:retryable(), again == nil, err2:kind(), tx:db_type() }`);
    expect(exit).toEqual(normal([30, 0, true, true, "Invalid", false, true, "Invalid", "postgres"]));
    expect(await balances()).toEqual({ a: 70, b: 30 });
  });

  it("rollback: nothing the transaction wrote remains", async () => {
    const exit = await world.run(`
      local db = sql.get("app.data:main")
      local tx = assert(db:begin())
      assert(tx:execute("delete from accounts"))
      local left = #tx:query("select * from accounts")
      return { left, tx:rollback() }`);
    expect(exit).toEqual(normal([0, true]));
    expect(await balances()).toEqual({ a: 100, b: 0 });
  });

  it("options: isolation levels and read_only; an unknown level → Invalid", async () => {
    const exit = await world.run(`
      local db = sql.get("app.data:main")
      local tx = assert(db:begin({ isolation = sql.isolation.SERIALIZABLE, read_only = true }))
      local level = tx:query("show transaction_isolation")[1].transaction_isolation
      local _, write_err = tx:execute("update accounts set balance = 0")
      tx:rollback()
      local rr = assert(db:begin({ isolation = sql.isolation.REPEATABLE_READ }))
      local rr_level = rr:query("show transaction_isolation")[1].transaction_isolation
      rr:commit()
      local bad, bad_err = db:begin({ isolation = "sometimes" })
      local wc, wc_err = db:begin({ isolation = sql.isolation.WRITE_COMMITTED })
      return { level, write_err:kind(), write_err:details().sqlstate, rr_level, bad == nil, bad_err:kind(), wc == nil, wc_err:kind() }`);
    expect(exit).toEqual(normal(["serializable", "Invalid", "25006", "repeatable read", true, "Invalid", true, "Invalid"]));
  });

  it("savepoints: rollback_to undoes back to the savepoint, release keeps the work; bad names → Invalid", async () => {
    const exit = await world.run(`
      local db = sql.get("app.data:main")
      local tx = assert(db:begin())
      assert(tx:execute("update accounts set balance = 1 where name = 'a'"))
      assert(tx:savepoint("sp1"))
      assert(tx:execute("update accounts set balance = 2 where name = 'a'"))
      assert(tx:rollback_to("sp1"))
      assert(tx:savepoint("sp_2"))
      assert(tx:execute("update accounts set balance = 3 where name = 'b'"))
      assert(tx:release("sp_2"))
      local ok, err = tx:savepoint("x; drop table accounts")
      local _, missing = tx:rollback_to("nope")
      tx:rollback_to("sp1") -- the failed statement aborted the transaction; back to a good state
      assert(tx:execute("update accounts set balance = 4 where name = 'b'"))
      assert(tx:commit())
      return { ok == nil, err:kind(), missing:kind(), missing:details().sqlstate }`);
    expect(exit).toEqual(normal([true, "Invalid", "Invalid", "3B001"]));
    expect(await balances()).toEqual({ a: 1, b: 4 });
  });

  it("a commit after a failed statement is an error: the server rolled the transaction back", async () => {
    const exit = await world.run(`
      local db = sql.get("app.data:main")
      local tx = assert(db:begin())
      assert(tx:execute("update accounts set balance = 5 where name = 'a'"))
      local _, dup = tx:execute("insert into accounts values ('a', 1)")
      local _, aborted = tx:query("select 1")
      local ok, err = tx:commit()
      return { dup:kind(), aborted:details().sqlstate, ok == nil, err:kind() }`);
    expect(exit).toEqual(normal(["AlreadyExists", "25P02", true, "Invalid"]));
    expect(await balances()).toEqual({ a: 100, b: 0 });
  });

  it("a transaction its process leaves open is rolled back when the process exits", async () => {
    const exit = await world.run(`
      local db = sql.get("app.data:main")
      local tx = assert(db:begin())
      assert(tx:execute("update accounts set balance = 999 where name = 'a'"))
      return "left open"`);
    expect(exit).toEqual(normal("left open"));
    // The row lock is gone (the update would wait otherwise) and the write was undone.
    await world.tdb.sql.begin(async (sql) => {
      await sql`set local lock_timeout = '5s'`;
      await sql`update accounts set balance = balance where name = 'a'`;
    });
    expect(await balances()).toEqual({ a: 100, b: 0 });
  });

  it("a process killed while its BEGIN waits for a connection does not keep that connection (max_open 1)", async () => {
    world.setEntries([world.dbEntry({ pool: { max_open: 1 } })]);
    const holder = world.start(`
      local tx = assert(sql.get("app.data:main"):begin())
      assert(tx:execute("update accounts set balance = 1 where name = 'a'"))
      process.inbox():receive()
      return tx:commit()`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const waiter = world.start(`
      local tx = sql.get("app.data:main"):begin()
      return "got a transaction"`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    waiter.terminate();
    holder.send("commit");
    expect(await holder.exit).toEqual(normal(true));
    expect((await waiter.exit).kind).not.toBe("normal");
    // The only connection came back: another transaction can start and commit.
    const after = await world.run(`
      local tx = assert(sql.get("app.data:main"):begin())
      assert(tx:execute("update accounts set balance = 2 where name = 'b'"))
      return tx:commit()`);
    expect(after).toEqual(normal(true));
    expect(await balances()).toEqual({ a: 1, b: 2 });
    world.setEntries([world.dbEntry()]);
  });

  it("a prepared statement of a transaction runs inside it and ends with it", async () => {
    const exit = await world.run(`
      local db = sql.get("app.data:main")
      local tx = assert(db:begin())
      local stmt = assert(tx:prepare("update accounts set balance = balance + $1 where name = $2"))
      for _ = 1, 3 do assert(stmt:execute({ 10, "b" })) end
      assert(tx:commit())
      local _, err = stmt:execute({ 10, "b" })
      return err:kind()`);
    expect(exit).toEqual(normal("Invalid"));
    expect(await balances()).toEqual({ a: 100, b: 30 });
  });
});
