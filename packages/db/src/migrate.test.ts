import { afterEach, describe, expect, it } from "vitest";
import { migrate, MigrationChangedError, MigrationsNewerThanCodeError } from "./migrate";
import { readMigrationFiles } from "./migration-files";
import { createTestDatabase, testTargets, type TestDatabase } from "./testing";

const files = await readMigrationFiles();
const allTags = files.map((f) => f.tag);

describe("readMigrationFiles", () => {
  it("reads the journal in order and splits files on statement breakpoints", () => {
    expect(allTags.slice(0, 2)).toEqual(["0000_registry", "0001_registry_seed"]);
    const first = files[0]!;
    expect(first.statements.length).toBeGreaterThan(1);
    expect(first.statements.join("\n")).not.toContain("statement-breakpoint");
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe.each(testTargets())("migrate on $name", (target) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.drop();
    t = undefined;
  });

  async function freshDatabase(): Promise<TestDatabase> {
    t = await createTestDatabase(target, { migrate: false });
    return t;
  }

  async function recordedTags(d: TestDatabase): Promise<string[]> {
    return (await d.sql<{ tag: string }[]>`select tag from wippy_migrations order by tag`).map((r) => r.tag);
  }

  it("fresh_database: applies every migration in order and records each", async () => {
    const d = await freshDatabase();
    const lines: string[] = [];
    const result = await migrate(d.url, { log: (l) => lines.push(l) });
    expect(result).toEqual({ applied: allTags, current: allTags.at(-1) });
    expect(await recordedTags(d)).toEqual(allTags);
    const [head] = await d.sql<{ version: string }[]>`select version from registry_head where id = 1`;
    expect(Number(head?.version)).toBe(0);
    expect(lines).toContain("applied migration 0000_registry");
  });

  it("second_run: is a no-op", async () => {
    const d = await freshDatabase();
    await migrate(d.url);
    const before = await d.sql`select tag, hash, applied_at from wippy_migrations order by tag`;
    const result = await migrate(d.url);
    expect(result).toEqual({ applied: [], current: allTags.at(-1) });
    expect(await d.sql`select tag, hash, applied_at from wippy_migrations order by tag`).toEqual(before);
  });

  it("concurrent_migrators: four at once all succeed and each migration is applied once", async () => {
    const d = await freshDatabase();
    const results = await Promise.all([1, 2, 3, 4].map(() => migrate(d.url)));
    expect(results.flatMap((r) => r.applied).sort()).toEqual([...allTags].sort());
    for (const r of results) expect(r.current).toBe(allTags.at(-1));
    expect(await recordedTags(d)).toEqual(allTags);
  });

  it("newer_database: refuses a database that records an unknown tag and changes nothing", async () => {
    const d = await freshDatabase();
    await d.sql`create table wippy_migrations (tag text primary key, hash text not null, applied_at timestamptz not null default now())`;
    await d.sql`insert into wippy_migrations (tag, hash) values ('9999_from_the_future', 'x')`;
    const error = await migrate(d.url).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MigrationsNewerThanCodeError);
    expect((error as MigrationsNewerThanCodeError).unknownTags).toEqual(["9999_from_the_future"]);
    expect((error as Error).message).toMatch(/9999_from_the_future.*Upgrade wippy/s);
    expect(await recordedTags(d)).toEqual(["9999_from_the_future"]);
    const [{ exists } = { exists: true }] = await d.sql<{ exists: boolean }[]>`select to_regclass('registry_head') is not null as exists`;
    expect(exists).toBe(false);
  });

  it("edited_migration: refuses when a recorded migration's file hash changed", async () => {
    const d = await freshDatabase();
    await migrate(d.url);
    await d.sql`update wippy_migrations set hash = 'edited' where tag = ${allTags[0]!}`;
    await expect(migrate(d.url)).rejects.toBeInstanceOf(MigrationChangedError);
  });
});
