/**
 * Runtime nodes on one control-plane server: the node token at the door, hello and heartbeats
 * in the directory, commands acknowledged, timed out, or sent nowhere — over real socket.io
 * connections to a real server on a real PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testTargets, type TestDatabase } from "@wippy/db/testing";
import { NODE_TOKEN_SETTING, readSetting } from "@wippy/db";
import { startControlServer, type ControlServer } from "./control-server";
import { createLogger } from "./log";
import { dialNode, type FakeNode } from "./testing/fake-node";
import { eventually } from "./testing/client";

const [target] = testTargets().filter((t) => t.name === "external");
const log = createLogger({ level: process.env.TEST_LOG_LEVEL ?? "silent", format: "human" });

describe("runtime nodes on a control-plane server", () => {
  let tdb: TestDatabase;
  let server: ControlServer;
  const nodes: FakeNode[] = [];

  beforeAll(async () => {
    tdb = await createTestDatabase(target ?? testTargets()[0]!);
    server = await startControlServer({ databaseUrl: tdb.url, port: 0, ui: "none", log });
  });
  afterAll(async () => {
    for (const n of nodes) n.close();
    await server?.close();
    await tdb?.drop();
  });

  it("creates the node token once in control_settings and lets a node with it in", async () => {
    expect(await readSetting(tdb.sql, NODE_TOKEN_SETTING)).toBe(server.nodeToken);
    nodes.push(await dialNode(server.url, { token: server.nodeToken, id: "node-a", registryVersion: 7 }));
    const listed = await server.nodes.list();
    expect(listed).toEqual([expect.objectContaining({ id: "node-a", address: "node-a-address", registryVersion: 7, processes: 3, memory: 1_000_000 })]);
  });

  it("refuses a node with a wrong or missing token", async () => {
    await expect(dialNode(server.url, { token: "not-the-token", id: "intruder" })).rejects.toThrow("invalid node token");
    await expect(dialNode(server.url, { token: "", id: "intruder" })).rejects.toThrow("invalid node token");
    expect((await server.nodes.list()).map((n) => n.id)).not.toContain("intruder");
  });

  it("lists a node only once it said hello, and forgets it when it disconnects", async () => {
    const silent = await dialNode(server.url, { token: server.nodeToken, id: "quiet", silent: true });
    expect((await server.nodes.list()).map((n) => n.id)).toEqual(["node-a"]);
    silent.close();
    const brief = await dialNode(server.url, { token: server.nodeToken, id: "brief" });
    expect((await server.nodes.list()).map((n) => n.id)).toEqual(["brief", "node-a"]);
    brief.close();
    await eventually(async () => ((await server.nodes.list()).some((n) => n.id === "brief") ? undefined : true), "brief to leave");
  });

  it("shows each heartbeat in list(): version, processes, memory, time", async () => {
    const before = (await server.nodes.list())[0]!;
    nodes[0]!.heartbeat({ registryVersion: 8, processes: 42, memory: 2_000_000 });
    const after = await eventually(async () => (await server.nodes.list()).find((n) => n.id === "node-a" && n.registryVersion === 8), "the heartbeat");
    expect(after).toMatchObject({ processes: 42, memory: 2_000_000, startedAt: before.startedAt });
    expect(after.heartbeatAt).toBeGreaterThanOrEqual(before.heartbeatAt);
  });

  it("a reconnecting node replaces its old connection", async () => {
    const again = await dialNode(server.url, { token: server.nodeToken, id: "node-a", registryVersion: 9, onCommand: () => ({ ok: true, value: "new" }) });
    nodes.push(again);
    await eventually(() => (nodes[0]!.socket.connected ? undefined : true), "the old connection to be closed");
    expect(await server.nodes.list()).toEqual([expect.objectContaining({ id: "node-a", registryVersion: 9 })]);
    expect(await server.nodes.command("node-a", { type: "function.call", id: "app:f", args: [] })).toEqual({ ok: true, value: "new" });
  });

  it("delivers a command and returns the node's acknowledgement", async () => {
    const seen: unknown[] = [];
    nodes.push(
      await dialNode(server.url, {
        token: server.nodeToken,
        id: "worker",
        onCommand: (envelope) => {
          seen.push(envelope);
          return envelope.command.id === "app:boom"
            ? { ok: false, kind: "Internal", message: "boom", traceback: "stack traceback:\n\t[string \"app:boom\"]:1: in main chunk" }
            : { ok: true, value: { sum: 3 } };
        },
      }),
    );
    expect(await server.nodes.command("worker", { type: "function.call", id: "app:add", args: [1, 2] }, 2_000)).toEqual({ ok: true, value: { sum: 3 } });
    expect(seen[0]).toEqual({ command: { type: "function.call", id: "app:add", args: [1, 2] }, timeoutMs: 2_000 });
    expect(await server.nodes.command("worker", { type: "function.call", id: "app:boom", args: [] })).toMatchObject({ ok: false, kind: "Internal", traceback: expect.stringContaining("stack traceback") });
  });

  it("times out with a clear error when the node does not acknowledge", async () => {
    nodes.push(await dialNode(server.url, { token: server.nodeToken, id: "mute" }));
    const started = Date.now();
    const reply = await server.nodes.command("mute", { type: "function.call", id: "app:slow", args: [] }, 300);
    expect(reply).toEqual({ ok: false, kind: "Timeout", message: "runtime node mute did not answer function.call app:slow within 300 ms" });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("answers NotFound for a node that is not connected, and Invalid for a reply that is not one", async () => {
    expect(await server.nodes.command("ghost", { type: "function.call", id: "app:f", args: [] })).toEqual({ ok: false, kind: "NotFound", message: "runtime node ghost is not connected" });
    nodes.push(await dialNode(server.url, { token: server.nodeToken, id: "garbled", onCommand: () => ({ yes: "no" }) }));
    expect(await server.nodes.command("garbled", { type: "function.call", id: "app:f", args: [] })).toMatchObject({ ok: false, kind: "Invalid" });
  });

  it("drops a node that sends an invalid heartbeat", async () => {
    const bad = await dialNode(server.url, { token: server.nodeToken, id: "bad-beat" });
    bad.socket.emit("heartbeat", { registryVersion: "seven" });
    await eventually(() => (bad.socket.connected ? undefined : true), "the server to disconnect it");
    await eventually(async () => ((await server.nodes.list()).some((n) => n.id === "bad-beat") ? undefined : true), "bad-beat to be unlisted");
  });
});
