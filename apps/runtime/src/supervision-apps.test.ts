/**
 * Supervision end to end, through the real binary:
 * - the `examples/supervision-tree` application passes under `wippy test` in a fresh database
 *   (the strategy × restart type × exit kind matrix in `packages/runtime/test-apps/supervision`
 *   runs with the other Lua test apps, in lua-apps.test.ts). The number of passes expected is counted from the
 *   app's YAML, so a test that silently stopped being found fails here too;
 * - the example's configuration entry, changed with `wippy apply` while a `wippy run` node is
 *   running, changes the greeter's answers at once, and the node restarts nothing: the
 *   services keep their pids (read with `wippy ps`), and the greeter's "greeting is now" log
 *   lines come from one pid.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testTargets } from "@wippy/db/testing";
import type { TestDatabase } from "@wippy/db/testing";
import { cliEnv, countTests, ROOT, runWippy, WippyChild } from "./testing/cli";

const [target] = testTargets().filter((t) => t.name === "external");

const EXAMPLE_APP = path.join(ROOT, "examples/supervision-tree");

/** Generous: a single test waits at most a few seconds for an event it expects. */
const PER_TEST_TIMEOUT_MS = 10_000;

interface TestReport {
  passed: number;
  failed: number;
  tests: { id: string; ok: boolean; error?: string }[];
}

describe("supervision apps under wippy test", () => {
  it.each([
    ["the supervision-tree example", EXAMPLE_APP, 2],
  ])("%s: every test passes", async (_what, dir, declared) => {
    const expected = countTests(dir);
    expect(expected).toBe(declared);
    const tdb = await createTestDatabase(target ?? testTargets()[0]!);
    try {
      const env = cliEnv({ DATABASE_URL: tdb.url, WIPPY_LOG_LEVEL: "warn" });
      const r = await runWippy(["test", dir, "--json", "--timeout", String(PER_TEST_TIMEOUT_MS)], env);
      const report = r.json as Partial<TestReport>;
      if (!Array.isArray(report.tests)) throw new Error(`wippy test printed no report (exit ${r.code})\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
      const failures = report.tests.filter((t) => !t.ok).map((t) => `${t.id}: ${t.error ?? "failed"}`);
      expect(failures).toEqual([]);
      expect(r.code, r.stderr).toBe(0);
      expect(report.failed).toBe(0);
      expect(report.passed).toBeGreaterThanOrEqual(expected);
    } finally {
      await tdb.drop();
    }
  }, 120_000);
});

/** One line of the node's log with WIPPY_LOG_FORMAT=json. */
interface LogLine {
  msg?: string;
  pid?: string;
  entry?: string;
  previous?: string;
}

interface TreeNode {
  id: string;
  pid: string | null;
  state: string;
  restarts: number;
  children?: TreeNode[];
}

function flatten(node: TreeNode): TreeNode[] {
  return [node, ...(node.children ?? []).flatMap(flatten)];
}

describe("supervision-tree example: configuration changed live", () => {
  let tdb: TestDatabase;
  let home: string;
  beforeAll(async () => {
    tdb = await createTestDatabase(target ?? testTargets()[0]!);
    // A home of its own, so `wippy ps` sees only this test's node.
    home = fs.mkdtempSync(path.join(os.tmpdir(), "wippy-sup-home-"));
  });
  afterAll(async () => {
    await tdb?.drop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it("wippy apply of a new greeting changes the greeter's next answers without a restart", async () => {
    const app = path.join(home, "supervision-tree");
    fs.cpSync(EXAMPLE_APP, app, { recursive: true });
    const env = cliEnv({ DATABASE_URL: tdb.url, WIPPY_HOME: home, WIPPY_LOG_LEVEL: "info", WIPPY_LOG_FORMAT: "json" });
    const logs = (node: WippyChild): LogLine[] =>
      node.stderr
        .split("\n")
        .slice(0, -1) // the last piece may be a line still being written
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as LogLine);
    const services = async (): Promise<Map<string, TreeNode>> => {
      const ps = await runWippy(["ps", "--json"], env);
      expect(ps.code, ps.stderr).toBe(0);
      const nodes = ps.json.nodes as { tree: TreeNode }[];
      expect(nodes).toHaveLength(1);
      return new Map(flatten(nodes[0]!.tree).map((n) => [n.id, n]));
    };

    const node = new WippyChild(["run", app], env);
    try {
      const answered = (greeting: string) => (line: LogLine) => line.entry === "pipeline:producer" && new RegExp(`^job \\d+: greeter → ${greeting}, job \\d+$`).test(line.msg ?? "");
      await node.waitFor(() => logs(node).find(answered("Hello")), "a greeting from the configured settings", 30_000);
      const before = await services();
      for (const id of ["pipeline:root", "pipeline:workers", "pipeline:greeter_service", "pipeline:producer_service"]) {
        expect(before.get(id)?.state, id).toBe("running");
      }

      const index = path.join(app, "_index.yaml");
      const yaml = fs.readFileSync(index, "utf8");
      expect(yaml).toMatch(/^ {4}greeting: Hello$/m);
      fs.writeFileSync(index, yaml.replace(/^ {4}greeting: Hello$/m, "    greeting: Howdy"));
      const applied = await runWippy(["apply", app], env);
      expect(applied.code, applied.stderr).toBe(0);
      expect(applied.stdout + applied.stderr).toMatch(/1 updated/);

      await node.waitFor(() => logs(node).find(answered("Howdy")), "a greeting from the applied settings", 15_000);
      const changes = logs(node).filter((l) => l.entry === "pipeline:greeter" && l.msg?.startsWith("greeting is now "));
      expect(changes.map((l) => l.msg)).toEqual(["greeting is now Hello", "greeting is now Howdy"]);
      expect(changes[1]?.previous).toBe("Hello");
      expect(changes[1]?.pid).toBe(changes[0]?.pid);

      // Nothing was restarted for the change: same runs, same pids.
      const after = await services();
      for (const id of ["pipeline:root", "pipeline:workers", "pipeline:greeter_service", "pipeline:producer_service"]) {
        expect(after.get(id)?.pid, id).toBe(before.get(id)?.pid);
        expect(after.get(id)?.restarts, id).toBe(before.get(id)?.restarts);
      }
      expect(after.get("pipeline:greeter_service")?.pid).toBe(changes[0]?.pid);
    } finally {
      node.signal("SIGINT");
    }
    expect(await node.exited).toBe(0);
  }, 90_000);
});
