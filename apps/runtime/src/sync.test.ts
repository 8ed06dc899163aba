import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit, RegistryStore } from "@wippy/db";
import type { Snapshot } from "@wippy/db";
import { createTestDatabase, testTargets } from "@wippy/db/testing";
import type { TestDatabase } from "@wippy/db/testing";
import { applyFolder, planFolder } from "./sync";
import { GOOD_APP, writeApp } from "./testing/cli";

describe("planFolder", () => {
  const e = (id: string, v = 1) => ({ id, kind: "registry.entry", meta: {}, data: { v } });
  it("owns only the namespaces the folder declares", () => {
    const current = new Map([e("demo:gone"), e("demo:same"), e("other:x")].map((x) => [x.id, x]));
    const ops = planFolder(current, [e("demo:same"), e("demo:new")], ["demo"], true);
    expect(ops.map((o) => `${o.op} ${o.op === "delete" ? o.id : o.entry.id}`).sort()).toEqual(["create demo:new", "delete demo:gone"]);
    expect(planFolder(current, [e("demo:same")], ["demo"], false)).toEqual([]);
  });
});

describe.each(testTargets())("applyFolder on $name PostgreSQL", (target) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(target);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("re-plans when another writer commits between its snapshot and its commit, losing nothing", async () => {
    const other = new RegistryStore(tdb.sql);
    let raced = false;
    class RacingStore extends RegistryStore {
      override async snapshot(): Promise<Snapshot> {
        const snap = await super.snapshot();
        if (!raced) {
          raced = true;
          const r = await other.apply([{ op: "create", entry: { id: "agent:note", kind: "registry.entry", meta: {}, data: { by: "agent" } } }], { author: "agent", source: "agent" });
          expect(r.ok).toBe(true);
        }
        return snap;
      }
    }
    const actor = { kind: "cli" as const, id: "ann@box", name: "ann@box" };
    const summary = await applyFolder(new RacingStore(tdb.sql), writeApp(GOOD_APP), { author: "t", actor });
    expect(raced).toBe(true);
    expect(summary.version).toBe(2);
    expect(await other.get("agent:note")).toMatchObject({ data: { by: "agent" } });
    expect((await other.listVersions()).map((v) => v.source)).toEqual(["file", "agent"]);
    // The attempt that lost the race rolled back with its audit row: one row, for version 2.
    const rows = await listAudit(tdb.sql, { action: "registry.apply" });
    expect(rows).toMatchObject([{ actor, metadata: { version: 2, author: "t" } }]);
  });
});
