/**
 * Hot change (LUA_API.md §7) of `db.sql.postgres` entries: one pool per entry, closed when the
 * entry changes or is deleted — the server sees its connections go — and when the node stops;
 * a handle taken before the change runs on the new configuration.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTargets } from "@wippy/db/testing";
import { connectionsNamed, normal, sqlWorld, type SqlWorld } from "./sql-world.testing";

/** Polls `check` until it holds (the server notices closed connections asynchronously). */
async function eventually(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const named = (name: string) => ({ options: { sslmode: "disable", application_name: name } });

describe.each(testTargets())("sql hot change on $name PostgreSQL", (target) => {
  let world: SqlWorld;

  beforeAll(async () => {
    world = await sqlWorld(target);
  });
  afterAll(async () => world?.close());

  it("changing the entry closes the old pool; the next call, even on an old handle, uses the new one", async () => {
    world.setEntries([world.dbEntry(named("wippy_pool_a"))]);
    // The process holds its handle across the change: it waits for a message in between.
    const running = world.start(`
      local db = assert(sql.get("app.data:main"))
      local before = db:query("select current_setting('application_name') as app")[1].app
      local _, waited = process.inbox():receive()
      local after = db:query("select current_setting('application_name') as app")[1].app
      return { before, after }`);
    await eventually(async () => (await connectionsNamed(world, "wippy_pool_a")) > 0);
    world.setEntries([world.dbEntry(named("wippy_pool_b"))]);
    await eventually(async () => (await connectionsNamed(world, "wippy_pool_a")) === 0);
    running.send("go");
    expect(await running.exit).toEqual(normal(["wippy_pool_a", "wippy_pool_b"]));
  });

  it("an unchanged entry keeps its pool when other entries change", async () => {
    world.setEntries([world.dbEntry(named("wippy_pool_keep"))]);
    expect(await world.run(`return sql.get("app.data:main"):query("select 1 as one")[1].one`)).toEqual(normal(1));
    const before = await connectionsNamed(world, "wippy_pool_keep");
    world.setEntries([world.dbEntry(named("wippy_pool_keep")), { id: "app:other", kind: "registry.entry", meta: {}, data: { v: 1 } }]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(before).toBeGreaterThan(0);
    expect(await connectionsNamed(world, "wippy_pool_keep")).toBe(before);
  });

  it("deleting the entry closes its pool; handles then get NotFound", async () => {
    world.setEntries([world.dbEntry(named("wippy_pool_gone"))]);
    expect(await world.run(`return sql.get("app.data:main"):query("select 1 as one")[1].one`)).toEqual(normal(1));
    await eventually(async () => (await connectionsNamed(world, "wippy_pool_gone")) > 0);
    world.setEntries([]);
    await eventually(async () => (await connectionsNamed(world, "wippy_pool_gone")) === 0);
    const exit = await world.run(`local db, err = sql.get("app.data:main"); return { db == nil, err:kind() }`);
    expect(exit).toEqual(normal([true, "NotFound"]));
  });

  // Last: it stops the connector for good.
  it("closing the connector (node stop) closes every pool; later calls are Unavailable", async () => {
    world.setEntries([world.dbEntry(named("wippy_pool_stop"))]);
    expect(await world.run(`return sql.get("app.data:main"):query("select 1 as one")[1].one`)).toEqual(normal(1));
    await world.connector.close();
    await eventually(async () => (await connectionsNamed(world, "wippy_pool_stop")) === 0);
    const exit = await world.run(`local db, err = sql.get("app.data:main"); return { db == nil, err:kind(), err:retryable() }`);
    expect(exit).toEqual(normal([true, "Unavailable", true]));
  });
});
