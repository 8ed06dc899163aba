/**
 * The node's control-plane agent against the real control-plane server process: a real
 * RuntimeNode on a real PostgreSQL, observed the way a browser sees it (signed in, on `/ui`).
 * The server is absent at first, appears, is killed (SIGKILL) and comes back; the node runs
 * through all of it and reappears in the node list each time the server does.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RegistryStore } from "@wippy/db";
import { createTestDatabase, testTargets, type TestDatabase } from "@wippy/db/testing";
import { RuntimeNode, type NodeLogger } from "@wippy/runtime/node";
import type { Entry } from "@wippy/shared";
import { connectUi, createUsers, eventually, type UiClient } from "../../../web/server/testing/client";
import { freePort, spawnServer, type ServerProcess } from "../../../web/server/testing/server-process";
import { startControlAgent, type ControlAgent } from "./agent";

const [target] = testTargets().filter((t) => t.name === "external");

const fn = (name: string, source: string, extra: Record<string, unknown> = {}): Entry => ({ id: `app:${name}`, kind: "function.lua", meta: {}, data: { source, ...extra } });
const ENTRIES: Entry[] = [
  fn("add", "return function(a, b) return { sum = a + b, args = { a, b } } end"),
  fn("fail", 'return function() return nil, errors.new({ kind = errors.INVALID, message = "bad input" }) end'),
  fn("crash", 'local function inner() error("boom") end\nreturn function() inner() end'),
  fn("slow", 'return function() local time = require("time") time.sleep("30s") return "late" end', { modules: ["time"] }),
  { id: "app:proc", kind: "process.lua", meta: {}, data: { source: "return function() end" } },
];

interface Line {
  level: string;
  message: string;
}

function captureLogger(lines: Line[]): NodeLogger {
  const at = (level: string) => (_fields: object, message?: string) => void lines.push({ level, message: message ?? "" });
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

describe("the control-plane agent of a runtime node", () => {
  let tdb: TestDatabase;
  let node: RuntimeNode;
  let agent: ControlAgent;
  let server: ServerProcess | undefined;
  let port: number;
  let operatorCookie: string | undefined;
  let ui: UiClient | undefined;
  const lines: Line[] = [];
  const identity = { id: "test-node:1", address: "test-node (pid 1)", startedAt: Date.now() };

  const call = (id: string, args: unknown[] = [], timeoutMs?: number) => ui!.command({ nodeId: identity.id, command: { type: "function.call", id, args }, timeoutMs });
  const listed = async () => {
    const r = await ui!.list();
    return r.ok ? r.nodes.find((n) => n.id === identity.id) : undefined;
  };
  const localCall = async (id: string, args: unknown[]) => {
    const run = node.call(id, args);
    if (!run.ok) throw new Error(run.error.message);
    return (await run.value.exit).value;
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(target ?? testTargets()[0]!);
    const store = new RegistryStore(tdb.sql);
    expect((await store.apply(ENTRIES.map((entry) => ({ op: "create" as const, entry })), { author: "test", source: "api" })).ok).toBe(true);
    node = await RuntimeNode.start({ store, url: tdb.url, logger: captureLogger(lines) });
    agent = startControlAgent({ node, sql: tdb.sql, log: captureLogger(lines), identity, heartbeatMs: 200, backoff: { initialMs: 100, maxMs: 400 } });
    port = await freePort();
  });
  afterAll(async () => {
    ui?.close();
    await agent?.stop();
    await node?.stop();
    await server?.kill("SIGKILL");
    await tdb?.drop();
  });

  it("keeps the node running while no control plane exists, and says so once", async () => {
    await eventually(() => (agent.state.kind === "looking" && agent.state.problem.includes("no control-plane server") ? true : undefined), "the agent to look");
    expect(await localCall("app:add", [1, 2])).toEqual({ sum: 3, args: [1, 2] });
    await new Promise((r) => setTimeout(r, 500)); // several retries
    expect(lines.filter((l) => l.level === "info" && l.message.includes("no control-plane server")).length).toBe(1);
  });

  it("dials the server that appears in control_servers; the node shows in its list with its heartbeat", async () => {
    server = await spawnServer({ databaseUrl: tdb.url, port });
    await eventually(() => (agent.state.kind === "connected" ? true : undefined), "the agent to connect");
    expect(agent.state).toEqual({ kind: "connected", url: server.url });
    operatorCookie = (await createUsers(server.url, ["operator"])).operator;
    ui = await connectUi(server.url, operatorCookie);
    const info = await eventually(listed, "the node in the list");
    expect(info).toMatchObject({ address: identity.address, startedAt: identity.startedAt, registryVersion: node.view.version, processes: expect.any(Number) });
    expect(info.memory).toBeGreaterThan(1_000_000);
    const later = await eventually(async () => {
      const again = await listed();
      return again && again.heartbeatAt > info.heartbeatAt ? again : undefined;
    }, "a newer heartbeat");
    expect(later.registryVersion).toBe(node.view.version);
  });

  it("runs function.call and acknowledges the value", async () => {
    expect(await call("app:add", [2, 3])).toEqual({ ok: true, reply: { ok: true, value: { sum: 5, args: [2, 3] } } });
  });

  it("acknowledges a returned error with its kind, and a raised one with its Lua traceback", async () => {
    expect(await call("app:fail")).toMatchObject({ ok: true, reply: { ok: false, kind: "Invalid", message: "bad input" } });
    const crash = await call("app:crash");
    expect(crash).toMatchObject({ ok: true, reply: { ok: false, message: expect.stringContaining("boom"), traceback: expect.stringContaining("stack traceback") } });
    expect(crash.ok && !crash.reply.ok && crash.reply.traceback).toMatch(/inner/);
  });

  it("answers NotFound for an unknown function and Invalid for an entry that is not one", async () => {
    expect(await call("app:nope")).toEqual({ ok: true, reply: { ok: false, kind: "NotFound", message: "no registry entry app:nope" } });
    expect(await call("app:proc")).toEqual({ ok: true, reply: { ok: false, kind: "Invalid", message: "app:proc is a process.lua, not a function.lua" } });
  });

  it("times out a call that runs too long, and the node ends that process", async () => {
    const before = node.processes().length;
    const slow = await call("app:slow", [], 500);
    expect(slow).toMatchObject({ ok: true, reply: { ok: false, kind: "Timeout" } });
    await eventually(() => (node.processes().length <= before ? true : undefined), "the slow process to be terminated");
  });

  it("survives the server being killed, and reconnects when it comes back", async () => {
    ui?.close();
    await server!.kill("SIGKILL");
    await eventually(() => (agent.state.kind === "looking" ? true : undefined), "the agent to notice");
    expect(await localCall("app:add", [4, 5])).toEqual({ sum: 9, args: [4, 5] });
    expect(lines.some((l) => l.level === "warn" && /lost http:\/\/localhost:\d+/.test(l.message))).toBe(true);

    server = await spawnServer({ databaseUrl: tdb.url, port });
    await eventually(() => (agent.state.kind === "connected" ? true : undefined), "the agent to reconnect");
    ui = await connectUi(server.url, operatorCookie); // the session outlives the server: it is in PostgreSQL
    await eventually(listed, "the node in the list again");
    expect(await call("app:add", [10, 20])).toMatchObject({ ok: true, reply: { ok: true, value: { sum: 30 } } });
  });

  it("is refused with a wrong token: it keeps trying and is never listed", async () => {
    const wrong = startControlAgent({
      node,
      sql: tdb.sql,
      log: captureLogger(lines),
      identity: { ...identity, id: "wrong-token-node" },
      token: "this-is-not-the-node-token",
      backoff: { initialMs: 100, maxMs: 400 },
    });
    try {
      await eventually(() => (wrong.state.kind === "looking" && wrong.state.problem.includes("refused the node token") ? true : undefined), "the refusal");
      const r = await ui!.list();
      expect(r.ok && r.nodes.map((n) => n.id)).toEqual([identity.id]);
    } finally {
      await wrong.stop();
    }
    expect(wrong.state).toEqual({ kind: "stopped" });
  });

  it("stops cleanly: the node leaves the list", async () => {
    await agent.stop();
    expect(agent.state).toEqual({ kind: "stopped" });
    await eventually(async () => ((await listed()) ? undefined : true), "the node to leave the list");
  });
});
