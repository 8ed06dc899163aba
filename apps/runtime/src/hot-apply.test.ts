/**
 * Issue 5's end-to-end check, as an operator would do it: a node started with `wippy start`
 * on the embedded database; code and config changed with `wippy apply`; the running service
 * adapts without a node restart; the database connections are killed and the node catches
 * up; SIGTERM stops it in order.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { expect, it } from "vitest";
import { cliEnv, runWippy, WippyChild, writeApp } from "./testing/cli";

const yaml = (word: string, code: string) => `namespace: hot
entries:
  - name: h
    kind: process.host
  - name: cfg
    kind: registry.entry
    word: ${word}
  - name: ticker
    kind: process.lua
    source: file://ticker.lua
    method: main
    modules: [registry, time, logger]
  - name: svc
    kind: process.service
    process: ticker
    host: h
    lifecycle:
      auto_start: true
      stop_timeout: 2s
# code: ${code}
`;

const ticker = (code: string) => `local registry = require("registry")
local time = require("time")
local logger = require("logger")
local function main()
  local events = process.events()
  local ticks = time.ticker("50ms")
  while true do
    local r = channel.select { ticks:channel():case_receive(), events:case_receive() }
    if r.channel == events then
      if r.value.kind == process.event.CANCEL then
        logger:info("ticker stopping", { code = "${code}" })
        return "stopped"
      end
    else
      logger:info("tick", { word = registry.get("hot:cfg").data.word, code = "${code}", self = process.pid() })
    end
  end
end
return { main = main }
`;

interface Tick {
  word: string;
  code: string;
  self: string;
}

function ticks(stderr: string): Tick[] {
  return stderr
    .split("\n")
    .filter((l) => / tick {2}\{/.test(l))
    .map((l) => JSON.parse(l.slice(l.indexOf("{", l.indexOf(" tick ")))) as Tick);
}

it("hot-applies config and code from wippy apply, catches up after a lost connection, stops in order", async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "wippy-hot-"));
  fs.chmodSync(home, 0o755);
  const app = writeApp({ "_index.yaml": yaml("alpha", "v1"), "ticker.lua": ticker("v1") });
  const env = cliEnv({ WIPPY_HOME: home, DATABASE_URL: undefined });
  const node = new WippyChild(["start", app, "--no-web"], env);
  const lastTick = () => ticks(node.stderr).at(-1);
  try {
    await node.waitFor(() => (lastTick()?.word === "alpha" ? lastTick() : undefined), "a v1 tick", 90_000);
    const firstPid = lastTick()?.self;

    // Config: the same process reads the new value.
    fs.writeFileSync(path.join(app, "_index.yaml"), yaml("beta", "v1"));
    expect((await runWippy(["apply", app], env)).code).toBe(0);
    await node.waitFor(() => (lastTick()?.word === "beta" ? true : undefined), "a tick with the new config");
    expect(lastTick()?.self).toBe(firstPid);

    // Code: the service restarts gracefully on the new code.
    fs.writeFileSync(path.join(app, "ticker.lua"), ticker("v2"));
    expect((await runWippy(["apply", app], env)).code).toBe(0);
    await node.waitFor(() => (lastTick()?.code === "v2" ? true : undefined), "a tick from the new code");
    expect(node.stderr).toMatch(/ticker stopping {2}\{"code":"v1"\}/);
    expect(lastTick()?.self).not.toBe(firstPid);

    // Every connection to the database killed: the node reconnects and catches up.
    const { port, user, password } = JSON.parse(fs.readFileSync(path.join(home, ".wippy/pg.json"), "utf8")) as { port: number; user: string; password: string };
    const admin = postgres({ host: "127.0.0.1", port, user, password, database: "wippy", max: 1, onnotice: () => {} });
    await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = 'wippy' and pid <> pg_backend_pid()`;
    await admin.end();
    fs.writeFileSync(path.join(app, "_index.yaml"), yaml("gamma", "v2"));
    expect((await runWippy(["apply", app], env)).code).toBe(0);
    await node.waitFor(() => (lastTick()?.word === "gamma" ? true : undefined), "a tick after the reconnect", 20_000);
    expect(node.lines.join("\n")).toMatch(/Wippy is running/); // same node all along
  } finally {
    node.signal("SIGTERM");
  }
  expect(await node.exited).toBe(0);
  expect(node.stderr).toMatch(/SIGTERM: stopping services/);
  expect(node.stderr).toMatch(/ticker stopping {2}\{"code":"v2"\}/);
  fs.rmSync(home, { recursive: true, force: true });
}, 150_000);
