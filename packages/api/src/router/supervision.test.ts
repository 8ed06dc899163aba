/**
 * The supervision canvas's API against a real database: reading the tree, saving a drawn
 * changeset as one audited version, and each refusal — stale base, a tree that would not run,
 * entries the canvas may not write — leaving the registry and the audit log untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTargets } from "@wippy/db/testing";
import type { ChangeOp, Entry, JsonObject } from "@wippy/shared";
import type { ApiProblem, ApiProblemError } from "../problems";
import { createWorld, errorOf, luaFunction, type World } from "../test/world";

const HOST: Entry = { id: "tree:host", kind: "process.host", meta: {}, data: { host: { workers: 2 } } };
const FLOWS: Entry = { id: "tree:flows", kind: "workflow.host", meta: {}, data: {} };
const WORKER: Entry = { id: "tree:worker", kind: "process.lua", meta: {}, data: { source: "return { main = function() end }", method: "main" } };
const KEPT: Entry = { id: "tree:kept", kind: "process.service", meta: { title: "untouched" }, data: { process: "tree:worker", host: "tree:host", custom: { any: [1, 2] } } };

const sup = (id: string, meta: JsonObject = {}): Entry => ({ id, kind: "process.supervisor", meta, data: { strategy: "one_for_all", intensity: 2, period: "10s" } });
const svc = (id: string, meta: JsonObject = {}, data: JsonObject = {}): Entry => ({ id, kind: "process.service", meta, data: { process: "tree:worker", host: "tree:host", ...data } });
const create = (entry: Entry): ChangeOp => ({ op: "create", entry });

describe.each(testTargets())("supervision router on $name PostgreSQL", (target) => {
  let w: World;
  let editor: ReturnType<World["as"]>;
  beforeAll(async () => {
    w = await createWorld(target);
    editor = w.as("editor");
    for (const entry of [HOST, FLOWS, WORKER, KEPT, luaFunction("tree:fn")]) await editor.registry.create({ entry });
  });
  afterAll(() => w?.drop());

  const head = () => w.registry.currentVersion();
  const auditCount = async () => (await w.db.sql`select id from audit_log`).length;
  const problemOf = (cause: unknown): ApiProblem => (cause as ApiProblemError).problem;

  it("reads the services and supervisors whole and every other entry by id and kind", async () => {
    const tree = await w.as("viewer").supervision.tree();
    expect(tree.version).toBe(await head());
    expect(tree.entries).toEqual([KEPT]);
    expect(tree.catalog).toEqual([
      { id: "tree:flows", kind: "workflow.host" },
      { id: "tree:fn", kind: "function.lua" },
      { id: "tree:host", kind: "process.host" },
      { id: "tree:worker", kind: "process.lua" },
    ]);
  });

  it("saves a supervisor with two children as one audited version", async () => {
    const base = await head();
    const audits = await auditCount();
    const ops = [create(sup("tree:sup")), create(svc("tree:one", { supervisor: "tree:sup", order: 1 })), create(svc("tree:two", { supervisor: "sup", order: 2 }))];
    const saved = await editor.supervision.save({ baseVersion: base, ops, message: "draw a tree" });
    expect(saved.version).toBe(base + 1);
    expect(saved.changes.map((c) => [c.op, c.id])).toEqual([
      ["create", "tree:one"],
      ["create", "tree:sup"],
      ["create", "tree:two"],
    ]);
    expect(await w.registry.getVersion(base + 1)).toMatchObject({ author: "editor@example.com", source: "ui", message: "draw a tree" });
    // References are stored absolute, as a single save stores them.
    expect((await w.registry.get("tree:two"))?.meta).toEqual({ supervisor: "tree:sup", order: 2 });
    const [row] = await w.db.sql<{ action: string; target: string; metadata: { version: number; entries: string[] } }[]>`
      select action, target, metadata from audit_log order by id desc limit 1`;
    expect(await auditCount()).toBe(audits + 1);
    expect(row).toMatchObject({ action: "registry.saveTree", target: "supervision tree", metadata: { version: base + 1, entries: ["tree:one", "tree:sup", "tree:two"] } });
  });

  it("writes updates whole, keeping fields the canvas does not edit", async () => {
    const base = await head();
    const moved: Entry = { ...KEPT, meta: { ...KEPT.meta, supervisor: "tree:sup", order: 3 } };
    await editor.supervision.save({ baseVersion: base, ops: [{ op: "update", entry: moved }], message: "" });
    expect(await w.registry.get("tree:kept")).toEqual(moved);
    expect((await w.registry.getVersion(base + 1))?.message).toBe("supervision tree: 1 entry");
  });

  it("answers a changeset that changes nothing without a new version", async () => {
    const base = await head();
    const same = (await w.registry.get("tree:kept")) as Entry;
    expect(await editor.supervision.save({ baseVersion: base, ops: [{ op: "update", entry: same }] })).toMatchObject({ version: null });
    expect(await head()).toBe(base);
  });

  it("refuses a stale base when a tree entry changed since — and writes nothing", async () => {
    const base = await head();
    const theirs = { ...((await w.registry.get("tree:one")) as Entry), meta: { supervisor: "tree:sup", order: 9 } };
    await w.as("admin").supervision.save({ baseVersion: base, ops: [{ op: "update", entry: theirs }], message: "their change" });
    const now = await head();
    const audits = await auditCount();
    const e = await errorOf(() => editor.supervision.save({ baseVersion: base, ops: [create(svc("tree:three", { supervisor: "tree:sup" }))], message: "mine" }));
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toContain("tree:one");
    expect(problemOf(e.cause)).toEqual({ kind: "treeConflict", baseVersion: base, currentVersion: now, changed: ["tree:one"] });
    expect(await head()).toBe(now);
    expect(await w.registry.get("tree:three")).toBeNull();
    expect(await auditCount()).toBe(audits);
    const preview = await editor.supervision.preview({ baseVersion: base, ops: [create(svc("tree:three"))] });
    expect(preview).toMatchObject({ baseVersion: base, head: now, stale: ["tree:one"] });
  });

  it("saves against an older base when only entries outside the tree changed since", async () => {
    const base = await head();
    await editor.registry.save({ id: "tree:host", baseVersion: base, entry: { kind: "process.host", meta: {}, data: { host: { workers: 3 } } } });
    const saved = await editor.supervision.save({ baseVersion: base, ops: [create(svc("tree:four", { supervisor: "tree:sup" }))] });
    expect(saved.version).toBe(base + 2);
  });

  it.each([
    ["a supervisor cycle", [create(sup("tree:a", { supervisor: "tree:b" })), create(sup("tree:b", { supervisor: "tree:a" }))], "supervisor cycle"],
    ["a service on a missing host", [create(svc("tree:x", {}, { host: "tree:nohost" }))], "host tree:nohost does not exist"],
    ["a service on a workflow host", [create(svc("tree:x", {}, { host: "tree:flows" }))], "tree:flows is a workflow.host, not a process.host"],
    ["a service whose process is a function", [create(svc("tree:x", {}, { process: "tree:fn" }))], "process tree:fn is a function.lua, not a process.lua"],
    ["a child of a deleted supervisor", [{ op: "delete", id: "tree:sup" } as ChangeOp], "supervisor tree:sup does not exist"],
  ])("refuses %s with the runtime's problems, writing nothing", async (_name, ops, message) => {
    const base = await head();
    const audits = await auditCount();
    const e = await errorOf(() => editor.supervision.save({ baseVersion: base, ops, message: "broken" }));
    expect(e.code).toBe("BAD_REQUEST");
    const problem = problemOf(e.cause);
    expect(problem.kind).toBe("invalidTree");
    expect(problem.kind === "invalidTree" && problem.problems.map((p) => p.message).join("\n")).toContain(message);
    expect(await head()).toBe(base);
    expect(await auditCount()).toBe(audits);
    const preview = await w.as("viewer").supervision.preview({ baseVersion: base, ops });
    expect(preview.problems.map((p) => p.message).join("\n")).toContain(message);
  });

  it("refuses entries of other kinds, bad fields and an op twice", async () => {
    const base = await head();
    const fn = await errorOf(() => editor.supervision.save({ baseVersion: base, ops: [create(luaFunction("tree:fn2"))] }));
    expect(fn).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("writes only process.service and process.supervisor") as string });
    const host = await errorOf(() => editor.supervision.save({ baseVersion: base, ops: [{ op: "delete", id: "tree:host" }] }));
    expect(host.message).toContain("tree:host is a process.host");
    const strategy = await errorOf(() => editor.supervision.save({ baseVersion: base, ops: [create({ ...sup("tree:bad"), data: { strategy: "one_for_none" } })] }));
    expect(strategy).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("data.strategy") as string });
    const twice = await errorOf(() => editor.supervision.save({ baseVersion: base, ops: [create(sup("tree:s2")), { op: "delete", id: "tree:s2" }] }));
    expect(twice.message).toContain("tree:s2 appears twice");
    const future = await errorOf(() => editor.supervision.save({ baseVersion: base + 100, ops: [create(sup("tree:s3"))] }));
    expect(future.message).toContain(`base version ${base + 100} does not exist`);
    expect(await head()).toBe(base);
  });

  it("previews the changes entry by entry, with before and after, writing nothing", async () => {
    const base = await head();
    const one = (await w.registry.get("tree:one")) as Entry;
    const preview = await w.as("viewer").supervision.preview({
      baseVersion: base,
      ops: [create(sup("tree:new")), { op: "update", entry: { ...one, meta: { supervisor: "tree:new", order: 1 } } }],
    });
    expect(preview.problems).toEqual([]);
    expect(preview.stale).toEqual([]);
    expect(preview.changes).toEqual([
      { id: "tree:new", op: "create", before: null, after: sup("tree:new") },
      { id: "tree:one", op: "update", before: one, after: { ...one, meta: { supervisor: "tree:new", order: 1 } } },
    ]);
    expect(await head()).toBe(base);
  });

  it("does not hold problems elsewhere in the registry against a save that does not touch them", async () => {
    await editor.registry.create({ entry: svc("tree.old:broken", {}, { host: "tree:gone" }) });
    const base = await head();
    const saved = await editor.supervision.save({ baseVersion: base, ops: [create(sup("tree:fine"))] });
    expect(saved.version).toBe(base + 1);
    const touching = await errorOf(() => editor.supervision.save({ baseVersion: base + 1, ops: [{ op: "update", entry: svc("tree.old:broken", { order: 1 }, { host: "tree:gone" }) }] }));
    expect(touching.message).toContain("host tree:gone does not exist");
  });
});
