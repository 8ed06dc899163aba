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

  it("close() is idempotent", async () => {
    const client = connect(t.url);
    await client.sql`select 1`;
    await Promise.all([client.close(), client.close()]);
    await expect(client.sql`select 1`).rejects.toThrow();
  });
});
