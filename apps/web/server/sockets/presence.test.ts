/**
 * Collaboration over real `/ui` connections, on two control-plane servers sharing one database
 * (socket.io's PostgreSQL adapter between them): presence on a target seen from both servers
 * and gone when a tab disconnects; save notices on the entries and the tree a version touched;
 * comments and incidents relayed live by every server, incidents recorded once however many
 * servers see them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testTargets, type TestDatabase } from "@wippy/db/testing";
import type { CommentChange, FeedItem, LiveTreeNode, PresenceEntry, SavedNotice } from "@wippy/shared";
import { startControlServer, type ControlServer } from "../control-server";
import { createLogger } from "../log";
import { connectUi, createUsers, eventually, signIn, testUser, trpcMutation, type TestRole, type UiClient } from "../testing/client";
import { dialNode } from "../testing/fake-node";

const [target] = testTargets().filter((t) => t.name === "external");
const log = createLogger({ level: process.env.TEST_LOG_LEVEL ?? "silent", format: "human" });
const cluster = { heartbeatIntervalMs: 500, heartbeatTimeoutMs: 2_000 };

type JoinAck = { ok: true; present: PresenceEntry[]; lastSaved: SavedNotice | null } | { ok: false; kind: string; message: string };

function heard<T>(client: UiClient, event: string): T[] {
  const got: T[] = [];
  client.socket.on(event, (value: T) => got.push(value));
  return got;
}

const join = (client: UiClient, t: string, editing = false) => client.ask<JoinAck>("presence:join", { target: t, editing });
const names = (ack: JoinAck) => (ack.ok ? ack.present.map((p) => `${p.name}${p.editing ? " (editing)" : ""}`) : [ack.kind]);

describe("collaboration across two control-plane servers", () => {
  let tdb: TestDatabase;
  let one: ControlServer;
  let two: ControlServer;
  const cookies: { one: Partial<Record<TestRole, string>>; two: Partial<Record<TestRole, string>> } = { one: {}, two: {} };
  const open: UiClient[] = [];
  const connect = async (server: "one" | "two", role: TestRole) => {
    const client = await connectUi((server === "one" ? one : two).url, cookies[server][role]);
    open.push(client);
    return client;
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(target ?? testTargets()[0]!);
    one = await startControlServer({ databaseUrl: tdb.url, port: 0, ui: "none", log, cluster });
    two = await startControlServer({ databaseUrl: tdb.url, port: 0, ui: "none", log, cluster });
    cookies.one = await createUsers(one.url);
    for (const role of ["viewer", "operator", "editor", "admin"] as const) cookies.two[role] = await signIn(two.url, testUser(role));
  });
  afterAll(async () => {
    for (const client of open) client.close();
    await one?.close();
    await two?.close();
    await tdb?.drop();
  });

  it("each tab sees who else is on a target, on either server, and whether they edit", async () => {
    const a = await connect("one", "editor");
    const b = await connect("two", "admin");
    const aHears = heard<{ target: string; entry: PresenceEntry }>(a, "presence:update");
    expect(names(await join(a, "entry:app:x"))).toEqual(["The editor"]);
    expect(names(await join(b, "entry:app:x"))).toEqual(["The admin", "The editor"]);
    await eventually(() => aHears.find((u) => u.entry.name === "The admin" && !u.entry.editing), "A to hear B arrive");
    await join(b, "entry:app:x", true);
    const editing = await eventually(() => aHears.find((u) => u.entry.editing), "A to hear B start editing");
    expect(editing).toEqual({ target: "entry:app:x", entry: { socketId: b.socket.id, userId: expect.any(String) as string, name: "The admin", email: "admin@wippy.test", editing: true } });
    expect(names(await join(a, "entry:app:x"))).toEqual(["The admin (editing)", "The editor"]);
    // Someone on another target is not on this one.
    const c = await connect("one", "viewer");
    await join(c, "entry:app:other");
    expect(names(await join(a, "entry:app:x"))).toEqual(["The admin (editing)", "The editor"]);
  });

  it("a tab that closes or leaves is gone at once, for everyone", async () => {
    const a = await connect("one", "operator");
    const b = await connect("two", "viewer");
    const left = heard<{ target: string; socketId: string }>(a, "presence:left");
    await join(a, "run:r1");
    await join(b, "run:r1");
    const bId = b.socket.id;
    b.close();
    await eventually(() => left.find((l) => l.socketId === bId && l.target === "run:r1"), "A to hear B's tab close");
    expect(names(await join(a, "run:r1"))).toEqual(["The operator"]);
    const c = await connect("two", "editor");
    await join(c, "run:r1");
    expect(await c.ask("presence:leave", { target: "run:r1" })).toEqual({ ok: true });
    await eventually(() => left.find((l) => l.socketId === c.socket.id), "A to hear C leave");
    expect(names(await join(a, "run:r1"))).toEqual(["The operator"]);
  });

  it("refuses a malformed target and a signed-out browser", async () => {
    const a = await connect("one", "viewer");
    expect(await join(a, "Not A Target")).toMatchObject({ ok: false, kind: "Invalid" });
    await expect(connectUi(one.url)).rejects.toThrow("unauthorized");
  });

  it("tells everyone on an entry, on both servers, who saved it, and the feed; the join ack knows the last save", async () => {
    const a = await connect("one", "viewer");
    const b = await connect("two", "viewer");
    const notices = [heard<SavedNotice>(a, "registry:saved"), heard<SavedNotice>(b, "registry:saved")];
    const feed = heard<FeedItem>(b, "feed:item");
    expect(await b.ask("feed:subscribe")).toEqual({ ok: true });
    const entry = { id: "app:greeting", kind: "registry.entry", meta: {}, data: { text: "hi" } };
    expect((await join(a, "entry:app:greeting")).ok && (await join(b, "entry:app:greeting"))).toMatchObject({ lastSaved: null });
    const created = (await trpcMutation(one.url, "registry.create", { entry, message: "say hi" }, cookies.one.editor)) as { version: number };
    for (const got of notices) {
      const notice = await eventually(() => got.find((n) => n.version === created.version), "the save notice");
      expect(notice).toMatchObject({ target: "entry:app:greeting", author: "editor@wippy.test", source: "ui", message: "say hi", op: "create", entries: ["app:greeting"] });
      expect(got.filter((n) => n.version === created.version)).toHaveLength(1);
    }
    const item = await eventually(() => feed.find((i) => i.key === `version:${created.version}`), "the version in the feed");
    expect(item).toMatchObject({ type: "version", author: "editor@wippy.test", message: "say hi", entries: [{ id: "app:greeting", op: "create" }], entryCount: 1 });
    expect(await join(a, "entry:app:greeting")).toMatchObject({ lastSaved: { version: created.version, author: "editor@wippy.test", op: "create" } });
  });

  it("tells the supervision canvas about services and supervisors only, deletes included", async () => {
    const a = await connect("two", "viewer");
    const notices = heard<SavedNotice>(a, "registry:saved");
    await join(a, "supervision");
    const host = { id: "app:host", kind: "process.host", meta: {}, data: { host: { workers: 1 } } };
    const proc = { id: "app:proc", kind: "process.lua", meta: {}, data: { source: "local function main() end\nreturn { main = main }\n", method: "main" } };
    await trpcMutation(one.url, "registry.create", { entry: host }, cookies.one.editor);
    await trpcMutation(one.url, "registry.create", { entry: proc }, cookies.one.editor);
    const svc = { id: "app:svc", kind: "process.service", meta: {}, data: { process: "app:proc", host: "app:host" } };
    const made = (await trpcMutation(one.url, "registry.create", { entry: svc }, cookies.one.editor)) as { version: number };
    const deleted = (await trpcMutation(one.url, "registry.delete", { id: "app:svc" }, cookies.one.editor)) as { version: number };
    await eventually(() => notices.find((n) => n.version === deleted.version), "the delete's notice");
    expect(notices.map((n) => [n.version, n.target, n.entries])).toEqual([
      [made.version, "supervision", ["app:svc"]],
      [deleted.version, "supervision", ["app:svc"]],
    ]);
  });

  it("relays comments live to everyone on the target, on both servers", async () => {
    const a = await connect("one", "viewer");
    const b = await connect("two", "viewer");
    const changes = [heard<CommentChange>(a, "comments:change"), heard<CommentChange>(b, "comments:change")];
    await join(a, "run:order-7");
    await join(b, "run:order-7");
    const added = (await trpcMutation(two.url, "comments.add", { target: "run:order-7", body: "retrying" }, cookies.two.operator)) as { id: number };
    await trpcMutation(one.url, "comments.edit", { id: added.id, body: "retried" }, cookies.one.operator);
    await trpcMutation(two.url, "comments.delete", { id: added.id }, cookies.two.admin);
    for (const got of changes) {
      await eventually(() => (got.length >= 3 ? true : undefined), "three comment changes");
      expect(got.map((c) => (c.change === "deleted" ? ["deleted", c.id] : [c.change, c.comment.body]))).toEqual([
        ["added", "retrying"],
        ["edited", "retried"],
        ["deleted", added.id],
      ]);
    }
  });

  it("records a crash loop and a failure once, however many servers see the node's trees, and feeds them live", async () => {
    const watcher = await connect("two", "viewer");
    const feed = heard<FeedItem>(watcher, "feed:item");
    await watcher.ask("feed:subscribe");
    const child = (restarts: number, state: "running" | "terminal", exitAt: number): LiveTreeNode =>
      ({ kind: "service", id: "app:flaky", state, pid: null, restarts, attempts: restarts, lastExit: { at: exitAt, class: "error", error: { kind: "Error", message: "boom" } }, uptimeMs: null, restartType: "permanent", nextRestartAt: null }) as LiveTreeNode;
    const tree = (c: LiveTreeNode): LiveTreeNode => ({ kind: "supervisor", id: "root", state: "running", pid: null, restarts: 0, attempts: 0, lastExit: null, uptimeMs: 1, restartType: "permanent", nextRestartAt: null, strategy: "one_for_one", intensity: null, periodMs: null, children: [c] });
    const push = (node: { socket: { emit(e: string, v: unknown): void } }, c: LiveTreeNode) => node.socket.emit("tree", { at: Date.now(), tree: tree(c) });

    const onOne = await dialNode(one.url, { token: one.nodeToken, id: "flaky-node" });
    for (let r = 0; r <= 3; r += 1) push(onOne, child(r, "running", 100 + r));
    push(onOne, child(3, "terminal", 500));
    const loop = await eventually(() => feed.find((i) => i.type === "incident" && i.kind === "crash_loop"), "the crash loop in the feed");
    expect(loop).toMatchObject({ service: "app:flaky", nodeId: "flaky-node", restarts: 3, message: expect.stringMatching(/^app:flaky restarted 3 times in \d+\.\d s: Error: boom$/) as string });
    await eventually(() => feed.find((i) => i.type === "incident" && i.kind === "service_failed"), "the failure in the feed");
    onOne.close();
    // The node comes back on the other server, still failed: nothing new is recorded.
    const onTwo = await dialNode(two.url, { token: two.nodeToken, id: "flaky-node" });
    push(onTwo, child(3, "terminal", 500));
    push(onTwo, child(3, "terminal", 500));
    await new Promise((r) => setTimeout(r, 500));
    const rows = await tdb.sql<{ kind: string; resolved_at: Date | null }[]>`select kind, resolved_at from incidents where service = 'app:flaky' order by id`;
    expect(rows.map((r) => r.kind)).toEqual(["crash_loop", "service_failed"]);
    // Giving up ended the loop.
    expect(rows[0]?.resolved_at).not.toBeNull();
    expect(rows[1]?.resolved_at).toBeNull();
    // Restarted by hand and running: the failure is resolved, and the feed hears of it.
    push(onTwo, child(4, "running", 500));
    await eventually(() => feed.find((i) => i.type === "incident" && i.kind === "service_failed" && i.resolvedAt !== null), "the failure resolved");
    onTwo.close();
  });
});
