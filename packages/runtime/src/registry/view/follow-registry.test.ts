import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { RegistryStore } from "@wippy/db";
import type { VersionDelta } from "@wippy/db";
import { createTestDatabase, testTargets } from "@wippy/db/testing";
import type { TestDatabase } from "@wippy/db/testing";
import type { ChangeOp, Entry } from "@wippy/shared";
import { followRegistry } from "./follow-registry";
import type { RegistryFollower } from "./follow-registry";
import type { ViewLog } from "./log";
import { RegistryView } from "./registry-view";
import type { RegistryUpdate } from "./registry-view";

const entry = (id: string, data: Entry["data"] = {}, kind = "registry.entry", meta: Entry["meta"] = {}): Entry => ({ id, kind, meta, data });
const who = { author: "test", source: "api" as const };
const QUIET = { safetyIntervalMs: 3_600_000 };

interface LogLine {
  level: keyof ViewLog;
  fields: object;
  message: string;
}

function recordingLog(): ViewLog & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: keyof ViewLog) => (fields: object, message: string) => void lines.push({ level, fields, message });
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** Resolves once the view has applied `version` (or rejects after `timeoutMs`). */
function reached(view: RegistryView, version: number, timeoutMs = 10_000): Promise<void> {
  if (view.version >= version) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`view stuck at ${view.version}, waiting for ${version}`));
    }, timeoutMs);
    const stop = view.subscribe((u) => {
      if (u.version < version) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

describe.each(testTargets())("followRegistry on $name PostgreSQL", (target) => {
  let tdb: TestDatabase;
  let writerSql: postgres.Sql;
  let writer: RegistryStore;
  let store: RegistryStore;
  let follower: RegistryFollower | undefined;

  beforeAll(async () => {
    tdb = await createTestDatabase(target);
    store = new RegistryStore(tdb.sql);
    writerSql = postgres(tdb.url, { max: 4, onnotice: () => {} });
    writer = new RegistryStore(writerSql);
  });
  afterEach(async () => {
    await follower?.close();
    follower = undefined;
  });
  afterAll(async () => {
    await writerSql?.end();
    await tdb?.drop();
  });

  const commit = async (ops: ChangeOp[]): Promise<number> => {
    const r = await writer.apply(ops, who);
    if (!r.ok) throw new Error(r.error.message);
    return r.value.version.id;
  };

  const sortedSnapshot = async (): Promise<Entry[]> => [...(await store.snapshot()).entries.values()].sort((a, b) => (a.id < b.id ? -1 : 1));

  async function follow(view: RegistryView, extra: Partial<Parameters<typeof followRegistry>[0]> = {}) {
    const log = recordingLog();
    follower = await followRegistry({ store, url: tdb.url, view, log, ...QUIET, ...extra });
    return log;
  }

  it("loads the current snapshot at start, then follows commits from another connection", async () => {
    const v1 = await commit([{ op: "create", entry: entry("app:a", { n: 1 }) }]);
    const view = new RegistryView();
    await follow(view);
    expect(view.version).toBe(v1);
    expect(view.get("app:a")?.data).toEqual({ n: 1 });

    const updates: RegistryUpdate[] = [];
    view.subscribe((u) => updates.push(u));
    const v2 = await commit([
      { op: "update", entry: entry("app:a", { n: 2 }) },
      { op: "create", entry: entry("app:f", {}, "function.lua") },
    ]);
    await reached(view, v2);
    expect(view.get("app:a")?.data).toEqual({ n: 2 });
    expect(updates).toEqual([
      {
        version: v2,
        changes: [
          { id: "app:a", op: "update", before: entry("app:a", { n: 1 }), after: entry("app:a", { n: 2 }) },
          { id: "app:f", op: "create", before: null, after: entry("app:f", {}, "function.lua") },
        ],
      },
    ]);
  });

  it("follows a rollback (applyVersion) like any other version", async () => {
    const view = new RegistryView();
    await follow(view);
    const before = view.version;
    await commit([{ op: "create", entry: entry("app:temp") }, { op: "delete", id: "app:f" }]);
    const r = await writer.applyVersion(before, { author: "op" });
    if (!r.ok) throw new Error(r.error.message);
    await reached(view, r.value.version.id);
    expect(view.get("app:temp")).toBeUndefined();
    expect(view.get("app:f")?.kind).toBe("function.lua");
    expect(view.entries()).toEqual(await sortedSnapshot());
  });

  it("catches up on versions committed while the listening connection was killed", async () => {
    const view = new RegistryView();
    const log = await follow(view, { backoff: { initialMs: 300, maxMs: 1_000 } });
    const killed = await tdb.sql<{ pid: number }[]>`
      select pid, pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and application_name = 'wippy-listen:wippy_registry'`;
    expect(killed).toHaveLength(1);
    // Wait for that backend to be gone (not for "no listener": the follower may already be
    // back, and other test files' listeners on other databases do not count).
    const gone = killed.map((k) => k.pid);
    await expect.poll(async () => (await tdb.sql`select pid from pg_stat_activity where pid in ${tdb.sql(gone)}`).length).toBe(0);
    // Committed while no listener exists: their NOTIFYs are lost, and the safety timer is off,
    // so only the catch-up after the reconnect can bring them.
    await commit([{ op: "create", entry: entry("app:while_down_1") }]);
    const last = await commit([{ op: "create", entry: entry("app:while_down_2") }]);
    await reached(view, last);
    expect(view.get("app:while_down_1")).toBeDefined();
    expect(log.lines.some((l) => l.message.includes("reconnected"))).toBe(true);
  });

  it("concurrent commits: every version applied exactly once, in order", async () => {
    const view = new RegistryView();
    await follow(view);
    const seen: number[] = [];
    view.subscribe((u) => seen.push(u.version));
    const start = view.version;
    const versions = await Promise.all(Array.from({ length: 20 }, (_, i) => commit([{ op: "create", entry: entry(`app:burst_${i}`) }])));
    const last = Math.max(...versions);
    await reached(view, last);
    expect(seen).toEqual(Array.from({ length: last - start }, (_, i) => start + i + 1));
  });

  it("gap: a catch-up missing a version stops short and a later one fills it in order", async () => {
    let dropOnce = true;
    const gappy = {
      snapshot: () => store.snapshot(),
      async versionsSince(version: number, limit?: number): Promise<VersionDelta[]> {
        const deltas = await store.versionsSince(version, limit);
        if (dropOnce && deltas.length > 1) {
          dropOnce = false;
          return deltas.slice(1);
        }
        return deltas;
      },
    };
    const view = new RegistryView();
    view.load(await store.snapshot());
    const start = view.version;
    const seen: number[] = [];
    view.subscribe((u) => seen.push(u.version));
    await commit([{ op: "create", entry: entry("app:gap_1") }]);
    const v2 = await commit([{ op: "create", entry: entry("app:gap_2") }]);
    const log = recordingLog();
    follower = await followRegistry({ store: gappy, url: tdb.url, view, log, safetyIntervalMs: 50 });
    await reached(view, v2);
    expect(seen).toEqual([start + 1, start + 2]);
    expect(log.lines.filter((l) => l.level === "warn").map((l) => l.message)).toEqual(["registry versions missing from a catch-up"]);
  });

  it("diverged: a view that disagrees with the database reloads a snapshot", async () => {
    const head = await store.currentVersion();
    const view = new RegistryView();
    view.load(await store.snapshot());
    // The view wrongly believes app:a is gone; the next version updates it.
    view.load({ version: head, entries: new Map([...(await store.snapshot()).entries].filter(([id]) => id !== "app:a")) });
    const log = await follow(view);
    const v = await commit([{ op: "update", entry: entry("app:a", { n: 99 }) }]);
    await reached(view, v);
    expect(view.get("app:a")?.data).toEqual({ n: 99 });
    expect(log.lines.some((l) => l.level === "error" && l.message.includes("diverged"))).toBe(true);
    expect(view.entries()).toEqual(await sortedSnapshot());
  });

  it("find gives the same answers as RegistryStore.find on the same data", async () => {
    await commit([
      { op: "create", entry: entry("app.api:list_users", {}, "function.lua", { type: "test", tags: ["x", "y"], path: "/users" }) },
      { op: "create", entry: entry("app.api:get_user", {}, "function.lua", { type: "prod", path: "/users/:id" }) },
      { op: "create", entry: entry("app.api:svc", {}, "process.service", { nested: { level: 2 } }) },
    ]);
    const view = new RegistryView();
    await follow(view);
    const filters = [
      {},
      { ".kind": "function.lua" },
      { ".kind": "function.lua", ".ns": "app.api" },
      { ".ns": "app" },
      { ".name": "get_user" },
      { "meta.type": "test" },
      { "^.name": "get_" },
      { "$meta.path": ":id" },
      { "~.id": "^app\\.api:.*user" },
      { "*meta.tags": "y" },
      { "meta.tags": "x" },
      { "meta.nested.level": 2 },
      { "~.id": "(" },
      { ".kind": "nothing.here" },
      { bogus: "ignored" },
    ];
    for (const filter of filters) expect(view.find(filter), JSON.stringify(filter)).toEqual(await store.find(filter));
  });

  it("latency: commit → view applied, over 200 commits", { timeout: 60_000 }, async () => {
    const view = new RegistryView();
    await follow(view);
    const total: number[] = [];
    const commitOnly: number[] = [];
    const afterReturn: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      let applied = 0;
      const stop = view.subscribe(() => (applied = performance.now()));
      const v = await commit([{ op: "update", entry: entry("app:a", { n: i }) }]);
      const committed = performance.now();
      await reached(view, v);
      stop();
      total.push(applied - t0);
      commitOnly.push(committed - t0);
      afterReturn.push(applied - committed);
    }
    for (const list of [total, commitOnly, afterReturn]) list.sort((a, b) => a - b);
    const report = {
      target: target.name,
      samples: total.length,
      applyCallToViewMs: { p50: quantile(total, 0.5), p99: quantile(total, 0.99), max: total.at(-1) },
      applyCallMs: { p50: quantile(commitOnly, 0.5), p99: quantile(commitOnly, 0.99) },
      applyReturnToViewMs: { p50: quantile(afterReturn, 0.5), p99: quantile(afterReturn, 0.99) },
    };
    console.info(`registry view latency ${JSON.stringify(report)}`);
    expect(report.applyCallToViewMs.p50).toBeLessThan(100);
  });
});
