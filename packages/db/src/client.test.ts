import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { connect } from "./client";
import { registryHead } from "./schema";
import { createTestDatabase, testTargets, type TestDatabase } from "./testing";

describe.each(testTargets())("connect on $name", (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(target);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("gives postgres.js and drizzle over one pool, with the schema", async () => {
    const client = connect(t.url, { max: 2, applicationName: "wippy-client-test" });
    try {
      expect(await client.db.select().from(registryHead)).toEqual([{ id: 1, version: 0 }]);
      const [row] = await client.sql<{ app: string }[]>`select current_setting('application_name') as app`;
      expect(row?.app).toBe("wippy-client-test");
    } finally {
      await client.close();
    }
  });

  it("sql keeps postgres.js's own types next to drizzle: jsonb objects in, Dates out", async () => {
    const client = connect(t.url);
    try {
      await client.db.select().from(registryHead); // drizzle is in use on the same client
      const [row] = await client.sql<{ doc: { a: number[] }; at: Date }[]>`
        select ${client.sql.json({ a: [1, 2] })}::jsonb as doc, now() as at`;
      expect(row?.doc).toEqual({ a: [1, 2] });
      expect(row?.at).toBeInstanceOf(Date);
    } finally {
      await client.close();
    }
  });

  it("keeps notices off the console", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const client = connect(t.url);
    try {
      await client.sql`do $$ begin raise notice 'noisy'; end $$`;
      expect(log).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
      await client.close();
    }
  });

  it("a session idle inside a transaction is ended by the server, and its row locks with it", async () => {
    const stuck = connect(t.url, { max: 1, idleInTransactionTimeoutSeconds: 1 });
    const other = connect(t.url, { max: 1 });
    try {
      const [setting] = await stuck.sql<{ v: string }[]>`select current_setting('idle_in_transaction_session_timeout') as v`;
      expect(setting?.v).toBe("1s");
      // A transaction that locks a row and then stops doing anything, as a paused process would.
      const held = stuck.sql.begin(async (tx) => {
        await tx`select id from registry_head where id = 1 for update`;
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        await tx`select 1`;
      });
      const outcome = held.then(
        () => "committed",
        (e: unknown) => String(e),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      const [locked] = await other.sql<{ n: number }[]>`select count(*)::int as n from (select id from registry_head where id = 1 for update skip locked) t`;
      expect(locked?.n).toBe(0); // held by the stuck transaction
      await expect.poll(async () => (await other.sql<{ n: number }[]>`select count(*)::int as n from (select id from registry_head where id = 1 for update skip locked) t`)[0]?.n, { timeout: 2_000 }).toBe(1); // long before the transaction would have ended by itself
      expect(await outcome).toMatch(/idle-in-transaction|terminat|closed|CONNECTION/i);
    } finally {
      await Promise.all([stuck.close(), other.close()]);
    }
  });

  it("close() is idempotent", async () => {
    const client = connect(t.url);
    await client.sql`select 1`;
    await Promise.all([client.close(), client.close()]);
    await expect(client.sql`select 1`).rejects.toThrow();
  });
});
