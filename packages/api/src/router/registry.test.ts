/**
 * Registry editing through the API against a real database: reads, saves with conflict
 * detection (three-way payload, nothing written), create/rename/delete with references checked,
 * and the Lua/YAML checks a save runs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTargets } from "@wippy/db/testing";
import type { Entry } from "@wippy/shared";
import { ApiProblemError, type ConflictProblem } from "../problems";
import { createWorld, errorOf, LUA_FUNCTION, luaFunction, type World } from "../test/world";

const HOST: Entry = { id: "app:host", kind: "process.host", meta: {}, data: { host: { workers: 2 } } };
const WORKER: Entry = { id: "app:worker", kind: "process.lua", meta: {}, data: { source: "return { main = function() end }", method: "main" } };
const SERVICE: Entry = { id: "app.svc:worker", kind: "process.service", meta: { title: "The worker" }, data: { process: "app:worker", host: "app:host" } };

describe.each(testTargets())("registry router on $name PostgreSQL", (target) => {
  let w: World;
  let editor: ReturnType<World["as"]>;
  beforeAll(async () => {
    w = await createWorld(target);
    editor = w.as("editor");
    for (const entry of [HOST, WORKER, SERVICE, luaFunction("app:hello")]) await editor.registry.create({ entry, message: `add ${entry.id}` });
  });
  afterAll(() => w?.drop());

  const versions = async () => w.registry.currentVersion();

  it("gets an entry with its YAML and last change", async () => {
    const got = await w.as("viewer").registry.get({ id: "app:hello" });
    expect(got.entry).toEqual(luaFunction("app:hello"));
    expect(got.version).toBe(await versions());
    expect(got.yaml).toContain("name: hello");
    expect(got.lastChange).toMatchObject({ author: "editor@example.com", source: "ui", message: "add app:hello" });
  });

  it("lists namespaces with counts and filters entries", async () => {
    const { namespaces } = await w.as("viewer").registry.namespaces();
    expect(namespaces).toMatchObject([{ path: "app", count: 3, total: 4, children: [{ path: "app.svc", count: 1, total: 1 }] }]);
    const viewer = w.as("viewer");
    expect((await viewer.registry.list({ namespace: "app" })).items.map((e) => e.id)).toEqual(["app:hello", "app:host", "app:worker"]);
    expect((await viewer.registry.list({ namespace: "app", recursive: true })).total).toBe(4);
    expect((await viewer.registry.list({ kind: "process.service" })).items.map((e) => e.id)).toEqual(["app.svc:worker"]);
    expect((await viewer.registry.list({ search: "THE WORKER" })).items.map((e) => e.id)).toEqual(["app.svc:worker"]);
    expect((await viewer.registry.list({ meta: { title: "The worker" } })).total).toBe(1);
    const page1 = await viewer.registry.list({ limit: 2 });
    const page2 = await viewer.registry.list({ limit: 2, cursor: page1.nextCursor ?? "" });
    expect([...page1.items, ...page2.items].map((e) => e.id)).toEqual(["app.svc:worker", "app:hello", "app:host", "app:worker"]);
    expect(page2.nextCursor).toBeNull();
  });

  it("saves one new version authored by the user", async () => {
    const { version } = await w.as("viewer").registry.get({ id: "app:hello" });
    const source = LUA_FUNCTION.replace("hello ", "hi ");
    const saved = await editor.registry.save({ id: "app:hello", baseVersion: version, entry: { kind: "function.lua", meta: {}, data: { source, method: "handler" } }, message: "say hi" });
    expect(saved.version).toBe(version + 1);
    expect(await w.registry.getVersion(version + 1)).toMatchObject({ author: "editor@example.com", source: "ui", message: "say hi" });
    expect((await w.registry.get("app:hello"))?.data.source).toBe(source);
  });

  it("saves against an older base when only other entries changed since", async () => {
    const base = await versions();
    await editor.registry.save({ id: "app:host", baseVersion: base, entry: { kind: "process.host", meta: {}, data: { host: { workers: 4 } } } });
    const saved = await editor.registry.save({ id: "app:worker", baseVersion: base, entry: { ...WORKER, meta: { title: "w" } } });
    expect(saved.version).toBe(base + 2);
  });

  it("refuses a stale save with CONFLICT carrying base, theirs and yours — and writes nothing", async () => {
    const base = await versions();
    const baseEntry = await w.registry.get("app:hello");
    const theirs = { kind: "function.lua", meta: { comment: "theirs" }, data: { source: LUA_FUNCTION, method: "handler" } };
    await w.as("admin").registry.save({ id: "app:hello", baseVersion: base, entry: theirs, message: "their change" });
    const head = await versions();
    const auditRows = await w.db.sql`select id from audit_log`;
    const yours = { kind: "function.lua", meta: { comment: "yours" }, data: { source: LUA_FUNCTION, method: "handler" } };
    const e = await errorOf(() => editor.registry.save({ id: "app:hello", baseVersion: base, entry: yours, message: "my change" }));
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toContain("admin@example.com");
    expect(e.cause).toBeInstanceOf(ApiProblemError);
    const problem = (e.cause as ApiProblemError).problem as ConflictProblem;
    expect(problem).toEqual({
      kind: "conflict",
      entryId: "app:hello",
      baseVersion: base,
      theirsVersion: head,
      base: baseEntry,
      theirs: { id: "app:hello", ...theirs },
      yours: { id: "app:hello", ...yours },
    });
    expect(await versions()).toBe(head);
    expect((await w.registry.get("app:hello"))?.meta).toEqual({ comment: "theirs" });
    expect(await w.db.sql`select id from audit_log`).toHaveLength(auditRows.length);
  });

  it("reports a save that changes nothing without a new version", async () => {
    const head = await versions();
    const current = (await w.registry.get("app:hello")) as Entry;
    const saved = await editor.registry.save({ id: "app:hello", baseVersion: head, entry: current });
    expect(saved.version).toBeNull();
    expect(await versions()).toBe(head);
  });

  it("refuses a Lua syntax error with diagnostics on the source line", async () => {
    const head = await versions();
    const source = "local function f(a: number): number\n  return a +\nend\nreturn f\n";
    const e = await errorOf(() => editor.registry.save({ id: "app:hello", baseVersion: head, entry: { kind: "function.lua", meta: {}, data: { source } } }));
    expect(e.code).toBe("BAD_REQUEST");
    expect((e.cause as ApiProblemError).problem).toMatchObject({ kind: "diagnostics", diagnostics: [{ severity: "error", path: "data.source", line: 3 }] });
    expect(await versions()).toBe(head);
  });

  it("refuses invalid fields of a known kind, naming the field", async () => {
    const e = await errorOf(() => editor.registry.create({ entry: { id: "app:sup", kind: "process.supervisor", meta: {}, data: { strategy: "one_for_none" } } }));
    expect(e).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("data.strategy") as string });
  });

  it("warns about references to entries that do not exist", async () => {
    const created = await editor.registry.create({ entry: { ...SERVICE, id: "app.svc:orphan", data: { process: "app:ghost", host: "app:host" } } });
    expect(created.warnings).toEqual([{ severity: "warning", path: "data.process", message: "data.process: app:ghost does not exist" }]);
    await editor.registry.delete({ id: "app.svc:orphan" });
  });

  it("refuses to create an entry that exists", async () => {
    expect((await errorOf(() => editor.registry.create({ entry: HOST }))).code).toBe("CONFLICT");
  });

  it("lists references both ways", async () => {
    const refs = await w.as("viewer").registry.references({ id: "app:worker" });
    expect(refs.referencedBy).toEqual([{ from: "app.svc:worker", kind: "process.service", path: "data.process", to: "app:worker" }]);
    const out = await w.as("viewer").registry.references({ id: "app.svc:worker" });
    expect(out.references.map((r) => [r.path, r.to, r.exists])).toEqual([
      ["data.process", "app:worker", true],
      ["data.host", "app:host", true],
    ]);
  });

  it("refuses to delete a referenced entry, listing who refers to it", async () => {
    const head = await versions();
    const e = await errorOf(() => editor.registry.delete({ id: "app:host" }));
    expect(e.code).toBe("PRECONDITION_FAILED");
    expect(e.message).toContain("app.svc:worker (data.host)");
    expect((e.cause as ApiProblemError).problem).toMatchObject({ kind: "referenced", referencedBy: [{ from: "app.svc:worker", path: "data.host" }] });
    expect(await versions()).toBe(head);
  });

  it("refuses to rename a referenced entry unless asked to update the references", async () => {
    const head = await versions();
    const e = await errorOf(() => editor.registry.rename({ id: "app:worker", newId: "app:worker2" }));
    expect(e.code).toBe("PRECONDITION_FAILED");
    expect(await versions()).toBe(head);
    expect(await w.registry.get("app:worker")).not.toBeNull();
  });

  it("renames and rewrites the references in the same version", async () => {
    const head = await versions();
    const renamed = await editor.registry.rename({ id: "app:worker", newId: "app.workers:main", updateReferences: true });
    expect(renamed).toMatchObject({ version: head + 1, updatedReferences: ["app.svc:worker"] });
    expect(await w.registry.get("app:worker")).toBeNull();
    expect((await w.registry.get("app.workers:main"))?.kind).toBe("process.lua");
    expect((await w.registry.get("app.svc:worker"))?.data.process).toBe("app.workers:main");
    const delta = await w.registry.diff(head, head + 1);
    expect(delta.ok && delta.value.map((c) => [c.id, c.op])).toEqual([
      ["app.svc:worker", "update"],
      ["app.workers:main", "create"],
      ["app:worker", "delete"],
    ]);
  });

  it("deletes an entry nobody refers to", async () => {
    await editor.registry.create({ entry: { id: "app:scratch", kind: "registry.entry", meta: {}, data: { a: 1 } } });
    const head = await versions();
    expect(await editor.registry.delete({ id: "app:scratch", message: "tidy" })).toMatchObject({ version: head + 1 });
    expect(await w.registry.get("app:scratch")).toBeNull();
  });

  it("refuses a stale delete when the entry changed after the base", async () => {
    await editor.registry.create({ entry: { id: "app:cfg", kind: "registry.entry", meta: {}, data: { a: 1 } } });
    const base = await versions();
    await editor.registry.save({ id: "app:cfg", baseVersion: base, entry: { kind: "registry.entry", meta: {}, data: { a: 2 } } });
    const e = await errorOf(() => editor.registry.delete({ id: "app:cfg", baseVersion: base }));
    expect(e.code).toBe("CONFLICT");
    expect((e.cause as ApiProblemError).problem).toMatchObject({ kind: "conflict", theirs: { data: { a: 2 } }, yours: null });
  });

  it("parses YAML into an entry, or diagnostics", async () => {
    const viewer = w.as("viewer");
    const { yaml } = await viewer.registry.get({ id: "app:hello" });
    expect(await viewer.registry.parseYaml({ text: yaml })).toMatchObject({ ok: true, entry: { id: "app:hello" } });
    expect(await viewer.registry.parseYaml({ text: yaml.replace("kind: function.lua", "kind: process.supervisor\n    strategy: 7") })).toMatchObject({ ok: false });
  });

  it("describes the known kinds for forms", async () => {
    const { kinds } = await w.as("viewer").registry.kinds();
    expect(kinds.map((k) => k.kind)).toContain("process.supervisor");
    expect(kinds.find((k) => k.kind === "function.lua")).toMatchObject({ lua: true, runnable: true, fields: expect.arrayContaining([expect.objectContaining({ path: "source", control: "lua" })]) as unknown });
  });
});
