/**
 * `wippy dev` and `wippy start`: long-running commands, driven as a person would — edit files,
 * apply from another process, press Ctrl-C.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testTargets } from "@wippy/db/testing";
import type { TestDatabase } from "@wippy/db/testing";
import { cliEnv, GOOD_APP, ROOT, runWippy, WippyChild, writeApp } from "./testing/cli";

const [external] = testTargets().filter((t) => t.name === "external");

describe("wippy dev", () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(external ?? testTargets()[0]!);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  const head = async () => Number((await tdb.sql<{ version: string }[]>`select version from registry_head`)[0]?.version);

  it("applies at start, makes one version per burst of saves, and refuses invalid saves without applying", async () => {
    const app = writeApp(GOOD_APP);
    const index = path.join(app, "_index.yaml");
    const dev = new WippyChild(["dev", app, "--json", "--debounce", "300"], cliEnv({ DATABASE_URL: tdb.url }));
    try {
      await dev.waitFor(() => dev.events().find((e) => e.event === "applied"), "the first apply");
      await dev.waitFor(() => dev.events().find((e) => e.event === "watching"), "the watcher");
      expect(await head()).toBe(1);

      for (const value of [2, 3, 4]) {
        fs.writeFileSync(index, GOOD_APP["_index.yaml"]!.replace("value: 1", `value: ${value}`));
        await new Promise((r) => setTimeout(r, 40));
      }
      const second = await dev.waitFor(() => dev.events().filter((e) => e.event === "applied")[1], "the burst's apply");
      expect(second).toMatchObject({ version: 2, updated: ["demo:cfg"] });
      await new Promise((r) => setTimeout(r, 800));
      expect(await head()).toBe(2);
      const [cfg] = await tdb.sql<{ data: { value: number } }[]>`select data from registry_entries where id = 'demo:cfg'`;
      expect(cfg?.data.value).toBe(4);

      fs.writeFileSync(index, "namespace: demo\nentries:\n  - name: [broken\n");
      const rejected = await dev.waitFor(() => dev.events().find((e) => e.event === "rejected"), "the rejection");
      expect(String(rejected.error)).toMatch(/_index\.yaml:\d+/);
      expect(await head()).toBe(2);

      fs.writeFileSync(index, GOOD_APP["_index.yaml"]!.replace("value: 1", "value: 5"));
      const third = await dev.waitFor(() => dev.events().filter((e) => e.event === "applied")[2], "the apply after the fix");
      expect(third).toMatchObject({ version: 3, updated: ["demo:cfg"] });
    } finally {
      dev.signal("SIGINT");
    }
    expect(await dev.exited).toBe(0);
  }, 90_000);
});

describe("wippy start on the embedded default (the README's first command)", () => {
  it("starts PostgreSQL, migrates, applies the app, prints where to go next, follows the registry, stops cleanly", async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "wippy-home-"));
    fs.chmodSync(home, 0o755); // reachable by the postgres user, so no fallback folder is needed
    const app = path.join(home, "hello");
    fs.cpSync(path.join(ROOT, "examples/hello"), app, { recursive: true });
    const env = cliEnv({ WIPPY_HOME: home, DATABASE_URL: undefined });
    const start = new WippyChild(["start", app, "--no-web"], env);
    try {
      await start.waitFor(() => start.lines.find((l) => l.startsWith("Wippy is running")), "the banner", 90_000);
      expect(start.lines.join("\n")).toMatch(/npx wippy registry list/);
      expect(start.stderr).toMatch(/applied version 1: 6 created/);
      const config = JSON.parse(fs.readFileSync(path.join(home, ".wippy/pg.json"), "utf8")) as { port: number };
      expect(config.port).not.toBe(5432);

      const list = await runWippy(["registry", "list", "--json"], env);
      expect((list.json.entries as unknown[]).length).toBe(6);

      fs.writeFileSync(path.join(app, "_index.yaml"), fs.readFileSync(path.join(app, "_index.yaml"), "utf8").replace("text: Hello", "text: Howdy"));
      const applied = await runWippy(["apply", app, "-m", "friendlier"], env);
      expect(applied.code, applied.stderr).toBe(0);
      await start.waitFor(() => start.lines.find((l) => /^registry version 2 by tester \(file\): friendlier/.test(l)), "the follow line");

      // wippy ps reads the live tree and processes from the running node.
      const ps = await runWippy(["ps", "--json"], env);
      expect(ps.code, ps.stderr).toBe(0);
      const [report] = ps.json.nodes as { tree: { children: { id: string; state: string; pid: string }[] }; processes: { pid: string }[] }[];
      const greeter = report?.tree.children.find((c) => c.id === "app:greeter_service");
      expect(greeter?.state).toBe("running");
      expect(report?.processes.map((p) => p.pid)).toContain(greeter?.pid);
      const human = await runWippy(["ps"], env);
      expect(human.stdout).toMatch(/app:greeter_service {2}running {2}\{app:processes\|/);
    } finally {
      start.signal("SIGTERM");
    }
    expect(await start.exited).toBe(0);
    expect((await runWippy(["ps"], env)).stdout).toMatch(/no running node/);
    // The embedded server this process started is gone.
    const { port, user, password } = JSON.parse(fs.readFileSync(path.join(home, ".wippy/pg.json"), "utf8")) as { port: number; user: string; password: string };
    const probe = postgres({ host: "127.0.0.1", port, user, password, database: "postgres", connect_timeout: 2, max: 1, onnotice: () => {} });
    await expect(probe`select 1`).rejects.toThrow();
    await probe.end();
    fs.rmSync(home, { recursive: true, force: true });
  }, 120_000);
});
