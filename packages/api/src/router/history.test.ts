/** History through the API: versions with counts, per-version and per-entry changes, diffs, rollback. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTargets } from "@wippy/db/testing";
import { createWorld, errorOf, luaFunction, type World } from "../test/world";

describe.each(testTargets())("history router on $name PostgreSQL", (target) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(target);
    const editor = w.as("editor");
    await editor.registry.create({ entry: luaFunction("app:a"), message: "v1" }); // 1
    await editor.registry.create({ entry: { id: "app:cfg", kind: "registry.entry", meta: {}, data: { n: 1 } }, message: "v2" }); // 2
    await editor.registry.save({ id: "app:cfg", baseVersion: 2, entry: { kind: "registry.entry", meta: {}, data: { n: 2 } }, message: "v3" }); // 3
    await editor.registry.delete({ id: "app:a", message: "v4" }); // 4
  });
  afterAll(() => w?.drop());

  it("lists versions newest first with who, where, why and counts", async () => {
    const { items, nextBefore } = await w.as("viewer").history.versions({ limit: 3 });
    expect(items.map((v) => [v.id, v.message, v.author, v.source])).toEqual([
      [4, "v4", "editor@example.com", "ui"],
      [3, "v3", "editor@example.com", "ui"],
      [2, "v2", "editor@example.com", "ui"],
    ]);
    expect(items[0]?.counts).toEqual({ create: 0, update: 0, delete: 1 });
    expect(items[1]?.counts).toEqual({ create: 0, update: 1, delete: 0 });
    expect(nextBefore).toBe(2);
    expect((await w.as("viewer").history.versions({ before: 2 })).items.map((v) => v.id)).toEqual([1]);
  });

  it("shows what one version changed, and one entry's revisions", async () => {
    const v3 = await w.as("viewer").history.version({ id: 3 });
    expect(v3.changes).toEqual([{ id: "app:cfg", op: "update", before: expect.objectContaining({ data: { n: 1 } }) as unknown, after: expect.objectContaining({ data: { n: 2 } }) as unknown }]);
    const { revisions } = await w.as("viewer").history.entry({ id: "app:a" });
    expect(revisions.map((r) => [r.version.id, r.op])).toEqual([
      [4, "delete"],
      [1, "create"],
    ]);
    expect((await errorOf(() => w.as("viewer").history.version({ id: 99 }))).code).toBe("NOT_FOUND");
  });

  it("diffs any two versions, either direction", async () => {
    const forward = await w.as("viewer").history.diff({ from: 1, to: 4 });
    expect(forward.changes.map((c) => [c.id, c.op])).toEqual([
      ["app:a", "delete"],
      ["app:cfg", "create"],
    ]);
    const back = await w.as("viewer").history.diff({ from: 4, to: 1 });
    expect(back.changes.map((c) => [c.id, c.op])).toEqual([
      ["app:a", "create"],
      ["app:cfg", "delete"],
    ]);
    expect((await errorOf(() => w.as("viewer").history.diff({ from: 0, to: 99 }))).code).toBe("NOT_FOUND");
  });

  it("rolls back exactly what the preview showed, as a new version", async () => {
    const preview = await w.as("viewer").history.rollbackPreview({ to: 2 });
    expect(preview.baseVersion).toBe(4);
    const done = await w.as("editor").history.rollback({ to: 2, baseVersion: preview.baseVersion, message: "undo" });
    expect(done.changes).toEqual(preview.changes);
    expect(done.version).toMatchObject({ id: 5, source: "rollback", author: "editor@example.com", message: "undo" });
    const now = await w.registry.snapshot();
    const then = await w.registry.snapshotAt(2);
    expect(then.ok && [...then.value.entries.values()]).toEqual([...now.entries.values()]);
  });

  it("refuses a rollback whose preview is out of date", async () => {
    const preview = await w.as("viewer").history.rollbackPreview({ to: 1 });
    await w.as("editor").registry.save({ id: "app:cfg", baseVersion: preview.baseVersion, entry: { kind: "registry.entry", meta: {}, data: { n: 3 } } });
    const head = await w.registry.currentVersion();
    const e = await errorOf(() => w.as("editor").history.rollback({ to: 1, baseVersion: preview.baseVersion }));
    expect(e).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("preview again") as string });
    expect(await w.registry.currentVersion()).toBe(head);
  });
});
