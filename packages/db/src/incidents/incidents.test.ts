import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FeedItem } from "@wippy/shared";
import { RegistryStore } from "../registry";
import { createTestDatabase, testTargets, type TestDatabase } from "../testing";
import { getIncident, listFeed, recordIncident, resolveIncidents, resolveQuietLoops, type IncidentObservation } from ".";

const WINDOW = 60_000;
const T0 = new Date("2030-01-01T00:00:00Z").getTime();
const at = (ms: number) => new Date(T0 + ms);

function loop(service: string, episode: string, ms: number, restarts: number): IncidentObservation {
  return { kind: "crash_loop", nodeId: "n1", service, episode, at: at(ms), restarts, message: `${service} restarted ${restarts} times` };
}
function failed(service: string, exitAt: number, ms: number): IncidentObservation {
  return { kind: "service_failed", nodeId: "n1", service, episode: `exit:${exitAt}`, at: at(ms), restarts: 4, message: `${service} gave up` };
}

describe.each(testTargets())("incidents on $name PostgreSQL", (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(target);
  });
  afterAll(() => t?.drop());

  it("opens a crash loop once and continues it with later counts, from any server's numbering", async () => {
    const first = await recordIncident(t.sql, loop("app:a", "loop:1", 0, 3), WINDOW);
    expect(first).toMatchObject({ change: "opened", incident: { kind: "crash_loop", service: "app:a", nodeId: "n1", restarts: 3, resolvedAt: null, at: T0, lastAt: T0 } });
    expect(await recordIncident(t.sql, loop("app:a", "loop:1", 5_000, 5), WINDOW)).toMatchObject({ change: "updated", incident: { id: first.incident.id, restarts: 5, lastAt: T0 + 5_000 } });
    // Another server took the node over and numbers its episode differently: still the same loop.
    expect(await recordIncident(t.sql, loop("app:a", "loop:other", 30_000, 7), WINDOW)).toMatchObject({ change: "updated", incident: { id: first.incident.id, restarts: 7 } });
  });

  it("a loop quiet for longer than the window is over: the next one is a new incident", async () => {
    const first = await recordIncident(t.sql, loop("app:b", "loop:1", 0, 3), WINDOW);
    const second = await recordIncident(t.sql, loop("app:b", "loop:2", WINDOW + 1_000, 3), WINDOW);
    expect(second.change).toBe("opened");
    expect(second.incident.id).not.toBe(first.incident.id);
    expect(await getIncident(t.sql, first.incident.id)).toMatchObject({ resolvedAt: T0 });
  });

  it("records a failure once per exit, whoever reports it and however often", async () => {
    const results = await Promise.all([1, 2, 3].map(() => recordIncident(t.sql, failed("app:c", 111, 0), WINDOW)));
    expect(results.map((r) => r.change).sort()).toEqual(["opened", "unchanged", "unchanged"]);
    expect(new Set(results.map((r) => r.incident.id)).size).toBe(1);
    // Seen running again: resolved; the same exit reported later does not reopen it.
    const [resolved] = await resolveIncidents(t.sql, { nodeId: "n1", services: ["app:c", "app:other"], kinds: ["service_failed"], at: at(10_000) });
    expect(resolved).toMatchObject({ id: results[0]?.incident.id, resolvedAt: T0 + 10_000 });
    expect((await recordIncident(t.sql, failed("app:c", 111, 20_000), WINDOW)).change).toBe("unchanged");
    // A new failure is a new incident.
    expect((await recordIncident(t.sql, failed("app:c", 222, 30_000), WINDOW)).change).toBe("opened");
  });

  it("a new failure while the old one is open resolves the old one", async () => {
    const old = await recordIncident(t.sql, failed("app:d", 1, 0), WINDOW);
    await recordIncident(t.sql, failed("app:d", 2, 5_000), WINDOW);
    expect(await getIncident(t.sql, old.incident.id)).toMatchObject({ resolvedAt: T0 + 5_000 });
  });

  it("ends the crash loops that went quiet, as of their last restart", async () => {
    const open = await recordIncident(t.sql, loop("app:e", "loop:1", 100_000, 4), WINDOW);
    expect((await resolveQuietLoops(t.sql, at(100_000))).map((i) => i.id)).not.toContain(open.incident.id);
    const ended = await resolveQuietLoops(t.sql, at(100_001));
    expect(ended.find((i) => i.id === open.incident.id)).toMatchObject({ resolvedAt: T0 + 100_000 });
  });
});

describe.each(testTargets())("the activity feed on $name PostgreSQL", (target) => {
  let t: TestDatabase;
  let store: RegistryStore;
  beforeAll(async () => {
    t = await createTestDatabase(target);
    store = new RegistryStore(t.sql);
  });
  afterAll(() => t?.drop());

  const entry = (id: string) => ({ id, kind: "registry.entry", meta: {}, data: {} });

  it("merges versions and incidents newest first and pages through all of them exactly once", async () => {
    const ops = Array.from({ length: 12 }, (_, i) => ({ op: "create" as const, entry: entry(`app:e${String(i).padStart(2, "0")}`) }));
    const big = await store.apply(ops, { author: "ada@example.com", source: "ui", message: "twelve" });
    if (!big.ok) throw new Error(big.error.message);
    for (let i = 0; i < 4; i += 1) {
      const one = await store.apply([{ op: "create", entry: entry(`app:x${i}`) }], { author: "bob@example.com", source: "api", message: `x${i}` });
      if (!one.ok) throw new Error(one.error.message);
      await recordIncident(t.sql, { ...loop(`app:s${i}`, "loop", 0, 3), at: new Date() }, WINDOW);
    }
    const first = await listFeed(t.sql, { limit: 3 });
    expect(first.items.map((i) => i.key)).toEqual(["incident:4", "version:5", "incident:3"]);
    const seen: FeedItem[] = [...first.items];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await listFeed(t.sql, { limit: 3, cursor });
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    // The seed version (0001) is not a version row; versions 1..5 and incidents 1..4.
    expect(seen.map((i) => i.key).sort()).toEqual([...[1, 2, 3, 4, 5].map((v) => `version:${v}`), ...[1, 2, 3, 4].map((v) => `incident:${v}`)].sort());
    const twelve = seen.find((i) => i.key === "version:1");
    expect(twelve).toMatchObject({ type: "version", author: "ada@example.com", source: "ui", message: "twelve", entryCount: 12 });
    expect(twelve?.type === "version" ? twelve.entries.map((e) => e.id) : []).toEqual(["app:e00", "app:e01", "app:e02", "app:e03", "app:e04", "app:e05", "app:e06", "app:e07"]);
  });

  it("filters by kind", async () => {
    expect((await listFeed(t.sql, { kind: "versions" })).items.every((i) => i.type === "version")).toBe(true);
    const incidents = await listFeed(t.sql, { kind: "incidents", limit: 2 });
    expect(incidents.items.map((i) => i.key)).toEqual(["incident:4", "incident:3"]);
    expect(incidents.nextCursor).toEqual({ versions: null, incidents: 3 });
    expect((await listFeed(t.sql, { kind: "incidents", limit: 2, cursor: incidents.nextCursor ?? undefined })).nextCursor).toBeNull();
  });
});
