import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testTargets, type TestDatabase } from "../testing";
import { listAudit, recordAudit, SYSTEM_ACTOR } from ".";

describe.each(testTargets())("audit log on $name PostgreSQL", (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(target);
  });
  afterAll(() => t?.drop());

  const ada = { kind: "user" as const, id: "u1", name: "ada@example.com" };

  it("stores before/after as JSON values (null, objects, strings) and SQL null when absent", async () => {
    const row = await recordAudit(t.sql, { actor: ada, action: "registry.save", target: "app:x", before: { a: 1 }, after: "text", metadata: { version: 3 } });
    expect(row).toMatchObject({ actor: ada, action: "registry.save", target: "app:x", before: { a: 1 }, after: "text", metadata: { version: 3 } });
    const [raw] = await t.sql<{ kind: string }[]>`select jsonb_typeof(before) as kind from audit_log where id = ${row.id}`;
    expect(raw?.kind).toBe("object");
    const bare = await recordAudit(t.sql, { actor: SYSTEM_ACTOR, action: "setup.createAdmin", before: null });
    expect(bare).toMatchObject({ before: null, after: null, target: "", summary: "", metadata: {} });
  });

  it("commits with the caller's transaction, or not at all", async () => {
    await t.sql
      .begin(async (tx) => {
        await recordAudit(tx, { actor: ada, action: "users.remove", target: "gone@example.com" });
        throw new Error("the change failed");
      })
      .catch((error: Error) => expect(error.message).toBe("the change failed"));
    expect(await listAudit(t.sql, { target: "gone@" })).toHaveLength(0);
  });

  it("filters by actor, action (exact or prefix), target and time, newest first, with keyset paging", async () => {
    await recordAudit(t.sql, { actor: ada, action: "registry.delete", target: "app:y" });
    await recordAudit(t.sql, { actor: { kind: "user", id: "u2", name: "bob@example.com" }, action: "users.create", target: "c@example.com" });
    expect((await listAudit(t.sql, { actor: "ADA@" })).map((r) => r.action)).toEqual(["registry.delete", "registry.save"]);
    expect((await listAudit(t.sql, { actor: "u2" })).map((r) => r.action)).toEqual(["users.create"]);
    expect((await listAudit(t.sql, { action: "registry." })).map((r) => r.target)).toEqual(["app:y", "app:x"]);
    expect(await listAudit(t.sql, { action: "registry" })).toHaveLength(0);
    expect((await listAudit(t.sql, { target: "APP:" })).length).toBe(2);
    expect(await listAudit(t.sql, { since: new Date(Date.now() + 60_000) })).toHaveLength(0);
    const first = await listAudit(t.sql, { limit: 2 });
    const next = await listAudit(t.sql, { limit: 2, before: first[1]?.id });
    expect(first.map((r) => r.id)[0]).toBeGreaterThan(first[1]?.id ?? 0);
    expect(next.every((r) => r.id < (first[1]?.id ?? 0))).toBe(true);
    expect([...first, ...next].map((r) => r.id)).toHaveLength(4);
  });

  it("treats % and _ in filters as plain characters", async () => {
    await recordAudit(t.sql, { actor: ada, action: "registry.save", target: "app:a_b" });
    expect((await listAudit(t.sql, { target: "a_b" })).map((r) => r.target)).toEqual(["app:a_b"]);
    expect(await listAudit(t.sql, { target: "%" })).toHaveLength(0);
  });
});
