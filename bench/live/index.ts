/**
 * bench/live — how fast and how heavy the control plane's live view of a node is (issue 8):
 * a real `RuntimeNode` with its control-plane agent, the real control-plane server process
 * (`apps/web/server`, no UI) on a throwaway database of DATABASE_URL's server (default: the
 * machine's PostgreSQL), and a browser's `/ui` socket, signed in as a viewer.
 *
 * Prints one JSON document (times in ms, percentiles over the samples):
 * - crash_to_tree: an operator's `crash` message to a supervised service (through tRPC, as the
 *   inspector sends it) → the browser receives the tree showing it failed (`failed_ms`), and
 *   showing it running again with one more restart (`restarted_ms`). The canvas redraws from
 *   that event, so this is the crash-to-canvas delay minus one React render.
 * - processes: with `BENCH_PROCESSES` extra idle processes on the node — the snapshot a
 *   browser loads (`snapshot_ms`, `snapshot_bytes`), and the deltas it then receives each
 *   second while `BENCH_BUSY` of them are sent a message every 100 ms (`delta_bytes_per_s`,
 *   `delta_rows_per_s`).
 * Parameters (environment): BENCH_CRASHES (30), BENCH_PROCESSES (10000), BENCH_BUSY (1000),
 * BENCH_SECONDS (5).
 */
import { RegistryStore } from "@wippy/db";
import { RuntimeNode, type NodeLogger } from "@wippy/runtime/node";
import type { Entry, LiveTreeNode, ProcessSnapshot } from "@wippy/shared";
import { LogBuffer } from "../../apps/runtime/src/control/log-buffer";
import { startControlAgent } from "../../apps/runtime/src/control/agent";
import { connectUi, createUsers, eventually, trpcMutation, trpcQuery } from "../../apps/web/server/testing/client";
import { freePort, spawnServer } from "../../apps/web/server/testing/server-process";
import { benchDatabase, now, percentiles } from "../lib";

const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`);
  return value;
};
const params = { crashes: int("BENCH_CRASHES", 30), processes: int("BENCH_PROCESSES", 10_000), busy: int("BENCH_BUSY", 1_000), seconds: int("BENCH_SECONDS", 5) };
const progress = (line: string): void => void process.stderr.write(`live: ${line}\n`);

const WORKER = `local function main()
  local inbox = process.inbox()
  while true do
    local msg = inbox:receive()
    if msg:topic() == "crash" then error("asked to crash") end
  end
end
return { main = main }`;
const ENTRIES: Entry[] = [
  { id: "bench:procs", kind: "process.host", meta: {}, data: { host: { workers: 2 } } },
  { id: "bench:idle", kind: "process.host", meta: {}, data: { host: { workers: 1 } } },
  { id: "bench:worker", kind: "process.lua", meta: {}, data: { source: WORKER, method: "main" } },
  // Under a supervisor that restarts at once (no back-off) and tolerates every crash here.
  { id: "bench:sup", kind: "process.supervisor", meta: {}, data: { strategy: "one_for_one", intensity: 1_000, period: "1s", lifecycle: { auto_start: true } } },
  { id: "bench:worker_service", kind: "process.service", meta: { supervisor: "bench:sup" }, data: { process: "bench:worker", host: "bench:procs", lifecycle: { auto_start: true, restart_type: "permanent" } } },
];
const SERVICE = "bench:worker_service";
const silent: NodeLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function find(tree: LiveTreeNode, id: string): LiveTreeNode | undefined {
  if (tree.id === id) return tree;
  return tree.kind === "supervisor" ? tree.children.map((c) => find(c, id)).find(Boolean) : undefined;
}

const db = await benchDatabase("", process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
const store = new RegistryStore(db.sql);
const applied = await store.apply(ENTRIES.map((entry) => ({ op: "create" as const, entry })), { author: "bench", source: "api" });
if (!applied.ok) throw new Error(applied.error.message);
const logs = new LogBuffer();
const node = await RuntimeNode.start({ store, url: db.url, logger: silent });
const server = await spawnServer({ databaseUrl: db.url, port: await freePort() });
const identity = { id: "bench-node", address: "bench-node", startedAt: Date.now() };
const agent = startControlAgent({ node, logs, sql: db.sql, log: silent, identity });
try {
  const cookies = await createUsers(server.url, ["viewer", "operator"]);
  const ui = await connectUi(server.url, cookies.viewer);
  await eventually(async () => {
    const listed = await ui.list();
    return listed.ok && listed.nodes.some((n) => n.id === identity.id) ? true : undefined;
  }, "the node to connect");
  let latest: LiveTreeNode | undefined;
  const waiters: { test: (t: LiveTreeNode) => boolean; resolve: () => void }[] = [];
  ui.socket.on("tree:update", (u: { nodeId: string; tree: LiveTreeNode }) => {
    if (u.nodeId !== identity.id) return;
    latest = u.tree;
    for (const w of waiters.splice(0)) {
      if (w.test(u.tree)) w.resolve();
      else waiters.push(w);
    }
  });
  const treeWhere = (test: (t: LiveTreeNode) => boolean) => new Promise<void>((resolve) => waiters.push({ test, resolve }));
  const subscribed = await ui.ask<{ ok: boolean; trees?: { nodeId: string; tree: LiveTreeNode }[] }>("supervision:subscribe");
  latest ??= subscribed.trees?.find((t) => t.nodeId === identity.id)?.tree;

  progress(`crash → tree (${params.crashes} crashes)`);
  const failed: number[] = [];
  const restarted: number[] = [];
  for (let i = 0; i < params.crashes; i++) {
    const service = await eventually(() => {
      const s = latest && find(latest, SERVICE);
      return s?.state === "running" && s.pid ? s : undefined;
    }, "the service running");
    const t0 = now();
    const down = treeWhere((t) => find(t, SERVICE)?.pid !== service.pid);
    const up = treeWhere((t) => find(t, SERVICE)?.state === "running" && (find(t, SERVICE)?.restarts ?? 0) > service.restarts);
    await trpcMutation(server.url, "processes.send", { nodeId: identity.id, dest: service.pid, topic: "crash" }, cookies.operator);
    await down;
    failed.push(now() - t0);
    await up;
    restarted.push(now() - t0);
  }

  progress(`${params.processes} idle processes, ${params.busy} of them sent a message every 100 ms`);
  const pids: string[] = [];
  for (let i = 0; i < params.processes; i++) {
    const pid = node.runtime.spawn("bench:worker", "bench:idle");
    if (!pid.ok) throw new Error(pid.error.message);
    pids.push(pid.value);
  }
  await ui.ask("processes:subscribe");
  const t0 = now();
  const snapshot = (await trpcQuery(server.url, "processes.snapshot", { nodeId: identity.id }, cookies.viewer)) as ProcessSnapshot;
  const snapshotMs = now() - t0;
  const snapshotBytes = JSON.stringify(snapshot).length;
  let deltaBytes = 0;
  let deltaRows = 0;
  ui.socket.on("processes:delta", (d: { upsert: unknown[]; patch: unknown[]; remove: unknown[] }) => {
    deltaBytes += JSON.stringify(d).length;
    deltaRows += d.upsert.length + d.patch.length + d.remove.length;
  });
  const poke = setInterval(() => {
    for (const pid of pids.slice(0, params.busy)) node.kernel.send(pid, "tick", [1]);
  }, 100);
  await new Promise((r) => setTimeout(r, params.seconds * 1000));
  clearInterval(poke);
  ui.close();

  const result = {
    bench: "live",
    params,
    crash_to_tree: { failed_ms: percentiles(failed), restarted_ms: percentiles(restarted) },
    processes: {
      rows: snapshot.processes.length,
      snapshot_ms: Math.round(snapshotMs),
      snapshot_bytes: snapshotBytes,
      delta_bytes_per_s: Math.round(deltaBytes / params.seconds),
      delta_rows_per_s: Math.round(deltaRows / params.seconds),
    },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await agent.stop();
  await node.stop();
  await server.kill("SIGTERM");
  await db.done();
}
