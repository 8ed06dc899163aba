import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatDiagnostic } from "./diagnostic";
import { loadAppDir } from "./load-app-dir";
import { fakeCheckLua, fixture, tempApp } from "./test-support";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
async function app(files: Record<string, string>): Promise<string> {
  const { dir, cleanup } = await tempApp(files);
  cleanups.push(cleanup);
  return dir;
}

describe("loadAppDir: the fixture application", () => {
  it("loads every entry of every namespace, sorted by id", async () => {
    const result = await loadAppDir(fixture("app"), { checkLua: fakeCheckLua });
    expect(result.errors).toEqual([]);
    expect(result.entries.map((e) => e.id)).toEqual([
      "app.lib:helpers",
      "app.lib:shout",
      "app.services:processes_local",
      "app.services:worker",
      "app.services:worker_service",
      "app:admin_gateway",
      "app:config",
      "app:gateway",
      "app:hello",
      "app:processes",
      "app:root",
      "app:terminal",
      "app:workflows",
    ]);
    expect(result.namespaces).toEqual(["app", "app.lib", "app.services"]);
    expect(result.files).toEqual(["_index.yaml", "hello.lua", "lib/_index.yaml", "lib/helpers.lua", "services/_index.yaml", "services/worker.lua"]);
  });

  it("stores data fields without a data: wrapper and meta apart", async () => {
    const { entries } = await loadAppDir(fixture("app"));
    expect(entries.find((e) => e.id === "app:root")).toEqual({
      id: "app:root",
      kind: "process.supervisor",
      meta: { title: "Root supervisor" },
      data: { strategy: "one_for_all", intensity: 3, period: "10s", lifecycle: { auto_start: true } },
    });
    expect(entries.find((e) => e.id === "app:config")).toEqual({
      id: "app:config",
      kind: "registry.entry",
      meta: { type: "application" },
      data: { environment: "production", process: "not_a_reference", features: { dark_mode: true, ratio: 0.25, limits: {}, tags: [] } },
    });
  });

  it("inlines file:// sources relative to their YAML file and keeps inline ones", async () => {
    const { entries } = await loadAppDir(fixture("app"));
    const byId = new Map(entries.map((e) => [e.id, e]));
    expect(byId.get("app.services:worker")?.data.source).toBe(await readFile(fixture("app/services/worker.lua"), "utf8"));
    expect(byId.get("app:hello")?.data.source).toBe(await readFile(fixture("app/hello.lua"), "utf8"));
    expect(byId.get("app.lib:shout")?.data.source).toBe('local helpers = require("h")\nreturn function(text)\n    return helpers.shout(text)\nend\n');
  });

  it("makes relative references absolute", async () => {
    const { entries } = await loadAppDir(fixture("app"));
    const byId = new Map(entries.map((e) => [e.id, e]));
    const service = byId.get("app.services:worker_service");
    expect(service?.data.process).toBe("app.services:worker");
    expect(service?.data.host).toBe("app:processes");
    expect(service?.meta.supervisor).toBe("app:root");
    expect((service?.data.lifecycle as { depends_on: string[] }).depends_on).toEqual(["app.services:processes_local", "app:processes"]);
    expect(byId.get("app.services:worker")?.meta.default_host).toBe("app.services:processes_local");
    expect(byId.get("app.lib:shout")?.data.imports).toEqual({ h: "app.lib:helpers" });
    expect((byId.get("app:gateway")?.data.lifecycle as { depends_on: string[] }).depends_on).toEqual(["app:processes"]);
  });

  it("keeps entries of kinds it does not run, with one warning per kind", async () => {
    const { entries, warnings } = await loadAppDir(fixture("app"));
    expect(entries.filter((e) => e.kind === "http.service").map((e) => e.id)).toEqual(["app:admin_gateway", "app:gateway"]);
    expect(warnings.map(formatDiagnostic)).toEqual(['_index.yaml:57: app:gateway: kind "http.service" (2 entries) is stored, but nothing runs it']);
  });

  it("hands every Lua source to the checker, named by its file or entry id", async () => {
    const checkLua = vi.fn(fakeCheckLua);
    await loadAppDir(fixture("app"), { checkLua });
    const chunks = checkLua.mock.calls.map(([, chunkName]) => chunkName).sort();
    expect(chunks).toEqual(["app.lib:shout", "hello.lua", "lib/helpers.lua", "services/worker.lua"]);
  });
});

describe("loadAppDir: broken applications report file, line and entry, and nothing to apply", () => {
  it("bad YAML", async () => {
    const { errors } = await loadAppDir(fixture("broken/bad-yaml"));
    expect(errors.map(formatDiagnostic)).toEqual(["_index.yaml:9: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]"]);
  });

  it("a duplicate id across two files names both places", async () => {
    const { errors } = await loadAppDir(fixture("broken/duplicate-id"));
    expect(errors.map(formatDiagnostic)).toEqual(["more/_index.yaml:6: app:config: duplicate entry id: also defined at _index.yaml:3"]);
  });

  it("a missing source file", async () => {
    const { errors } = await loadAppDir(fixture("broken/missing-source"), { checkLua: fakeCheckLua });
    expect(errors.map(formatDiagnostic)).toEqual(["_index.yaml:5: app:hello: source file nowhere.lua not found"]);
  });

  it("invalid fields of a known kind", async () => {
    const { errors, warnings } = await loadAppDir(fixture("broken/invalid-service"));
    expect(errors.map(formatDiagnostic)).toEqual([
      "_index.yaml:6: app:svc: process is required",
      "_index.yaml:10: app:svc: lifecycle.auto_start: must be true or false",
      '_index.yaml:11: app:svc: lifecycle.start_timeout: "soon" is not a duration (use "500ms", "5s", "1h30m")',
      "_index.yaml:12: app:svc: lifecycle.restart_type: must be one of permanent, transient, temporary",
      "_index.yaml:14: app:svc: lifecycle.restart.max_attempts: must be 0 or more (0 = forever)",
      "_index.yaml:19: app:sup: strategy: must be one of one_for_one, one_for_all, rest_for_one",
    ]);
    expect(warnings.map(formatDiagnostic)).toEqual(["_index.yaml:15: app:svc: colour: unknown field, kept but not used"]);
    // The column points at the offending value.
    expect(errors[1]).toMatchObject({ file: "_index.yaml", line: 10, column: 19, entryId: "app:svc" });
  });

  it("Lua syntax errors point into the .lua file or the YAML text; a table needs a method", async () => {
    const { errors } = await loadAppDir(fixture("broken/lua-syntax"), { checkLua: fakeCheckLua });
    expect(errors.map(formatDiagnostic)).toEqual([
      "_index.yaml:13: app:inline: Lua syntax error: unexpected symbol near '@'",
      "_index.yaml:17: app:no_method: the source returns a table of functions; set method: to the one to run (one of: start, stop)",
      "broken.lua:5: app:from_file: Lua syntax error: unexpected symbol near '@'",
    ]);
  });

  it("without a checker, syntax is not checked but methods still are", async () => {
    const { errors } = await loadAppDir(fixture("broken/lua-syntax"));
    expect(errors.map((e) => e.entryId)).toEqual(["app:no_method"]);
  });

  it("a folder that does not exist", async () => {
    const { errors, entries } = await loadAppDir(fixture("nowhere"));
    expect(entries).toEqual([]);
    expect(errors).toEqual([{ file: fixture("nowhere"), message: "folder not found" }]);
  });
});

describe("loadAppDir: details", () => {
  it("skips node_modules, .wippy and dot-folders, and YAML files that declare nothing", async () => {
    const entry = (ns: string) => `namespace: ${ns}\nentries:\n  - name: x\n    kind: registry.entry\n`;
    const dir = await app({
      "_index.yaml": entry("app"),
      "sub/defs.yml": entry("app.sub"),
      "node_modules/pkg/_index.yaml": entry("dep"),
      ".wippy/vendor/_index.yaml": entry("vendor"),
      ".git/x.yaml": entry("git"),
      "config.yaml": "logger:\n  encoding: json\n",
    });
    const result = await loadAppDir(dir);
    expect(result.entries.map((e) => e.id)).toEqual(["app.sub:x", "app:x"]);
    expect(result.files).toEqual(["_index.yaml", "sub/defs.yml"]);
    expect(result.warnings).toEqual([]);
  });

  it("requires name and kind, and a valid name", async () => {
    const dir = await app({ "_index.yaml": "namespace: app\nentries:\n  - kind: registry.entry\n  - name: ok\n  - name: 'has space'\n    kind: x\n" });
    const { errors } = await loadAppDir(dir);
    expect(errors.map(formatDiagnostic)).toEqual([
      "_index.yaml:3: entry has no name (every entry needs name: and kind:)",
      "_index.yaml:4: app:ok: entry has no kind",
      '_index.yaml:5: invalid entry name "has space": use letters, digits, "_", "-" and "." (not first)',
    ]);
  });

  it("refuses sources outside the application folder", async () => {
    const dir = await app({ "_index.yaml": "namespace: app\nentries:\n  - name: f\n    kind: function.lua\n    source: file://../../etc/passwd\n" });
    const { errors } = await loadAppDir(dir);
    expect(errors[0]?.message).toBe('source "file://../../etc/passwd" points outside the application folder');
  });

  it("reports a reference that cannot be an entry id", async () => {
    const dir = await app({ "_index.yaml": "namespace: app\nentries:\n  - name: s\n    kind: process.service\n    process: 'two words'\n    host: h\n" });
    const { errors } = await loadAppDir(dir);
    expect(errors.map(formatDiagnostic)).toEqual(['_index.yaml:5: app:s: "two words" is not an entry reference (namespace:name or name)']);
  });

  it("keeps a binary file:// source of a kind it does not run as written, with a warning", async () => {
    const dir = await app({ "_index.yaml": "namespace: app\nentries:\n  - name: sum\n    kind: function.wasm\n    source: file://sum.wasm\n" });
    await writeFile(join(dir, "sum.wasm"), Buffer.from([0x00, 0x61, 0x73, 0x6d, 0xff, 0xfe]));
    const { entries, errors, warnings } = await loadAppDir(dir);
    expect(errors).toEqual([]);
    expect(entries[0]?.data.source).toBe("file://sum.wasm");
    expect(warnings.map((w) => w.message)).toContain("source file sum.wasm is not UTF-8 text; the file:// reference is kept as written");
  });

  it("refuses a binary source for a Lua kind", async () => {
    const dir = await app({ "_index.yaml": "namespace: app\nentries:\n  - name: f\n    kind: function.lua\n    source: file://f.luac\n" });
    await writeFile(join(dir, "f.luac"), Buffer.from([0x1b, 0x4c, 0x75, 0x61, 0xff]));
    const { errors } = await loadAppDir(dir, { checkLua: fakeCheckLua });
    expect(errors.map(formatDiagnostic)).toEqual(["_index.yaml:5: app:f: source file f.luac is not UTF-8 text"]);
  });

  it("says which method names a table source offers when method is wrong", async () => {
    const dir = await app({ "_index.yaml": "namespace: app\nentries:\n  - name: f\n    kind: function.lua\n    method: mian\n    source: 'return { main = 1 }'\n" });
    const { errors } = await loadAppDir(dir);
    expect(errors.map(formatDiagnostic)).toEqual(['_index.yaml:5: app:f: method "mian" is not in the table the source returns (one of: main)']);
  });
});

describe("loadAppDir: files to watch", () => {
  it("lists a broken definition file too, so its next save is seen", async () => {
    const { files } = await loadAppDir(fixture("broken/bad-yaml"));
    expect(files).toEqual(["_index.yaml"]);
  });
});
