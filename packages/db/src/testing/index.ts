/**
 * Test helpers for code that needs a real PostgreSQL (`@wippy/db/testing`).
 *
 * - `testTargets()`: the servers every DB test runs against — `embedded` and `external` —
 *   provided by global-setup.ts. Use `describe.each(testTargets())("$name", (target) => …)`.
 * - `createTestDatabase(target)`: a fresh database `wippy_t_<random>` on that server, migrated
 *   (unless `{ migrate: false }`), with a client; `drop()` closes the client, ends any other
 *   connections to it, and drops it.
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { connect, ignoreNotice, type Database, type Sql } from "../client";
import { migrate } from "../migrate";
import type { TestServer } from "./provided-context";
import "./provided-context";

export type TestTarget = TestServer;

export interface TestDatabase {
  name: string;
  url: string;
  sql: Sql;
  db: Database;
  drop(): Promise<void>;
}

export function testTargets(): TestTarget[] {
  const servers = inject("wippyTestServers");
  if (!servers) {
    throw new Error(
      "no test PostgreSQL servers were provided: run vitest from the repository root, whose config " +
        "runs packages/db/src/testing/global-setup.ts (e.g. `npx vitest run --project @wippy/db`)",
    );
  }
  return servers;
}

export async function createTestDatabase(target: TestTarget, opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  if (target.error) throw new Error(target.error);
  const name = `wippy_t_${randomBytes(6).toString("hex")}`;
  await withAdmin(target.url, (sql) => sql`create database ${sql(name)}`);
  const url = databaseUrl(target.url, name);
  if (opts.migrate ?? true) await migrate(url);
  const client = connect(url, { max: 4, applicationName: "wippy-test" });
  return {
    name,
    url,
    sql: client.sql,
    db: client.db,
    async drop() {
      await client.close();
      await withAdmin(target.url, async (sql) => {
        await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
        await sql`drop database if exists ${sql(name)} with (force)`;
      });
    },
  };
}

/** The same server and credentials, another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

async function withAdmin<T>(url: string, work: (sql: Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: ignoreNotice });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
