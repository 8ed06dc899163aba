/**
 * A runtime node on a real PostgreSQL: registry changes committed by another writer reach the
 * running Lua processes without a restart of the node.
 */
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RegistryStore } from "@wippy/db";
import { createTestDatabase, testTargets } from "@wippy/db/testing";
import type { TestDatabase } from "@wippy/db/testing";
import type { Entry } from "@wippy/shared";
import type { ServiceNode } from "../supervision";
import { RuntimeNode } from "./runtime-node";

const worker = (version: string): Entry => ({
  id: "app:worker",
  kind: "process.lua",
  meta: {},
  data: {
    method: "main",
    modules: ["registry"],
    source: `local registry = require("registry")
local function main()
  process.registry.register("worker")
  local inbox = process.inbox()
  local events = process.events()
  while true do
    local r = channel.select { inbox:case_receive(), events:case_receive() }
    if r.channel == events then
      if r.value.kind == process.event.CANCEL then return "stopped" end
    elseif r.value:topic() == "ask" then
      local msg = r.value
      local cfg = registry.get("app:cfg")
      process.send(msg:from(), "answer", "${version}:" .. cfg.data.greeting)
    end
  end
end
return { main = main }`,
  },
});

const ENTRIES: Entry[] = [
  { id: "app:h", kind: "process.host", meta: {}, data: { host: { workers: 2 } } },
  { id: "app:cfg", kind: "registry.entry", meta: {}, data: { greeting: "hi" } },
  worker("v1"),
  { id: "app:svc", kind: "process.service", meta: {}, data: { process: "app:worker", host: "app:h", lifecycle: { auto_start: true } } },
  {
    id: "app:probe",
    kind: "function.lua",
    meta: {},
    data: {
      modules: ["time"],
      source: `local time = require("time")
return function()
  local w = process.registry.lookup("worker")
  if not w then return "no worker" end
  local answers = process.listen("answer")
  process.send(w, "ask")
  local r = channel.select { answers:case_receive(), time.after("2s"):case_receive() }
  if r.channel ~= answers then return "no answer" end
  return r.value
end`,
    },
  },
];

interface Line {
  level: string;
  message: string;
}

function captureLogger(lines: Line[]) {
  const at = (level: string) => (_fields: object, message?: string) => void lines.push({ level, message: message ?? "" });
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

async function until<T>(read: () => Promise<T> | T, ok: (v: T) => boolean, what: string, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
}

describe.each(testTargets())("RuntimeNode on $name PostgreSQL", (target) => {
  let tdb: TestDatabase;
  let store: RegistryStore;
  let node: RuntimeNode;
  const lines: Line[] = [];
  const who = { author: "test", source: "api" as const };

  const ask = async (): Promise<string> => {
    const run = node.call("app:probe");
    if (!run.ok) return `call failed: ${run.error.message}`;
    const result = await run.value.exit;
    return "value" in result ? String(result.value) : `error: ${JSON.stringify(result)}`;
  };
  const servicePid = () => (node.tree().children.find((c) => c.id === "app:svc") as ServiceNode | undefined)?.pid ?? null;
  const update = async (entry: Entry) => {
    const r = await store.apply([{ op: "update", entry }], who);
    expect(r.ok).toBe(true);
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(target);
    store = new RegistryStore(tdb.sql);
    const r = await store.apply(ENTRIES.map((entry) => ({ op: "create" as const, entry })), who);
    expect(r.ok).toBe(true);
    // The safety poll is off: only NOTIFY and reconnect catch-up may deliver versions.
    node = await RuntimeNode.start({ store, url: tdb.url, logger: captureLogger(lines), safetyIntervalMs: 600_000 });
  });
  afterAll(async () => {
    await node?.stop();
    await tdb?.drop();
  });

  it("runs the auto_start service with its code and config", async () => {
    expect(await until(ask, (a) => a === "v1:hi", "v1:hi")).toBe("v1:hi");
  });

  it("a changed registry.entry is seen by the running process, without a restart", async () => {
    const pid = servicePid();
    await update({ ...ENTRIES[1]!, data: { greeting: "hello" } });
    await until(ask, (a) => a === "v1:hello", "v1:hello");
    expect(servicePid()).toBe(pid);
  });

  it("changed code restarts the service on the new code (on_change: restart)", async () => {
    const pid = servicePid();
    await update(worker("v2"));
    await until(ask, (a) => a === "v2:hello", "v2:hello");
    expect(servicePid()).not.toBe(pid);
  });

  it("code that does not compile, written past the checks, keeps the last good code running", async () => {
    const pid = servicePid();
    await update({ ...worker("v3"), data: { ...worker("v3").data, source: "local function main( return {}" } });
    await until(() => lines, (l) => l.some((x) => x.level === "error" && /keeping the last good configuration of app:worker/.test(x.message)), "the error log");
    expect(await ask()).toBe("v2:hello");
    expect(servicePid()).toBe(pid);
    await update(worker("v3"));
    await until(ask, (a) => a === "v3:hello", "v3:hello after the fix");
  });

  it("catches up on versions committed while its connections were killed", async () => {
    await tdb.sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
    // Written by another client (this test's pooled connections were just killed too).
    const writer = postgres(tdb.url, { max: 1, onnotice: () => {} });
    const r = await new RegistryStore(writer).apply([{ op: "update", entry: { ...ENTRIES[1]!, data: { greeting: "back" } } }], who);
    await writer.end();
    expect(r.ok).toBe(true);
    await until(ask, (a) => a === "v3:back", "v3:back", 15_000);
  });

  it("resizes a process.host live", async () => {
    await update({ ...ENTRIES[0]!, data: { host: { workers: 7 } } });
    await until(() => node.kernel.hosts.info("app:h"), (i) => i.ok && i.value.workers === 7, "7 workers");
  });

  it("stops every service on stop()", async () => {
    await node.stop();
    expect(node.processes().filter((p) => p.host === "app:h")).toEqual([]);
  });
});
