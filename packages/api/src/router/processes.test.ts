/**
 * `processes.*` through `createCaller` with a scripted node: what is sent to the node, how a
 * node's failures and bad answers become errors for reads and outcomes for actions, input
 * that never reaches a node, and the audit of every action. (The same router against a real
 * node and server: apps/runtime/src/control/live.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@wippy/db";
import { testTargets } from "@wippy/db/testing";
import type { ProcessSnapshot } from "@wippy/shared";
import { createWorld, errorOf, type World } from "../test/world";

const SNAPSHOT: ProcessSnapshot = {
  seq: 7,
  at: 1,
  tree: { kind: "supervisor", id: "wippy:root", state: "running", pid: "{s|0x1}", restarts: 0, attempts: 0, lastExit: null, uptimeMs: 5, restartType: "permanent", nextRestartAt: null, strategy: "one_for_one", intensity: null, periodMs: null, children: [] },
  processes: [{ pid: "{app|0x2}", entry: "app:worker", host: "app", state: "waiting", waiting: ["inbox"], mailbox: 0, reductions: 3, memory: 4000, links: [], monitors: [], names: [], startedAt: 1, version: 2 }],
};

describe.each(testTargets())("processes router on $name PostgreSQL", (target) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(target);
  });
  afterAll(() => w?.drop());

  it("reads a node's snapshot, checking what the node answered", async () => {
    w.nodes.reply = { ok: true, value: SNAPSHOT as never };
    expect(await w.as("viewer").processes.snapshot({ nodeId: "n1" })).toEqual(SNAPSHOT);
    expect(w.nodes.commands.at(-1)).toMatchObject({ nodeId: "n1", command: { type: "inspect.snapshot" } });
    w.nodes.reply = { ok: true, value: { seq: "not a number" } };
    expect(await errorOf(() => w.as("viewer").processes.snapshot({ nodeId: "n1" }))).toMatchObject({ code: "INTERNAL_SERVER_ERROR", message: expect.stringContaining("does not understand") });
  });

  it("turns a missing or silent node into NOT_FOUND and TIMEOUT for reads", async () => {
    w.nodes.reply = { ok: false, kind: "NotFound", message: "runtime node n9 is not connected" };
    expect(await errorOf(() => w.as("viewer").processes.inspect({ nodeId: "n9", pid: "{a|0x1}" }))).toMatchObject({ code: "NOT_FOUND", message: "runtime node n9 is not connected" });
    w.nodes.reply = { ok: false, kind: "Timeout", message: "runtime node n1 did not answer" };
    expect((await errorOf(() => w.as("viewer").processes.snapshot({ nodeId: "n1" }))).code).toBe("TIMEOUT");
  });

  it("answers null for a process the connected node does not have (it exited)", async () => {
    w.nodes.reply = { ok: false, kind: "NotFound", message: "process {app|0x9} not found on this node (it may have exited)" };
    expect(await w.as("viewer").processes.inspect({ nodeId: "n1", pid: "{app|0x9}" })).toBeNull();
    expect(w.nodes.commands.at(-1)?.command).toEqual({ type: "inspect.process", pid: "{app|0x9}" });
  });

  it("gives each node's recent logs, and an error per node that did not answer", async () => {
    w.nodes.reply = { ok: false, kind: "Timeout", message: "slow" };
    expect(await w.as("viewer").processes.logs({ limit: 10 })).toEqual({ nodes: [{ nodeId: "n1", lines: [], error: "slow" }] });
    expect(w.nodes.commands.at(-1)?.command).toEqual({ type: "logs.recent", limit: 10 });
  });

  it("sends an action to the node and returns its outcome, audited — also when it failed", async () => {
    w.nodes.reply = { ok: true, value: true };
    const sent = await w.as("operator").processes.send({ nodeId: "n1", dest: "{app|0x2}", topic: "job", payload: { id: 1 } });
    expect(sent.reply).toEqual({ ok: true, value: true });
    expect(w.nodes.commands.at(-1)?.command).toEqual({ type: "process.send", dest: "{app|0x2}", topic: "job", payload: { id: 1 } });
    w.nodes.reply = { ok: false, kind: "NotFound", message: "process {app|0x9} not found" };
    const gone = await w.as("operator").processes.terminate({ nodeId: "n1", dest: "{app|0x9}" });
    expect(gone.reply).toMatchObject({ ok: false, kind: "NotFound" });
    const [terminate, send] = await listAudit(w.db.sql, { action: "processes." });
    expect(send).toMatchObject({ action: "processes.send", target: "{app|0x2}", actor: { name: "operator@example.com" }, after: { ok: true } });
    expect(terminate).toMatchObject({ action: "processes.terminate", target: "{app|0x9}", after: { ok: false, kind: "NotFound" }, summary: expect.stringContaining("not found") });
  });

  it("refuses a reserved topic, an empty topic and an oversized payload before any node is asked", async () => {
    const asked = w.nodes.commands.length;
    const send = (topic: string, payload?: unknown) => errorOf(() => w.as("operator").processes.send({ nodeId: "n1", dest: "x", topic, payload: payload as never }));
    expect((await send("@system")).message).toContain("reserved");
    expect((await send("  ")).message).toContain("topic is required");
    expect((await send("big", "x".repeat(70_000))).message).toContain("larger than");
    expect(w.nodes.commands.length).toBe(asked);
  });

  it("restarts a service and cancels a process with a default reason", async () => {
    w.nodes.reply = { ok: true, value: true };
    await w.as("operator").processes.restartService({ nodeId: "n1", id: "app:svc" });
    expect(w.nodes.commands.at(-1)?.command).toEqual({ type: "service.restart", id: "app:svc" });
    await w.as("operator").processes.cancel({ nodeId: "n1", dest: "{app|0x2}" });
    expect(w.nodes.commands.at(-1)?.command).toEqual({ type: "process.cancel", dest: "{app|0x2}", reason: "canceled from the control plane" });
  });
});
