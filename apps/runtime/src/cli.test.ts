/**
 * The `wippy` CLI end to end: the real binary, a real PostgreSQL (both the embedded test server
 * and the external one, through DATABASE_URL), real files.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testTargets } from "@wippy/db/testing";
import type { TestDatabase } from "@wippy/db/testing";
import { cliEnv, GOOD_APP, runWippy, writeApp } from "./testing/cli";

describe.each(testTargets())("wippy CLI on $name PostgreSQL", (target) => {
  let tdb: TestDatabase;
  let env: NodeJS.ProcessEnv;
  const wippy = (...args: string[]) => runWippy(args, env);

  beforeAll(async () => {
    tdb = await createTestDatabase(target);
    env = cliEnv({ DATABASE_URL: tdb.url });
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("applies a folder as one version, then reports no changes", async () => {
    const app = writeApp(GOOD_APP);
    const first = await wippy("apply", app, "--json");
    expect(first.code, first.stderr).toBe(0);
    expect(first.json).toMatchObject({ ok: true, version: 1, created: ["demo.sub:thing", "demo:cfg", "demo:hello", "demo:host"], updated: [], deleted: [] });
    const again = await wippy("apply", app);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/no changes: the registry \(version 1\) already matches/);
  });

  it("updates and prunes entries the folder no longer has, and --no-prune keeps them", async () => {
    const app = writeApp({ ...GOOD_APP, "_index.yaml": GOOD_APP["_index.yaml"]!.replace("value: 1", "value: 2").replace(/  - name: host[\s\S]*$/, "") });
    const r = await wippy("apply", app, "--json", "--no-prune");
    expect(r.json).toMatchObject({ version: 2, updated: ["demo:cfg"], deleted: [] });
    const pruned = await wippy("apply", app, "--json");
    expect(pruned.json).toMatchObject({ version: 3, deleted: ["demo:host"] });
    const dry = await wippy("apply", writeApp(GOOD_APP), "--dry-run", "--json");
    expect(dry.json).toMatchObject({ version: null, current: 3, created: ["demo:host"], updated: ["demo:cfg"] });
    expect((await wippy("registry", "history", "--json")).json.versions).toHaveLength(3);
  });

  it("export → apply gives no changes (round trip through files)", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "wippy-export-"));
    fs.rmSync(out, { recursive: true });
    const exported = await wippy("export", out, "--json");
    expect(exported.code, exported.stderr).toBe(0);
    expect(fs.readFileSync(path.join(out, "demo/hello.lua"), "utf8")).toContain('return "hi "');
    const back = await wippy("apply", out, "--json");
    expect(back.json).toMatchObject({ ok: true, version: null, created: [], updated: [], deleted: [] });
    const refused = await wippy("export", writeApp({ "notes.txt": "mine" }));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/cannot export/);
  });

  it.each([
    ["broken YAML", { "_index.yaml": "namespace: demo\nentries:\n  - name: [oops\n" }, /_index\.yaml:\d+/],
    ["a duplicate id", { "a.yaml": "namespace: demo\nentries:\n  - name: x\n    kind: registry.entry\n", "b.yaml": "namespace: demo\nentries:\n  - name: x\n    kind: registry.entry\n" }, /demo:x/],
    ["a missing source file", { "_index.yaml": "namespace: demo\nentries:\n  - name: f\n    kind: function.lua\n    source: file://nope.lua\n" }, /nope\.lua/],
    ["a Lua syntax error", { "_index.yaml": "namespace: demo\nentries:\n  - name: f\n    kind: function.lua\n    source: file://f.lua\n", "f.lua": "local function f(a: number)\n  return a +\nend\nreturn f\n" }, /f\.lua:3/],
    ["an invalid service", { "_index.yaml": "namespace: demo\nentries:\n  - name: s\n    kind: process.service\n    process: p\n    host: h\n    lifecycle:\n      restart:\n        initial_delay: soon\n" }, /initial_delay/],
  ])("refuses %s with a clear message and leaves the registry unchanged", async (_name, files, pattern) => {
    const before = await tdb.sql<{ version: string }[]>`select version from registry_head`;
    const r = await wippy("apply", writeApp(files));
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/nothing applied/);
    expect(r.stderr).toMatch(pattern);
    const after = await tdb.sql<{ version: string }[]>`select version from registry_head`;
    expect(after).toEqual(before);
  });

  const HOST = "  - name: h\n    kind: process.host\n  - name: p\n    kind: process.lua\n    source: \"return function() end\"\n";
  it.each([
    ["a service whose process is missing", "  - name: s\n    kind: process.service\n    process: nope\n    host: h\n", /nope/],
    ["a service on a missing host", "  - name: s\n    kind: process.service\n    process: p\n    host: nohost\n", /host bad:nohost does not exist/],
    [
      "a dependency cycle",
      "  - name: a\n    kind: process.service\n    process: p\n    host: h\n    lifecycle:\n      depends_on: [b]\n  - name: b\n    kind: process.service\n    process: p\n    host: h\n    lifecycle:\n      depends_on: [a]\n",
      /cycle/,
    ],
    [
      "a supervisor cycle",
      "  - name: x\n    kind: process.supervisor\n    meta:\n      supervisor: bad:y\n  - name: y\n    kind: process.supervisor\n    meta:\n      supervisor: bad:x\n",
      /cycle/,
    ],
  ])("refuses %s before committing (the registry would not run)", async (_name, yaml, pattern) => {
    const before = await tdb.sql<{ version: string }[]>`select version from registry_head`;
    const r = await wippy("apply", writeApp({ "_index.yaml": `namespace: bad\nentries:\n${HOST}${yaml}` }));
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/would not run with this change, nothing applied/);
    expect(r.stderr).toMatch(pattern);
    expect(await tdb.sql<{ version: string }[]>`select version from registry_head`).toEqual(before);
  });

  it("registry list / show / diff / rollback, with exit codes scripts can trust", async () => {
    const list = await wippy("registry", "list", "--filter", "meta.type=test", "--json");
    expect((list.json.entries as { id: string }[]).map((e) => e.id)).toEqual(["demo.sub:thing"]);
    const show = await wippy("registry", "show", "demo:cfg");
    expect(show.stdout).toMatch(/^id: demo:cfg\nkind: registry.entry/);
    expect((await wippy("registry", "show", "demo:nope")).code).toBe(5);
    const diff = await wippy("registry", "diff", "1", "--json");
    expect(diff.json.changes).toEqual(expect.arrayContaining([expect.objectContaining({ id: "demo:cfg", op: "update" })]));
    const rb = await wippy("registry", "rollback", "1", "--json");
    expect(rb.json).toMatchObject({ ok: true, version: 4 });
    const cfg = await wippy("registry", "show", "demo:cfg", "--json");
    expect(cfg.json).toMatchObject({ entry: { data: { value: 1 } } });
    expect((await wippy("registry", "rollback", "99")).code).toBe(5);
    expect((await wippy("registry", "diff", "x")).code).toBe(2);
  });
});
