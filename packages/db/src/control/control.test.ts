import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testTargets, type TestDatabase } from "../testing";
import { beatServer, liveServers, readSetting, registerServer, removeServer, settingOrCreate } from ".";

describe.each(testTargets())("control-plane state on $name PostgreSQL", (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(target);
  });
  afterAll(() => t?.drop());

  it("creates a setting once: racing creators all get the first value", async () => {
    expect(await readSetting(t.sql, "k")).toBeUndefined();
    const values = await Promise.all(Array.from({ length: 8 }, (_, i) => settingOrCreate(t.sql, "k", () => `v${i}`)));
    expect(new Set(values).size).toBe(1);
    expect(await readSetting(t.sql, "k")).toBe(values[0]);
  });

  it("lists servers with a recent beat only, and forgets removed ones", async () => {
    await registerServer(t.sql, "s1", "http://a:3000");
    await registerServer(t.sql, "s2", "http://b:3000");
    await t.sql`update control_servers set heartbeat_at = now() - interval '1 hour' where id = 's2'`;
    expect((await liveServers(t.sql)).map((s) => s.id)).toEqual(["s1"]);
    await beatServer(t.sql, "s2");
    expect((await liveServers(t.sql)).map((s) => s.id).sort()).toEqual(["s1", "s2"]);
    await removeServer(t.sql, "s1");
    expect((await liveServers(t.sql)).map((s) => s.url)).toEqual(["http://b:3000"]);
  });
});
