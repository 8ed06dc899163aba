/**
 * Every mutation leaves one audit row — who, what, target, before/after — readable through
 * `audit.list` with filters. (Setup's row is checked in setup.test.ts: it needs an empty database.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTargets } from "@wippy/db/testing";
import { addUser, createWorld, luaFunction, type World } from "../test/world";

describe.each(testTargets())("audit of mutations on $name PostgreSQL", (target) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(target);
  });
  afterAll(() => w?.drop());

  const lastRow = async (action: string) => (await w.as("admin").audit.list({ action, limit: 1 })).items[0];

  it("records registry create, save, rename, delete and rollback with before/after", async () => {
    const editor = w.as("editor");
    await editor.registry.create({ entry: luaFunction("app:f"), message: "add f" });
    expect(await lastRow("registry.create")).toMatchObject({
      actor: { kind: "user", id: w.users.editor?.id, name: "editor@example.com" },
      target: "app:f",
      before: null,
      after: { id: "app:f", kind: "function.lua", data: { method: "handler", source: expect.stringMatching(/^<5 lines, sha256 [0-9a-f]{12}>$/) as string } },
      metadata: { version: 1, message: "add f" },
    });

    await editor.registry.save({ id: "app:f", baseVersion: 1, entry: { kind: "function.lua", meta: { title: "F" }, data: luaFunction("app:f").data } });
    expect(await lastRow("registry.save")).toMatchObject({ target: "app:f", before: { meta: {} }, after: { meta: { title: "F" } }, metadata: { version: 2 } });

    await editor.registry.rename({ id: "app:f", newId: "app:g" });
    expect(await lastRow("registry.rename")).toMatchObject({ target: "app:f", before: { id: "app:f" }, after: { id: "app:g" }, metadata: { newId: "app:g" } });

    await editor.registry.delete({ id: "app:g" });
    expect(await lastRow("registry.delete")).toMatchObject({ target: "app:g", before: { id: "app:g" }, after: null });

    await editor.history.rollback({ to: 2 });
    expect(await lastRow("registry.rollback")).toMatchObject({ target: "version 2", before: [null], after: [{ id: "app:f" }], metadata: { to: 2, entries: ["app:f"] } });
  });

  it("records user creation, role changes and removal, never the password", async () => {
    const admin = w.as("admin");
    const created = await admin.users.create({ name: "Zed", email: "zed@example.com", password: "zeds long password", role: "viewer" });
    const row = await lastRow("users.create");
    expect(row).toMatchObject({ actor: { name: "admin@example.com" }, target: "zed@example.com", before: null, after: { email: "zed@example.com", role: "viewer" } });
    expect(JSON.stringify(row)).not.toContain("zeds long password");
    await admin.users.setRole({ id: created.id, role: "operator" });
    expect(await lastRow("users.setRole")).toMatchObject({ before: { role: "viewer" }, after: { role: "operator" }, summary: "zed@example.com: viewer → operator" });
    await admin.users.remove({ id: created.id });
    expect(await lastRow("users.remove")).toMatchObject({ before: { email: "zed@example.com" }, after: null });
  });

  it("records function runs with their outcome", async () => {
    await w.as("editor").registry.create({ entry: luaFunction("app:run") });
    w.nodes.reply = { ok: false, kind: "Error", message: "boom", traceback: "stack traceback:\n\t[string]:2" };
    await w.as("operator").functions.run({ id: "app:run", args: [1] });
    expect(await lastRow("functions.run")).toMatchObject({ actor: { name: "operator@example.com" }, target: "app:run", before: { args: [1] }, after: { ok: false, kind: "Error", message: "boom" } });
  });

  it("writes nothing for a refused mutation", async () => {
    const before = (await w.as("admin").audit.list({ limit: 500 })).items.length;
    await w.as("editor").registry.delete({ id: "app:nope" }).catch((error: { code: string }) => expect(error.code).toBe("NOT_FOUND"));
    await w.as("admin").users.remove({ id: w.users.admin?.id ?? "" }).catch((error: { code: string }) => expect(error.code).toBe("PRECONDITION_FAILED"));
    expect((await w.as("admin").audit.list({ limit: 500 })).items.length).toBe(before);
  });

  it("filters by actor, action prefix, target and time, and pages by cursor", async () => {
    const admin = w.as("admin");
    await addUser(w.services, "someone@example.com", "viewer");
    expect((await admin.audit.list({ actor: "operator@" })).items.map((r) => r.action)).toEqual(["functions.run"]);
    expect((await admin.audit.list({ action: "users." })).items.map((r) => r.action)).toEqual(["users.remove", "users.setRole", "users.create"]);
    expect((await admin.audit.list({ target: "app:g" })).items.map((r) => r.action)).toEqual(["registry.delete"]);
    expect((await admin.audit.list({ until: new Date(0) })).items).toEqual([]);
    const first = await admin.audit.list({ limit: 3 });
    const second = await admin.audit.list({ limit: 3, cursor: first.nextCursor ?? undefined });
    expect(first.items).toHaveLength(3);
    expect(second.items.every((r) => r.id < (first.nextCursor ?? 0))).toBe(true);
  });
});
