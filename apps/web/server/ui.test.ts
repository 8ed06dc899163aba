/**
 * The `/ui` namespace: no session, no connection; a foreign origin, no connection; every event
 * checks the role on the server (viewer reads, operator sends commands) and the session again
 * (a signed-out browser is refused at its next event). Users are made as a person would:
 * first-run setup, then the admin creates the others, each signs in with Better Auth.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testTargets, type TestDatabase } from "@wippy/db/testing";
import { startControlServer, type ControlServer } from "./control-server";
import { createLogger } from "./log";
import { connectUi, createUsers, signIn, testUser, type TestRole } from "./testing/client";
import { dialNode, type FakeNode } from "./testing/fake-node";

const [target] = testTargets().filter((t) => t.name === "external");
const log = createLogger({ level: process.env.TEST_LOG_LEVEL ?? "silent", format: "human" });
const call = { type: "function.call" as const, id: "app:hello", args: ["you"] };

describe("the /ui namespace", () => {
  let tdb: TestDatabase;
  let server: ControlServer;
  let cookies: Partial<Record<TestRole, string>>;
  let node: FakeNode;

  beforeAll(async () => {
    tdb = await createTestDatabase(target ?? testTargets()[0]!);
    server = await startControlServer({ databaseUrl: tdb.url, port: 0, ui: "none", log });
    cookies = await createUsers(server.url);
    node = await dialNode(server.url, { token: server.nodeToken, id: "n1", onCommand: (e) => ({ ok: true, value: `hi ${String(e.command.args[0])}` }) });
  });
  afterAll(async () => {
    node?.close();
    await server?.close();
    await tdb?.drop();
  });

  it("refuses a connection without a session, or with a made-up one", async () => {
    await expect(connectUi(server.url)).rejects.toThrow("unauthorized");
    await expect(connectUi(server.url, "wippy.session_token=forged.signature")).rejects.toThrow("unauthorized");
  });

  it("refuses a connection from another site's page, even with a valid cookie", async () => {
    await expect(connectUi(server.url, cookies.admin, { origin: "http://evil.example" })).rejects.toThrow(/cross-site request refused/);
    const same = await connectUi(server.url, cookies.viewer, { origin: server.url });
    same.close();
  });

  it("a viewer lists and follows nodes but cannot send commands", async () => {
    const viewer = await connectUi(server.url, cookies.viewer);
    try {
      expect(await viewer.list()).toMatchObject({ ok: true, nodes: [expect.objectContaining({ id: "n1" })] });
      expect(await viewer.subscribe()).toMatchObject({ ok: true, nodes: [expect.objectContaining({ id: "n1" })] });
      expect(await viewer.command({ nodeId: "n1", command: call })).toEqual({ ok: false, kind: "PermissionDenied", message: "this needs the operator role; you are viewer" });
    } finally {
      viewer.close();
    }
  });

  it.each(["operator", "editor", "admin"] as const)("an %s sends a command and gets the node's reply, audited", async (role) => {
    const client = await connectUi(server.url, cookies[role]);
    try {
      expect(await client.command({ nodeId: "n1", command: call })).toEqual({ ok: true, reply: { ok: true, value: "hi you" } });
    } finally {
      client.close();
    }
    const [row] = await tdb.sql<{ actor_name: string; target: string; summary: string }[]>`
      select actor_name, target, summary from audit_log where action = 'nodes.command' order by id desc limit 1`;
    expect(row).toMatchObject({ actor_name: `${role}@wippy.test`, target: "app:hello", summary: expect.stringMatching(/^function\.call app:hello \(\d+ ms\)$/) });
  });

  it("validates a command before sending it anywhere", async () => {
    const operator = await connectUi(server.url, cookies.operator);
    try {
      const bad = (await operator.socket.timeout(5_000).emitWithAck("nodes:command", { command: { type: "process.kill", id: "x" } })) as { ok: boolean; kind: string };
      expect(bad).toMatchObject({ ok: false, kind: "Invalid" });
      expect(await operator.command({ nodeId: "nobody", command: call })).toEqual({ ok: true, reply: { ok: false, kind: "NotFound", message: "runtime node nobody is not connected" } });
    } finally {
      operator.close();
    }
  });

  it("a browser whose session ended is refused at its next event and disconnected", async () => {
    const operator = await connectUi(server.url, cookies.operator);
    const signOut = await fetch(`${server.url}/api/auth/sign-out`, { method: "POST", headers: { cookie: cookies.operator!, origin: server.url, "content-type": "application/json" }, body: "{}" });
    expect(signOut.status).toBe(200);
    const disconnected = new Promise((resolve) => operator.socket.once("disconnect", resolve));
    expect(await operator.command({ nodeId: "n1", command: call })).toEqual({ ok: false, kind: "Unauthorized", message: "sign in first" });
    await disconnected;
    await expect(connectUi(server.url, cookies.operator)).rejects.toThrow("unauthorized");
  });

  it("a browser that only listens is disconnected soon after its session ends", async () => {
    // A second server on the same database that re-checks sessions every 300 ms.
    const checking = await startControlServer({ databaseUrl: tdb.url, port: 0, ui: "none", log, sessionRecheckMs: 300 });
    try {
      const cookie = await signIn(checking.url, testUser("viewer"));
      const viewer = await connectUi(checking.url, cookie);
      expect(await viewer.subscribe()).toMatchObject({ ok: true });
      const disconnected = new Promise((resolve) => viewer.socket.once("disconnect", resolve));
      await fetch(`${checking.url}/api/auth/sign-out`, { method: "POST", headers: { cookie, origin: checking.url, "content-type": "application/json" }, body: "{}" });
      await disconnected;
    } finally {
      await checking.close();
    }
  });
});
