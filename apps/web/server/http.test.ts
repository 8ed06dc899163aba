/**
 * The http side of the server: cross-site state-changing requests to /api/trpc and /api/auth
 * are refused before they reach a handler, safe ones pass; health; pages without a UI; and the
 * process's own errors (missing environment, missing production build) with their exit codes.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testTargets, type TestDatabase } from "@wippy/db/testing";
import { SIGN_IN_RATE_LIMIT } from "@wippy/api";
import { startControlServer, type ControlServer } from "./control-server";
import { createLogger } from "./log";
import { MissingBuildError, preparePages } from "./pages";
import { freePort, spawnServer } from "./testing/server-process";

const [target] = testTargets().filter((t) => t.name === "external");
const log = createLogger({ level: process.env.TEST_LOG_LEVEL ?? "silent", format: "human" });
const admin = { email: "first@wippy.test", name: "First", password: "first-password-123" };

describe("the control-plane http server", () => {
  let tdb: TestDatabase;
  let server: ControlServer;

  beforeAll(async () => {
    tdb = await createTestDatabase(target ?? testTargets()[0]!);
    server = await startControlServer({ databaseUrl: tdb.url, port: 0, ui: "none", log });
  });
  afterAll(async () => {
    await server?.close();
    await tdb?.drop();
  });

  const post = (pathname: string, headers: Record<string, string>, body: unknown) =>
    fetch(`${server.url}${pathname}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  const users = async () => Number((await tdb.sql<{ n: string }[]>`select count(*) as n from auth_user`)[0]?.n);

  it("refuses a cross-site POST to tRPC before it runs", async () => {
    const res = await post("/api/trpc/setup.createAdmin", { origin: "http://evil.example" }, { json: admin });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: "cross-site request refused: origin http://evil.example is not this server's" });
    const fetchSite = await post("/api/trpc/setup.createAdmin", { "sec-fetch-site": "cross-site" }, { json: admin });
    expect(fetchSite.status).toBe(403);
    expect(await users()).toBe(0);
  });

  it("refuses a cross-site POST to Better Auth", async () => {
    const res = await post("/api/auth/sign-in/email", { origin: "https://evil.example" }, { email: admin.email, password: admin.password });
    expect(res.status).toBe(403);
  });

  it("lets same-origin and non-browser requests through, and safe methods from anywhere", async () => {
    const status = await fetch(`${server.url}/api/trpc/setup.status`, { headers: { origin: "http://evil.example" } });
    expect(await status.json()).toEqual({ result: { data: { json: { needsSetup: true } } } });
    const created = await post("/api/trpc/setup.createAdmin", { origin: server.url }, { json: admin });
    expect(created.status).toBe(200);
    const signIn = await post("/api/auth/sign-in/email", {}, { email: admin.email, password: admin.password });
    expect(signIn.status).toBe(200);
    expect(signIn.headers.getSetCookie().join(";")).toMatch(/wippy\.session_token=/);
  });

  it("limits sign-in attempts per client address, with the failures audited", async () => {
    const attempt = () => post("/api/auth/sign-in/email", {}, { email: admin.email, password: "a wrong password" });
    const statuses: number[] = [];
    for (let i = 0; i <= SIGN_IN_RATE_LIMIT.max; i++) statuses.push((await attempt()).status);
    // The earlier sign-in in this file may share the window: at least one 401 first, then 429.
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(SIGN_IN_RATE_LIMIT.max - 1);
    const [failed] = await tdb.sql<{ n: string }[]>`select count(*) as n from audit_log where action = 'auth.signInFailed' and target = ${admin.email}`;
    expect(Number(failed?.n)).toBe(statuses.filter((s) => s === 401).length);
  });

  it("answers health checks, and 503 for pages when it serves no UI", async () => {
    expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ ok: true, server: server.id });
    const page = await fetch(`${server.url}/registry`);
    expect(page.status).toBe(503);
    expect(await page.text()).toMatch(/without its UI/);
  });

  it("registers itself in control_servers while it runs", async () => {
    const rows = await tdb.sql<{ id: string; url: string }[]>`select id, url from control_servers`;
    expect(rows).toEqual([{ id: server.id, url: server.url }]);
  });
});

describe("the control-plane process", () => {
  it("refuses to serve production pages without a build, naming the command that makes one", async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "wippy-web-"));
    const attempt = preparePages({ mode: "production", webDir: empty, httpServer: undefined as never, hostname: "localhost", port: 0 });
    await expect(attempt).rejects.toBeInstanceOf(MissingBuildError);
    await expect(attempt).rejects.toThrow("run npm run build -w @wippy/web");
  });

  it("exits 2 with a clear message when DATABASE_URL is missing", async () => {
    const failed = await spawnServer({ port: await freePort() }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toMatch(/DATABASE_URL is required/);
  });

  it("stops on SIGTERM: exit 0, its row removed from control_servers", async () => {
    const tdb = await createTestDatabase(target ?? testTargets()[0]!);
    try {
      const proc = await spawnServer({ databaseUrl: tdb.url, port: await freePort() });
      expect((await tdb.sql`select 1 from control_servers`).length).toBe(1);
      expect(await proc.kill("SIGTERM")).toBe(0);
      expect((await tdb.sql`select 1 from control_servers`).length).toBe(0);
    } finally {
      await tdb.drop();
    }
  });
});
