/**
 * Change requests end to end on real runtime nodes (issue 9): an agent whose scope allows
 * `registry.propose` on its own namespace only generates a function, proposes it and waits; a
 * person approves it through the store, as the control plane does, from a connection of its
 * own; the agent — on node A — hears the outcome, and its function is callable at once. A
 * process on node B hears the same outcome. Refusals asserted on the way: `apply` (with the
 * hint to propose), another namespace, approving itself. Rejected and stale outcomes reach the
 * agent too.
 */
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChangeRequestStore, listAudit, RegistryStore, type AuditActor } from "@wippy/db";
import { createTestDatabase, testTargets, type TestDatabase } from "@wippy/db/testing";
import type { ChangeRequest, Entry } from "@wippy/shared";
import type { ExitResult } from "../kernel";
import { actor, context, policyEntry } from "../security/test-support";
import { waitForExit } from "./await-exit";
import { RuntimeNode } from "./runtime-node";

const quiet = () => undefined;
const LOGGER = { debug: quiet, info: quiet, warn: quiet, error: quiet };
const EVE: AuditActor = { kind: "user", id: "u-eve", name: "eve@example.com" };

const process_ = (id: string, source: string, modules: string[]): Entry => ({ id, kind: "process.lua", meta: {}, data: { source, method: "main", modules } });

/** The agent: tries what it may not do, proposes a function, waits for the outcome, then calls it. */
const WRITER = `local registry = require("registry")
local events = require("events")
local funcs = require("funcs")
local time = require("time")
local function main(name, body)
  local sub = events.subscribe("registry.change_request")
  local id = "agents.tools:" .. name
  local fn = { id = id, kind = "function.lua", data = { source = "return function(x) return " .. body .. " end" } }
  local _, apply_err = registry.snapshot():changes():create(fn):apply()
  local _, other_err = registry.snapshot():changes():create({ id = "app:elsewhere", kind = "registry.entry" }):propose("not mine")
  local req, err = registry.snapshot():changes():create(fn):propose("add " .. name)
  if not req then return { error = tostring(err) } end
  local _, self_err = registry.approve_change(req.id)
  local deadline = time.after("20s")
  while true do
    local r = channel.select { sub:channel():case_receive(), deadline:case_receive() }
    if r.channel == deadline then return { error = "no outcome for " .. req.id } end
    local ev = r.value
    if ev.path == req.id and ev.kind ~= "open" then
      local result, call_err = funcs.call(id, 21)
      local now = registry.change_request(req.id)
      return { id = req.id, proposed = req.status, required = req.approvals_required, outcome = ev.kind, version = ev.data.version,
               reason = ev.data.reason, result = result, call_error = call_err and call_err:kind(), status = now.status,
               apply_err = apply_err:message(), apply_kind = apply_err:kind(), other_err = other_err:message(), self_err = self_err:message() }
    end
  end
end
return { main = main }`;

const LISTENER = `local events = require("events")
local function main()
  local sub = events.subscribe("registry.change_request")
  while true do
    local ev = sub:channel():receive()
    if ev.kind ~= "open" then return { kind = ev.kind, path = ev.path, version = ev.data.version } end
  end
end
return { main = main }`;

const ENTRIES: Entry[] = [
  { id: "agents:h", kind: "process.host", meta: {}, data: { host: { workers: 2 } } },
  policyEntry("agents:own_tools", { actions: ["registry.propose", "registry.get", "funcs.call"], resources: "agents.tools:*" }),
  policyEntry("agents:hear_outcomes", { actions: "events.subscribe", resources: "registry.change_request" }),
  { id: "agents:review", kind: "registry.review_rules", meta: {}, data: { rules: [{ namespaces: ["agents.tools"] }] } },
  process_("agents:writer", WRITER, ["registry", "events", "funcs", "time"]),
  process_("agents:listener", LISTENER, ["events"]),
  process_(
    "agents:free",
    `local registry = require("registry")
return { main = function()
  local _, err = registry.snapshot():changes():create({ id = "agents.tools:free", kind = "registry.entry" }):apply()
  local v = registry.snapshot():changes():create({ id = "app.free:x", kind = "registry.entry" }):apply()
  return { covered = err:kind(), decision = err:details().decision, message = err:message(), elsewhere = v ~= nil }
end }`,
    ["registry"],
  ),
];
const AGENT = context(actor("bot:writer"), ["agents:own_tools", "agents:hear_outcomes"]);

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.each(testTargets())("change requests on runtime nodes on $name PostgreSQL", (target) => {
  let tdb: TestDatabase;
  let b: postgres.Sql;
  let control: postgres.Sql;
  let nodeA: RuntimeNode;
  let nodeB: RuntimeNode;
  /** The control plane's view of the requests: a connection of its own. */
  let decide: ChangeRequestStore;

  beforeAll(async () => {
    tdb = await createTestDatabase(target);
    b = postgres(tdb.url, { max: 4, onnotice: quiet });
    control = postgres(tdb.url, { max: 2, onnotice: quiet });
    decide = new ChangeRequestStore(control);
    const store = new RegistryStore(tdb.sql);
    const r = await store.apply(ENTRIES.map((entry) => ({ op: "create" as const, entry })), { author: "test", source: "api" });
    if (!r.ok) throw new Error(r.error.message);
    nodeA = await RuntimeNode.start({ store, url: tdb.url, logger: LOGGER, safetyIntervalMs: 600_000, changeRequests: new ChangeRequestStore(tdb.sql) });
    nodeB = await RuntimeNode.start({ store: new RegistryStore(b), url: tdb.url, logger: LOGGER, safetyIntervalMs: 600_000, changeRequests: new ChangeRequestStore(b) });
  });
  afterAll(async () => {
    await nodeA?.stop();
    await nodeB?.stop();
    await b?.end();
    await control?.end();
    await tdb?.drop();
  });

  function spawn(node: RuntimeNode, id: string, args: unknown[], security = AGENT): Promise<ExitResult> {
    const pid = node.runtime.spawn(id, "agents:h", args, { security });
    if (!pid.ok) throw new Error(pid.error.message);
    const exit = waitForExit(node.kernel, pid.value);
    if (!exit.ok) throw new Error(exit.error.message);
    return exit.value;
  }

  const openRequestFor = (entry: string): Promise<ChangeRequest> =>
    until(async () => (await decide.list({ status: ["open"], entry })).items[0], (cr) => cr !== undefined, `a request for ${entry}`) as Promise<ChangeRequest>;

  it("the agent proposes, a person approves on another connection, the agent hears 'applied' and calls its function; node B hears it too", async () => {
    const listener = spawn(nodeB, "agents:listener", [], {});
    const agent = spawn(nodeA, "agents:writer", ["double", "x * 2"]);
    const cr = await openRequestFor("agents.tools:double");
    expect(cr).toMatchObject({ author: { kind: "actor", id: "bot:writer", entry: "agents:writer" }, source: "agent", approvalsRequired: 1, rules: ["agents:review"] });
    expect(nodeA.view.get("agents.tools:double")).toBeUndefined();
    const decided = await decide.approve(cr.id, EVE);
    expect(decided).toMatchObject({ ok: true, value: { request: { status: "applied" } } });
    const version = decided.ok ? decided.value.request.appliedVersion : null;

    const result = await agent;
    expect(result).toEqual({
      value: expect.objectContaining({ id: String(cr.id), proposed: "open", required: 1, outcome: "applied", version, result: 42, status: "applied" }),
    });
    const value = (result as { value: Record<string, string> }).value;
    expect(value.apply_kind).toBe("PermissionDenied");
    expect(value.apply_err).toBe('permission denied: registry.apply on "agents.tools:double" (actor bot:writer: no policy in scope allows it); you may propose it for review instead: changes:propose(message)');
    expect(value.other_err).toBe('permission denied: registry.propose on "app:elsewhere" (actor bot:writer: no policy in scope allows it)');
    expect(value.self_err).toContain("nobody approves their own change request");

    expect(await listener).toEqual({ value: { kind: "applied", path: String(cr.id), version } });
    const [proposed] = await listAudit(tdb.sql, { action: "changes.propose", target: `change:${cr.id}` });
    expect(proposed).toMatchObject({ actor: { kind: "actor", id: "bot:writer" }, metadata: { entry: "agents:writer", pid: cr.author.kind === "actor" ? cr.author.pid : "" } });
  });

  it("a rejection reaches the agent, with the reviewer's reason; nothing is applied", async () => {
    const agent = spawn(nodeA, "agents:writer", ["triple", "x * 3"]);
    const cr = await openRequestFor("agents.tools:triple");
    expect(await decide.reject(cr.id, EVE, { note: "use a table instead" })).toMatchObject({ ok: true });
    expect(await agent).toMatchObject({ value: { outcome: "rejected", reason: "use a table instead", call_error: "NotFound", status: "rejected" } });
  });

  it("a decision made while the nodes' LISTEN connections are down still reaches the agent (catch-up after the reconnect)", async () => {
    const agent = spawn(nodeA, "agents:writer", ["quad", "x * 4"]);
    const cr = await openRequestFor("agents.tools:quad");
    const killed = await control<{ pid: number }[]>`
      select pid, pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and application_name = 'wippy-listen:wippy_change_requests'`;
    expect(killed.length).toBe(2);
    // Decided at once: the listeners wait before they reconnect, so its NOTIFY reaches nobody.
    expect(await decide.reject(cr.id, EVE, { note: "while you were away" })).toMatchObject({ ok: true });
    expect(await agent).toMatchObject({ value: { outcome: "rejected", reason: "while you were away" } });
  });

  it("stale: a registry write to the entry after the proposal makes the approval stale, and the agent hears it", async () => {
    const agent = spawn(nodeA, "agents:writer", ["halve", "x / 2"]);
    const cr = await openRequestFor("agents.tools:halve");
    const other = await new RegistryStore(control).apply([{ op: "create", entry: { id: "agents.tools:halve", kind: "function.lua", meta: {}, data: { source: "return function(x) return 0 end" } } }], { author: "ann", source: "ui" });
    expect(other.ok).toBe(true);
    // The agent calls the function once it hears the outcome: node A must have ann's version by then.
    await until(async () => nodeA.view.get("agents.tools:halve"), (e) => e !== undefined, "node A to see ann's write");
    expect(await decide.approve(cr.id, EVE)).toMatchObject({ ok: true, value: { request: { status: "stale", staleEntries: ["agents.tools:halve"] } } });
    expect(await agent).toMatchObject({ value: { outcome: "stale", status: "stale", result: 0 } });
  });

  it("a process that nothing restricts cannot apply where a review rule covers either; elsewhere its write is audited with its pid and entry", async () => {
    const exit = await spawn(nodeA, "agents:free", [], {});
    expect(exit).toMatchObject({ value: { covered: "PermissionDenied", decision: "review", elsewhere: true } });
    const message = (exit as { value: { message: string } }).value.message;
    expect(message).toBe('permission denied: registry.apply on "agents.tools:free": changes there need review (agents:review); propose them with changes:propose(message)');
    const [row] = await listAudit(tdb.sql, { action: "registry.apply", target: "app.free:x" });
    expect(row).toMatchObject({ actor: { kind: "actor", id: "agent:agents:free" }, metadata: { entry: "agents:free", entries: ["app.free:x"] } });
    expect(row?.actor.name).toMatch(/^agent:agents:free \(\{.+\}, agents:free\)$/);
  });
});
