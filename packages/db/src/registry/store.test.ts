import { afterAll, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import type { Entry } from "@wippy/shared";
import { createTestDatabase, testTargets } from "../testing";
import type { TestDatabase } from "../testing";
import { REGISTRY_CHANNEL, RegistryStore } from "./store";

const entry = (id: string, data: Entry["data"] = {}, meta: Entry["meta"] = {}, kind = "registry.entry"): Entry => ({ id, kind, meta, data });
const who = { author: "test", source: "api" as const };

describe.each(testTargets())("RegistryStore on $name PostgreSQL", (target) => {
  let tdb: TestDatabase;
  let store: RegistryStore;

  beforeAll(async () => {
    tdb = await createTestDatabase(target);
    store = new RegistryStore(tdb.sql);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("starts empty at version 0", async () => {
    expect(await store.currentVersion()).toBe(0);
    expect((await store.snapshot()).entries.size).toBe(0);
  });

  it("applies changesets as gap-free versions and keeps the current view", async () => {
    const c1 = await store.apply(
      [
        { op: "create", entry: entry("app:a", { n: 1 }, { type: "test" }) },
        { op: "create", entry: entry("app.sub:b", { s: "x" }, {}, "function.lua") },
      ],
      { ...who, message: "first" },
    );
    expect(c1.ok && c1.value.version.id).toBe(1);
    const c2 = await store.apply([{ op: "update", entry: entry("app:a", { n: 2 }) }, { op: "delete", id: "app.sub:b" }], who);
    expect(c2.ok && c2.value.version.id).toBe(2);
    // Changes come sorted by id ("app.sub:b" < "app:a").
    expect(c2.ok && c2.value.changes.map((c) => `${c.op} ${c.id}`)).toEqual(["delete app.sub:b", "update app:a"]);
    expect(await store.get("app:a")).toEqual(entry("app:a", { n: 2 }));
    expect(await store.get("app.sub:b")).toBeNull();
    const versions = await store.listVersions();
    expect(versions.map((v) => v.id)).toEqual([2, 1]);
    expect(versions[1]).toMatchObject({ author: "test", source: "api", message: "first", baseVersion: 0 });
  });

  it("runs onCommit inside the version's transaction: its writes commit with it, its throw undoes it", async () => {
    await tdb.sql`create table if not exists oncommit_probe (version int)`;
    const head = await store.currentVersion();
    const done = await store.apply([{ op: "create", entry: entry("probe:a") }], {
      author: "t",
      source: "api",
      onCommit: async (tx, c) => void (await tx`insert into oncommit_probe values (${c.version.id})`),
    });
    expect(done.ok).toBe(true);
    expect(await tdb.sql`select version from oncommit_probe`).toEqual([{ version: head + 1 }]);
    await expect(
      store.apply([{ op: "create", entry: entry("probe:b") }], {
        author: "t",
        source: "api",
        onCommit: async (tx) => {
          await tx`insert into oncommit_probe values (-1)`;
          throw new Error("audit failed");
        },
      }),
    ).rejects.toThrow("audit failed");
    expect(await store.currentVersion()).toBe(head + 1);
    expect(await store.get("probe:b")).toBeNull();
    expect(await tdb.sql`select version from oncommit_probe`).toHaveLength(1);
    await store.apply([{ op: "delete", id: "probe:a" }], { author: "t", source: "api" });
  });

  it("reads snapshots at past versions and diffs in both directions", async () => {
    const at1 = await store.snapshotAt(1);
    expect(at1.ok && [...at1.value.entries.keys()]).toEqual(["app.sub:b", "app:a"].sort());
    expect(at1.ok && at1.value.entries.get("app:a")?.data).toEqual({ n: 1 });
    const at0 = await store.snapshotAt(0);
    expect(at0.ok && at0.value.entries.size).toBe(0);
    const bad = await store.snapshotAt(999);
    expect(!bad.ok && bad.error.kind).toBe("NotFound");
    const neg = await store.snapshotAt(-1);
    expect(!neg.ok && neg.error.kind).toBe("Invalid");

    const fwd = await store.diff(1, 2);
    expect(fwd.ok && fwd.value.map((c) => `${c.op} ${c.id}`)).toEqual(["delete app.sub:b", "update app:a"]);
    const back = await store.diff(2, 1);
    expect(back.ok && back.value.map((c) => `${c.op} ${c.id}`)).toEqual(["create app.sub:b", "update app:a"]);
    expect(back.ok && back.value.find((c) => c.id === "app:a")?.after?.data).toEqual({ n: 1 });
  });

  it("finds with the LUA_API filter syntax", async () => {
    await store.apply(
      [
        { op: "create", entry: entry("app.api:list_users", {}, { type: "test", tags: ["x", "y"] }, "function.lua") },
        { op: "create", entry: entry("app.api:get_user", {}, { type: "prod" }, "function.lua") },
      ],
      who,
    );
    const byKind = await store.find({ ".kind": "function.lua", ".ns": "app.api" });
    expect(byKind.entries.map((e) => e.id)).toEqual(["app.api:get_user", "app.api:list_users"]);
    expect((await store.find({ "meta.type": "test" })).entries.map((e) => e.id)).toEqual(["app.api:list_users"]);
    expect((await store.find({ "^.name": "get_" })).entries.map((e) => e.id)).toEqual(["app.api:get_user"]);
    expect((await store.find({ $name: "x" })).warnings).toHaveLength(1);
    expect((await store.find({ "~.id": "^app\\.api:.*user" })).entries).toHaveLength(2);
    expect((await store.find({ "*meta.tags": "y" })).entries.map((e) => e.id)).toEqual(["app.api:list_users"]);
  });

  it("refuses a stale base with Conflict and changes nothing", async () => {
    const head = await store.currentVersion();
    const r = await store.apply([{ op: "create", entry: entry("app:stale") }], { ...who, expectedBase: head - 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ kind: "Conflict", baseVersion: head - 1, currentVersion: head });
    expect(await store.currentVersion()).toBe(head);
    expect(await store.get("app:stale")).toBeNull();
    const good = await store.apply([{ op: "create", entry: entry("app:fresh") }], { ...who, expectedBase: head });
    expect(good.ok).toBe(true);
  });

  it("never leaves a half-applied changeset", async () => {
    const head = await store.currentVersion();
    const r = await store.apply([{ op: "create", entry: entry("app:half") }, { op: "delete", id: "app:missing" }], who);
    expect(!r.ok && r.error.kind).toBe("Conflict");
    expect(await store.get("app:half")).toBeNull();
    expect(await store.currentVersion()).toBe(head);
  });

  it("rolls back and forward as new versions", async () => {
    const head = await store.currentVersion();
    const back = await store.applyVersion(1, { author: "op" });
    expect(back.ok && back.value.version).toMatchObject({ id: head + 1, source: "rollback", message: "rollback to version 1" });
    const now = await store.snapshot();
    const then = await store.snapshotAt(1);
    expect(then.ok && [...now.entries.values()]).toEqual(then.ok && [...then.value.entries.values()]);
    const fwd = await store.applyVersion(head, { author: "op" });
    expect(fwd.ok && fwd.value.version).toMatchObject({ id: head + 2, message: `rollback to version ${head}` });
    const again = await store.snapshotAt(head);
    expect(again.ok && [...again.value.entries.keys()]).toEqual([...(await store.snapshot()).entries.keys()]);
    const same = await store.applyVersion(await store.currentVersion(), { author: "op" });
    expect(!same.ok && same.error.kind).toBe("Invalid");
  });

  it("reports entry history and versions since a point (catch-up)", async () => {
    const hist = await store.entryHistory("app:a");
    expect(hist.length).toBeGreaterThanOrEqual(2);
    expect(hist[hist.length - 1]).toMatchObject({ op: "create", version: { id: 1 } });
    const since = await store.versionsSince(0);
    expect(since.map((d) => d.version.id)).toEqual([...Array(await store.currentVersion()).keys()].map((i) => i + 1));
    expect(since[1]?.changes).toEqual([
      { id: "app.sub:b", op: "delete", entry: null },
      { id: "app:a", op: "update", entry: entry("app:a", { n: 2 }) },
    ]);
  });

  it("sends NOTIFY wippy_registry with only the version id, on commit", async () => {
    const listener = postgres(tdb.url, { max: 1, onnotice: () => {} });
    try {
      const got: string[] = [];
      await listener.listen(REGISTRY_CHANNEL, (payload) => got.push(payload));
      const r = await store.apply([{ op: "create", entry: entry("app:notified") }], who);
      const failed = await store.apply([{ op: "delete", id: "app:nope" }], who);
      expect(failed.ok).toBe(false);
      await expect.poll(() => got, { timeout: 5000 }).toEqual([String(r.ok && r.value.version.id)]);
    } finally {
      await listener.end();
    }
  });

  it("concurrent writers: all succeed with gap-free versions, or get Conflict on a stale base", async () => {
    const writers = [...Array(6).keys()].map(() => postgres(tdb.url, { max: 1, onnotice: () => {} }));
    try {
      const base = await store.currentVersion();
      // Without a base: every writer commits, and the versions are exactly base+1..base+N.
      const results = await Promise.all(
        writers.flatMap((sql, w) =>
          [0, 1, 2].map((i) => new RegistryStore(sql).apply([{ op: "create", entry: entry(`race:w${w}_${i}`) }], who)),
        ),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      const ids = results.map((r) => (r.ok ? r.value.version.id : -1)).sort((a, b) => a - b);
      expect(ids).toEqual([...Array(18).keys()].map((i) => base + 1 + i));

      // With the same expected base: exactly one wins, the rest are Conflict.
      const head = await store.currentVersion();
      const racing = await Promise.all(
        writers.map((sql, w) => new RegistryStore(sql).apply([{ op: "create", entry: entry(`base:w${w}`) }], { ...who, expectedBase: head })),
      );
      expect(racing.filter((r) => r.ok)).toHaveLength(1);
      expect(racing.filter((r) => !r.ok && r.error.kind === "Conflict")).toHaveLength(5);
      expect(await store.currentVersion()).toBe(head + 1);
    } finally {
      await Promise.all(writers.map((s) => s.end()));
    }
  });

  it("readers never see half of a changeset", async () => {
    await store.apply([{ op: "create", entry: entry("pair:x", { n: 0 }) }, { op: "create", entry: entry("pair:y", { n: 0 }) }], who);
    const writer = postgres(tdb.url, { max: 1, onnotice: () => {} });
    const reader = postgres(tdb.url, { max: 1, onnotice: () => {} });
    try {
      let done = false;
      const mismatches: string[] = [];
      const readLoop = (async () => {
        const rs = new RegistryStore(reader);
        while (!done) {
          const snap = await rs.snapshot();
          const x = snap.entries.get("pair:x")?.data.n;
          const y = snap.entries.get("pair:y")?.data.n;
          if (x !== y) mismatches.push(`${String(x)} != ${String(y)} at ${snap.version}`);
        }
      })();
      const ws = new RegistryStore(writer);
      for (let n = 1; n <= 30; n++) {
        const r = await ws.apply([{ op: "update", entry: entry("pair:x", { n }) }, { op: "update", entry: entry("pair:y", { n }) }], who);
        expect(r.ok).toBe(true);
      }
      done = true;
      await readLoop;
      expect(mismatches).toEqual([]);
    } finally {
      await writer.end();
      await reader.end();
    }
  });
});
