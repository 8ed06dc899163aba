/**
 * `wippy run -x` and `wippy test` end to end: real Lua on a real node, the real binary.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testTargets } from "@wippy/db/testing";
import type { TestDatabase } from "@wippy/db/testing";
import { BIN, cliEnv, countTests, ROOT, runWippy, writeApp } from "./testing/cli";

const [target] = testTargets().filter((t) => t.name === "external");

const TESTS_APP = {
  "_index.yaml": `namespace: t
entries:
  - name: passes
    kind: function.lua
    meta: { type: test, suite: a, order: 2 }
    source: "return function() return true end"
  - name: returns_nil
    kind: function.lua
    meta: { type: test, suite: a, order: 1 }
    source: "return function() end"
  - name: raises
    kind: function.lua
    meta: { type: test, suite: b }
    source: |
      return function()
        error("boom")
      end
  - name: returns_false
    kind: function.lua
    meta: { type: test, suite: b }
    source: "return function() return false end"
  - name: returns_error
    kind: function.lua
    meta: { type: test, suite: b }
    source: "return function() return nil, errors.new({message = 'bad input', kind = errors.INVALID}) end"
  - name: hangs
    kind: function.lua
    meta: { type: test, suite: c }
    source: "return function() while true do end end"
  - name: not_a_test
    kind: function.lua
    source: "return function() error('must not run') end"
`,
};

const ECHO_APP = {
  "_index.yaml": `namespace: cli
entries:
  - name: term
    kind: terminal.host
  - name: echo
    kind: process.lua
    source: file://echo.lua
    method: main
    modules: [io]
`,
  "echo.lua": `local io = require("io")
local function main(prefix: string?): number
  local n = 0
  while true do
    local line = io.readline()
    if line == nil then break end
    if line == "fail" then error("asked to fail") end
    n = n + 1
    io.print((prefix or "") .. line:upper())
  end
  io.print("lines: " .. n)
  return n
end
return { main = main }
`,
};

function runWithInput(args: string[], env: NodeJS.ProcessEnv, input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe("wippy test and wippy run", () => {
  let tdb: TestDatabase;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    tdb = await createTestDatabase(target ?? testTargets()[0]!);
    env = cliEnv({ DATABASE_URL: tdb.url, WIPPY_LOG_LEVEL: "warn" });
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it.each([
    ["hello", "hello"],
    ["ping-pong", "pingpong"],
    ["supervisor-manual", "manual"],
    ["worker-pool", "pool"],
    ["mass-spawn", "mass"],
    ["order-workflow", "order"],
  ])("runs the %s example's tests, services included", async (app, suite) => {
    const r = await runWippy(["test", path.join(ROOT, "examples", app), "--suite", suite], env);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const expected = countTests(path.join(ROOT, "examples", app));
    expect(r.stdout.trim().split("\n").at(-1)).toBe(`${expected} passed, 0 failed`);
  });

  // The per-test limit leaves room for the example tests also in this database (mass-spawn's
  // 10,000 processes take seconds on a busy two-core machine).
  it("reports each failure on one line, counts right, and exits 1", { timeout: 90_000 }, async () => {
    const r = await runWippy(["test", writeApp(TESTS_APP), "--timeout", "12000", "--json"], env);
    expect(r.code).toBe(1);
    // The database also holds the example apps applied by the tests above: 7 more passes.
    expect(r.json).toMatchObject({ ok: false, passed: 9, failed: 4 });
    expect(r.stdout).not.toMatch(/must not run/);
    const tests = (r.json.tests as { id: string; ok: boolean; error?: string }[]).filter((t) => t.id.startsWith("t:"));
    // Grouped by suite, then meta.order, then id.
    expect(tests.map((t) => t.id)).toEqual(["t:returns_nil", "t:passes", "t:raises", "t:returns_error", "t:returns_false", "t:hangs"]);
    const byId = Object.fromEntries(tests.map((t) => [t.id, t]));
    expect(byId["t:passes"]?.ok).toBe(true);
    expect(byId["t:returns_nil"]?.ok).toBe(true);
    expect(byId["t:raises"]?.error).toMatch(/t:raises:2: boom/);
    expect(byId["t:returns_false"]?.error).toBe("returned false");
    expect(byId["t:returns_error"]?.error).toMatch(/\[Invalid\] bad input/);
    expect(byId["t:hangs"]?.error).toMatch(/timed out after 12000 ms/);

    const human = await runWippy(["test", "--suite", "b"], env);
    expect(human.code).toBe(1);
    const lines = human.stdout.trim().split("\n");
    expect(lines.filter((l) => l.startsWith("FAIL "))).toHaveLength(3);
    expect(lines.at(-1)).toBe("0 passed, 3 failed");
  });

  it("run -x attaches stdin/stdout and exits 0, or 1 with the error", async () => {
    const app = writeApp(ECHO_APP);
    const ok = await runWithInput(["run", app, "-x", "cli:echo", "> "], env, "hello\nworld\n");
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toBe("> HELLO\n> WORLD\nlines: 2\n");
    const failed = await runWithInput(["run", "-x", "cli:echo"], env, "one\nfail\n");
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe("ONE\n");
    expect(failed.stderr).toMatch(/cli:echo failed: .*cli:echo:7: asked to fail/);
    const missing = await runWithInput(["run", "-x", "cli:nope"], env, "");
    expect(missing.code).toBe(5);
  });
});
