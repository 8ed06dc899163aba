/**
 * `feed.list` through `createCaller` on real PostgreSQL: registry versions made through the API
 * and incidents recorded by the control plane, newest first, filtered by kind, paged.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordIncident } from "@wippy/db";
import { testTargets } from "@wippy/db/testing";
import { createWorld, luaFunction, type World } from "../test/world";

describe.each(testTargets())("feed.list on $name PostgreSQL", (target) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(target);
    await w.as("editor").registry.create({ entry: luaFunction("app:f"), message: "add f" });
    await recordIncident(w.db.sql, { kind: "crash_loop", nodeId: "n1", service: "app:svc", episode: "loop:1", at: new Date(), restarts: 3, message: "app:svc restarted 3 times in 2 s" }, 60_000);
    await w.as("editor").registry.save({ id: "app:f", baseVersion: 1, entry: { ...luaFunction("app:f"), meta: { title: "F" } }, message: "title" });
  });
  afterAll(() => w?.drop());

  it("lists versions (who, which entries, why) and incidents, newest first", async () => {
    const { items, nextCursor } = await w.as("viewer").feed.list({});
    expect(items).toMatchObject([
      { type: "version", version: 2, author: "editor@example.com", source: "ui", message: "title", entries: [{ id: "app:f", op: "update" }], entryCount: 1 },
      { type: "incident", kind: "crash_loop", service: "app:svc", nodeId: "n1", restarts: 3, resolvedAt: null, message: "app:svc restarted 3 times in 2 s" },
      { type: "version", version: 1, message: "add f", entries: [{ id: "app:f", op: "create" }] },
    ]);
    expect(nextCursor).toBeNull();
  });

  it("filters by kind and pages", async () => {
    expect((await w.as("viewer").feed.list({ kind: "incidents" })).items.map((i) => i.type)).toEqual(["incident"]);
    const first = await w.as("viewer").feed.list({ kind: "versions", limit: 1 });
    expect(first.items.map((i) => i.key)).toEqual(["version:2"]);
    const second = await w.as("viewer").feed.list({ kind: "versions", limit: 1, cursor: first.nextCursor ?? undefined });
    expect(second).toMatchObject({ items: [{ key: "version:1" }], nextCursor: null });
  });

  it("refuses a malformed cursor", async () => {
    await expect(w.as("viewer").feed.list({ cursor: { versions: 0, incidents: null } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
