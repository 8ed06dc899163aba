import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ignoreNotice } from "./client";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded";
import { listen, type Listener } from "./listen";
import { createTestDatabase, testTargets, type TestDatabase } from "./testing";

const FAST = { initialMs: 20, maxMs: 200 };

/** Collects handler calls and lets a test wait for a condition on them. */
function recorder() {
  const r = {
    payloads: [] as string[],
    reconnects: 0,
    errors: [] as Error[],
    handlers: {
      onNotify: (p: string) => void r.payloads.push(p),
      onReconnect: () => void r.reconnects++,
      onError: (e: Error) => void r.errors.push(e),
    },
  };
  return r;
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(testTargets())("listen on $name", (target) => {
  let t: TestDatabase;
  let listener: Listener | undefined;
  beforeAll(async () => {
    t = await createTestDatabase(target, { migrate: false });
  });
  afterEach(async () => {
    await listener?.close();
    listener = undefined;
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("delivers notifications and does not call onReconnect for the first LISTEN", async () => {
    const r = recorder();
    listener = await listen(t.url, "wippy_test_a", r.handlers, FAST);
    await t.sql`select pg_notify('wippy_test_a', 'one')`;
    await t.sql`select pg_notify('wippy_test_other', 'not for us')`;
    await t.sql`select pg_notify('wippy_test_a', 'two')`;
    await waitFor(() => r.payloads.length === 2, "two notifications");
    expect(r.payloads).toEqual(["one", "two"]);
    expect(r.reconnects).toBe(0);
  });

  it("backend_terminated: re-LISTENs, calls onReconnect, and delivers later notifications", async () => {
    const r = recorder();
    listener = await listen(t.url, "wippy_test_b", r.handlers, FAST);
    const killed = await t.sql`
      select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and application_name = 'wippy-listen:wippy_test_b'`;
    expect(killed).toHaveLength(1);
    await waitFor(() => r.reconnects === 1, "onReconnect");
    await t.sql`select pg_notify('wippy_test_b', 'after')`;
    await waitFor(() => r.payloads.length === 1, "a notification after the reconnect");
    expect(r.payloads).toEqual(["after"]);
    expect(r.reconnects).toBe(1);
  });

  it("close: stops listening and does not reconnect", async () => {
    const r = recorder();
    const l = await listen(t.url, "wippy_test_c", r.handlers, FAST);
    await l.close();
    const [row] = await t.sql<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity where application_name = 'wippy-listen:wippy_test_c'`;
    expect(row?.n).toBe(0);
    await t.sql`select pg_notify('wippy_test_c', 'ignored')`;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(r.payloads).toEqual([]);
    expect(r.reconnects).toBe(0);
  });

  it("rejects at once when the first LISTEN cannot connect", async () => {
    const url = new URL(t.url);
    url.pathname = "/wippy_no_such_database";
    await expect(listen(url.toString(), "wippy_test_d", recorder().handlers)).rejects.toThrow(/does not exist/);
  });
});

describe("listen across a server restart", () => {
  let appDir: string;
  let server: EmbeddedPostgres | undefined;
  beforeAll(async () => {
    appDir = await mkdtemp(path.join(tmpdir(), "wippy-listen-"));
  });
  afterAll(async () => {
    await server?.stop();
    await rm(appDir, { recursive: true, force: true });
  });

  it("server_down: retries with backoff, reporting each failure, until the server is back", { timeout: 60_000 }, async () => {
    const start = () => startEmbeddedPostgres({ appDir, persistent: true, handleSignals: false, log: () => {} });
    server = await start();
    const url = server.url();
    const r = recorder();
    const listener = await listen(url, "wippy_test_e", r.handlers, FAST);
    const dataDir = server.dataDir;
    try {
      await server.stop();
      await waitFor(() => r.errors.length >= 2, "failed reconnect attempts");
      server = await start();
      expect(server.dataDir).toBe(dataDir);
      await waitFor(() => r.reconnects === 1, "onReconnect after the restart");
      const sql = postgres(server.url(), { max: 1, onnotice: ignoreNotice });
      await sql`select pg_notify('wippy_test_e', 'back')`;
      await sql.end();
      await waitFor(() => r.payloads.length === 1, "a notification after the restart");
      expect(r.payloads).toEqual(["back"]);
    } finally {
      await listener.close();
      await server.stop();
      server = undefined;
      await rm(dataDir, { recursive: true, force: true });
      await rm(`${dataDir}.holders`, { recursive: true, force: true });
    }
  });
});
