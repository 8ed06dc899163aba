/**
 * A runtime node's live state through the real control-plane server process, as a browser
 * sees it: the supervision tree (pushed on every change), process snapshots and deltas, one
 * process's sampled messages and log lines, the live log, and the operator's actions — send,
 * cancel, terminate, restart a service — with their outcomes and their audit entries.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RegistryStore } from "@wippy/db";
import { createTestDatabase, testTargets, type TestDatabase } from "@wippy/db/testing";
import { RuntimeNode, type NodeLogger } from "@wippy/runtime/node";
import type { Entry, LiveTreeNode, LogLine, ProcessDetail, ProcessRow, ProcessSnapshot } from "@wippy/shared";
import { connectUi, createUsers, eventually, trpcMutation, trpcQuery, type UiClient } from "../../../web/server/testing/client";
import { freePort, spawnServer, type ServerProcess } from "../../../web/server/testing/server-process";
import { startControlAgent, type ControlAgent } from "./agent";
import { LogBuffer } from "./log-buffer";

const [target] = testTargets().filter((t) => t.name === "external");

const WORKER = `local logger = require("logger")
local function main()
  local inbox = process.inbox()
  while true do
    local msg = inbox:receive()
    if msg:topic() == "crash" then error("asked to crash") end
    logger:info("worker got " .. msg:topic(), { payload = msg:payload():data() })
  end
end
return { main = main }`;

const ENTRIES: Entry[] = [
  { id: "app:procs", kind: "process.host", meta: {}, data: { host: { workers: 1 } } },
  { id: "app:worker", kind: "process.lua", meta: {}, data: { source: WORKER, method: "main", modules: ["logger"] } },
  { id: "app:worker_service", kind: "process.service", meta: {}, data: { process: "app:worker", host: "app:procs", lifecycle: { auto_start: true, restart: { initial_delay: "10ms" } } } },
];

/** A logger that feeds the node's log buffer, as the CLI's pino tap does. */
function bufferLogger(logs: LogBuffer): NodeLogger {
  const at = (level: number) => (fields: object, msg?: string) => void logs.push({ ...fields, level, time: Date.now(), msg: msg ?? "" });
  return { debug: at(20), info: at(30), warn: at(40), error: at(50) };
}

function findService(tree: LiveTreeNode, id: string): LiveTreeNode | undefined {
  if (tree.id === id) return tree;
  return tree.kind === "supervisor" ? tree.children.map((c) => findService(c, id)).find(Boolean) : undefined;
}

describe("a node's live state in the control plane", () => {
  let tdb: TestDatabase;
  let node: RuntimeNode;
  let agent: ControlAgent;
  let server: ServerProcess;
  let viewer: UiClient;
  let cookies: Awaited<ReturnType<typeof createUsers>>;
  const logs = new LogBuffer();
  const identity = { id: "live-node:1", address: "live-node (pid 1)", startedAt: Date.now() };
  const trees: { at: number; tree: LiveTreeNode }[] = [];
  const deltas: { seq: number; upsert: ProcessRow[]; patch: Partial<ProcessRow>[]; remove: string[] }[] = [];
  const streamed: LogLine[] = [];

  const query = <T>(path: string, input: unknown, role: "viewer" | "operator" = "viewer") => trpcQuery(server.url, path, input, cookies[role]) as Promise<T>;
  const act = (path: string, input: unknown, role: "viewer" | "operator" = "operator") =>
    trpcMutation(server.url, `processes.${path}`, { nodeId: identity.id, ...input as object }, cookies[role]) as Promise<{ reply: { ok: boolean; kind?: string; message?: string } }>;
  const servicePid = async () => {
    const snapshot = await query<ProcessSnapshot>("processes.snapshot", { nodeId: identity.id });
    return snapshot.processes.find((p) => p.service === "app:worker_service");
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(target ?? testTargets()[0]!);
    const store = new RegistryStore(tdb.sql);
    expect((await store.apply(ENTRIES.map((entry) => ({ op: "create" as const, entry })), { author: "test", source: "api" })).ok).toBe(true);
    node = await RuntimeNode.start({ store, url: tdb.url, logger: bufferLogger(logs) });
    server = await spawnServer({ databaseUrl: tdb.url, port: await freePort() });
    cookies = await createUsers(server.url, ["viewer", "operator"]);
    agent = startControlAgent({ node, logs, sql: tdb.sql, log: bufferLogger(logs), identity, heartbeatMs: 200, backoff: { initialMs: 100, maxMs: 400 } });
    viewer = await connectUi(server.url, cookies.viewer);
    viewer.socket.on("tree:update", (u: { nodeId: string; at: number; tree: LiveTreeNode }) => u.nodeId === identity.id && trees.push(u));
    viewer.socket.on("processes:delta", (u: { nodeId: string; seq: number; upsert: ProcessRow[]; patch: Partial<ProcessRow>[]; remove: string[] }) => u.nodeId === identity.id && deltas.push(u));
    viewer.socket.on("logs:lines", (u: { nodeId: string; lines: LogLine[] }) => u.nodeId === identity.id && streamed.push(...u.lines));
    await eventually(async () => {
      const listed = await viewer.list();
      return listed.ok && listed.nodes.some((n) => n.id === identity.id) ? true : undefined;
    }, "the node to connect").catch((error: Error) => {
      throw new Error(`${error.message}\nserver log:\n${server.log().slice(-3000)}\nnode log:\n${logs.recent(20).map((l) => l.msg).join("\n")}`);
    });
  }, 120_000);
  afterAll(async () => {
    viewer?.close();
    await agent?.stop();
    await node?.stop();
    await server?.kill("SIGKILL");
    await tdb?.drop();
  });

  it("acks the current supervision tree to a new subscriber, with the service running", async () => {
    const ack = await viewer.ask<{ ok: boolean; trees: { nodeId: string; tree: LiveTreeNode }[] }>("supervision:subscribe");
    expect(ack.ok).toBe(true);
    const mine = ack.trees.find((t) => t.nodeId === identity.id);
    expect(mine && findService(mine.tree, "app:worker_service")).toMatchObject({ kind: "service", state: "running", restarts: 0 });
  });

  it("gives a process snapshot whose rows say what each process runs and waits on", async () => {
    const row = await eventually(servicePid, "the service's process");
    expect(row).toMatchObject({ entry: "app:worker", host: "app:procs", state: "waiting", waiting: ["inbox"], mailbox: 0, restarts: 0, links: expect.any(Array) });
    expect(row.memory).toBeGreaterThan(1_000);
    expect(row.version).toBeGreaterThan(0);
  });

  it("streams process deltas while watched, numbered after the snapshot", async () => {
    await viewer.ask("processes:subscribe");
    const snapshot = await query<ProcessSnapshot>("processes.snapshot", { nodeId: identity.id });
    const row = snapshot.processes.find((p) => p.service === "app:worker_service")!;
    await act("send", { dest: row.pid, topic: "hello", payload: { n: 1 } });
    // A known row changes by a patch of the fields that changed.
    const delta = await eventually(() => deltas.find((d) => d.seq > snapshot.seq && d.patch.some((p) => p.pid === row.pid && (p.reductions ?? 0) > row.reductions)), "a delta with the worker's new reductions", 5_000);
    expect(delta.patch.find((p) => p.pid === row.pid)).not.toHaveProperty("entry");
    expect(delta.seq).toBe(snapshot.seq + 1 + deltas.filter((d) => d.seq > snapshot.seq && d.seq < delta.seq).length);
  });

  it("samples a process's messages once its page looks at it, with its own log lines", async () => {
    const row = (await servicePid())!;
    const first = await query<ProcessDetail>("processes.inspect", { nodeId: identity.id, pid: row.pid });
    expect(first.messages).toEqual([]);
    expect(first.entry).toMatchObject({ id: "app:worker", kind: "process.lua" });
    expect(first.serviceEntry).toMatchObject({ id: "app:worker_service" });
    await act("send", { dest: row.pid, topic: "order", payload: { item: "tea", qty: 2 } });
    const later = await eventually(async () => {
      const detail = await query<ProcessDetail>("processes.inspect", { nodeId: identity.id, pid: row.pid });
      return detail.messages.length > 0 && detail.logs.some((l) => l.msg === "worker got order") ? detail : undefined;
    }, "the sampled message and its log line");
    expect(later.messages[0]).toMatchObject({ topic: "order", from: "", preview: '{"item":"tea","qty":2}', truncated: false });
    expect(later.logs.find((l) => l.msg === "worker got order")).toMatchObject({ pid: row.pid, entry: "app:worker", fields: { payload: { item: "tea", qty: 2 } } });
  });

  it("streams log lines to a logs subscriber, and gives the recent ones", async () => {
    await viewer.ask("logs:subscribe");
    await new Promise((r) => setTimeout(r, 300)); // the watch reaches the node
    const row = (await servicePid())!;
    await act("send", { dest: row.pid, topic: "ping" });
    await eventually(() => streamed.find((l) => l.msg === "worker got ping" && l.pid === row.pid), "the streamed line");
    const recent = await query<{ nodes: { nodeId: string; lines: LogLine[] }[] }>("processes.logs", { nodeId: identity.id, limit: 50 });
    expect(recent.nodes[0]?.lines.some((l) => l.msg === "worker got ping")).toBe(true);
  });

  it("pushes the tree when the service crashes and is restarted, within a second", async () => {
    const before = trees.length;
    const row = (await servicePid())!;
    const sentAt = Date.now();
    await act("send", { dest: row.pid, topic: "crash" });
    const restarted = await eventually(() => trees.slice(before).find((t) => (findService(t.tree, "app:worker_service")?.restarts ?? 0) >= 1 && findService(t.tree, "app:worker_service")?.state === "running"), "the restart in a tree update", 5_000);
    expect(restarted.at - sentAt).toBeLessThan(1_000);
    expect(findService(restarted.tree, "app:worker_service")?.lastExit).toMatchObject({ class: "error", error: { message: expect.stringContaining("asked to crash") } });
  });

  it("terminates a process and restarts a service on an operator's word; a dead pid is an answer, not an error", async () => {
    const row = (await servicePid())!;
    expect((await act("terminate", { dest: row.pid })).reply).toEqual({ ok: true, value: true });
    const next = await eventually(async () => {
      const r = await servicePid();
      return r && r.pid !== row.pid ? r : undefined;
    }, "a new worker process");
    expect(next.restarts).toBeGreaterThan(row.restarts ?? 0);
    const dead = await act("send", { dest: row.pid, topic: "hello" });
    expect(dead.reply).toMatchObject({ ok: false, kind: "NotFound" });
    expect((await act("restartService", { id: "app:worker_service" })).reply.ok).toBe(true);
    expect((await act("restartService", { id: "app:no_such_service" })).reply).toMatchObject({ ok: false, kind: "NotFound" });
    expect((await act("cancel", { dest: next.pid, reason: "tidy" })).reply.ok).toBe(true);
    const audit = await tdb.sql<{ action: string; target: string }[]>`select action, target from audit_log where action like 'processes.%' order by id`;
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["processes.send", "processes.terminate", "processes.restartService", "processes.cancel"]));
    expect(audit.find((a) => a.action === "processes.terminate")?.target).toBe(row.pid);
  });

  it("refuses actions to a viewer, and reads of a node that is not there", async () => {
    const row = (await servicePid())!;
    await expect(act("terminate", { dest: row.pid }, "viewer")).rejects.toThrow(/403.*operator/);
    await expect(query("processes.snapshot", { nodeId: "no-such-node" })).rejects.toThrow(/404.*not connected/);
    const refused = await viewer.command({ nodeId: identity.id, command: { type: "inspect.snapshot" } });
    expect(refused).toMatchObject({ ok: false, kind: "PermissionDenied" });
  });

  it("tells the live views, not only the node list, when the node leaves", async () => {
    const left = new Promise((resolve) => viewer.socket.once("node:left", resolve));
    await agent.stop();
    expect(await left).toEqual({ id: identity.id });
  });
});
