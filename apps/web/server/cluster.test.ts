/**
 * Two control-plane servers on one database share socket.io rooms through the PostgreSQL
 * adapter: a browser on server B follows a node connected to server A, B lists it, and a
 * command sent from B reaches it on A.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testTargets, type TestDatabase } from "@wippy/db/testing";
import { startControlServer, type ControlServer } from "./control-server";
import { createLogger } from "./log";
import { connectUi, createUsers, eventually, type UiClient, type UiNode } from "./testing/client";
import { dialNode, type FakeNode } from "./testing/fake-node";
import { freePort, spawnServer } from "./testing/server-process";

const [target] = testTargets().filter((t) => t.name === "external");
const log = createLogger({ level: process.env.TEST_LOG_LEVEL ?? "silent", format: "human" });
// Servers notice each other within half a second instead of the default five.
const cluster = { heartbeatIntervalMs: 500, heartbeatTimeoutMs: 2_000 };

describe("two control-plane servers on one database", () => {
  let tdb: TestDatabase;
  let a: ControlServer;
  let b: ControlServer;
  let ui: UiClient;
  let node: FakeNode;
  const events: { event: string; node: Partial<UiNode> }[] = [];

  beforeAll(async () => {
    tdb = await createTestDatabase(target ?? testTargets()[0]!);
    a = await startControlServer({ databaseUrl: tdb.url, port: 0, ui: "none", log, cluster });
    b = await startControlServer({ databaseUrl: tdb.url, port: 0, ui: "none", log, cluster });
    const cookies = await createUsers(b.url);
    ui = await connectUi(b.url, cookies.viewer);
    for (const event of ["node:joined", "node:heartbeat", "node:left"]) ui.socket.on(event, (n: Partial<UiNode>) => events.push({ event, node: n }));
    expect(await ui.subscribe()).toMatchObject({ ok: true, nodes: [] });
  });
  afterAll(async () => {
    ui?.close();
    node?.close();
    await a?.close();
    await b?.close();
    await tdb?.drop();
  });

  it("share one node token and session secret", () => {
    expect(b.nodeToken).toBe(a.nodeToken);
    expect(a.id).not.toBe(b.id);
  });

  it("a browser on B sees a node join server A, and its heartbeats", async () => {
    node = await dialNode(a.url, { token: a.nodeToken, id: "on-a", onCommand: (e) => ({ ok: true, value: { ranOn: "a", args: e.command.args } }) });
    await eventually(() => events.find((e) => e.event === "node:joined" && e.node.id === "on-a"), "node:joined on B");
    node.heartbeat({ registryVersion: 5, processes: 9, memory: 123 });
    const beat = await eventually(() => events.find((e) => e.event === "node:heartbeat" && e.node.id === "on-a"), "node:heartbeat on B");
    expect(beat.node).toMatchObject({ registryVersion: 5, processes: 9, memory: 123 });
  });

  it("B lists the node connected to A", async () => {
    const listed = await eventually(async () => (await b.nodes.list()).find((n) => n.id === "on-a"), "B to list on-a");
    expect(listed).toMatchObject({ address: "on-a-address", registryVersion: 5 });
    expect(await ui.list()).toMatchObject({ ok: true, nodes: [expect.objectContaining({ id: "on-a" })] });
  });

  it("a command from B reaches the node on A and comes back acknowledged", async () => {
    expect(await b.nodes.command("on-a", { type: "function.call", id: "app:where", args: ["x"] }, 5_000)).toEqual({ ok: true, value: { ranOn: "a", args: ["x"] } });
    expect(await b.nodes.command(undefined, { type: "function.call", id: "app:where", args: [] }, 5_000)).toMatchObject({ ok: true });
  });

  it("the browser on B hears the node leave A", async () => {
    node.close();
    await eventually(() => events.find((e) => e.event === "node:left" && e.node.id === "on-a"), "node:left on B");
    await eventually(async () => ((await b.nodes.list()).length === 0 ? true : undefined), "B's list to be empty");
  });

  it("B still answers list() while another server lies dead (killed without a goodbye)", async () => {
    const c = await spawnServer({ databaseUrl: tdb.url, port: await freePort() });
    const onC = await dialNode(c.url, { token: a.nodeToken, id: "on-c" });
    try {
      await eventually(async () => (await b.nodes.list()).find((n) => n.id === "on-c"), "B to list on-c");
      await c.kill("SIGKILL");
      // Until B's adapter gives C up, a cluster-wide query cannot complete: B answers from
      // what it can reach instead of failing (and logs it).
      const started = Date.now();
      expect((await b.nodes.list()).map((n) => n.id)).not.toContain("on-c");
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      onC.close();
      await c.kill("SIGKILL");
    }
  });

  it("B keeps answering after A stops, from its own nodes", async () => {
    const own = await dialNode(b.url, { token: b.nodeToken, id: "on-b", onCommand: () => ({ ok: true, value: "b" }) });
    try {
      await a.close();
      expect((await b.nodes.list()).map((n) => n.id)).toEqual(["on-b"]);
      expect(await b.nodes.command("on-b", { type: "function.call", id: "app:f", args: [] })).toEqual({ ok: true, value: "b" });
    } finally {
      own.close();
    }
  });
});
