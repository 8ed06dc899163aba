/**
 * Every `wippy` command that changes the database leaves one audit row naming the command line
 * (actor kind `cli`, the OS account and machine), with the control plane's action names; reads,
 * no-ops and refusals leave none. The real binary against a real PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit, type AuditRow } from "@wippy/db";
import { createTestDatabase, testTargets, type TestDatabase } from "@wippy/db/testing";
import { osAccount } from "./cli-actor";
import { cliEnv, runWippy, writeApp } from "./testing/cli";

const [external] = testTargets().filter((t) => t.name === "external");

const app = (factor: number) => ({
  "_index.yaml": `version: "1.0"
namespace: app
entries:
  - name: wf
    kind: workflow.host
  - name: flow
    kind: workflow.lua
    source: file://flow.lua
    method: main
  - name: check
    kind: function.lua
    meta: { type: test }
    source: "return function() return true end"
`,
  "flow.lua": `local function main(n: number): number return n * ${factor} end
return { main = main }
`,
});

describe("wippy commands in the audit log", () => {
  let tdb: TestDatabase;
  let env: NodeJS.ProcessEnv;
  const me = { kind: "cli", id: osAccount(), name: osAccount() };

  async function wippy(...args: string[]) {
    const r = await runWippy(args, env);
    expect(r.code, `wippy ${args.join(" ")}\n${r.stderr}`).toBe(0);
    return r;
  }
  /** The rows written since the last call, oldest first. */
  let seen = 0;
  async function newRows(): Promise<AuditRow[]> {
    const rows = (await listAudit(tdb.sql, { limit: 500 })).filter((r) => r.id > seen).reverse();
    seen = Math.max(seen, ...rows.map((r) => r.id));
    return rows;
  }

  beforeAll(async () => {
    tdb = await createTestDatabase(external ?? testTargets()[0]!);
    env = cliEnv({ DATABASE_URL: tdb.url });
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("apply, test <dir> and registry rollback: one registry row per version, in its transaction", async () => {
    const first = writeApp(app(2));
    await wippy("apply", first, "-m", "first deploy");
    expect(await newRows()).toMatchObject([
      {
        actor: me,
        action: "registry.apply",
        target: "version 1",
        summary: "first deploy (version 1, 3 entries)",
        metadata: { version: 1, entries: ["app:check", "app:flow", "app:wf"], dir: first, author: "tester" },
      },
    ]);
    await wippy("apply", first);
    await wippy("apply", writeApp(app(3)), "--dry-run");
    expect(await newRows()).toEqual([]);

    const second = writeApp(app(3));
    await wippy("test", second);
    const [tested] = await newRows();
    expect(tested).toMatchObject({ actor: me, action: "registry.apply", target: "app:flow", summary: `test ${second} (version 2, 1 entry)` });
    expect(JSON.stringify(tested?.after)).toMatch(/<2 lines, sha256 [0-9a-f]{12}>/);

    await wippy("registry", "rollback", "1");
    expect(await newRows()).toMatchObject([
      { actor: me, action: "registry.rollback", target: "version 1", summary: "rollback to version 1 (version 3, 1 entry)", metadata: { version: 3, to: 1, entries: ["app:flow"] } },
    ]);
    expect((await runWippy(["registry", "rollback", "99"], env)).code).toBe(5);
    expect(await newRows()).toEqual([]);
  }, 60_000);

  it("workflow start, signal, cancel, terminate and upgrade: the control plane's rows, naming the command line", async () => {
    await wippy("workflow", "start", "app:flow", "21", "--id", "order-1");
    await wippy("workflow", "signal", "order-1", "approve", '{"n":1}');
    await wippy("workflow", "cancel", "order-1", "changed my mind");
    await wippy("workflow", "start", "app:flow", "5", "--id", "order-2");
    await wippy("workflow", "upgrade", "order-2");
    await wippy("workflow", "terminate", "order-2", "stuck");
    expect((await newRows()).map((r) => [r.actor, r.action, r.target, r.summary])).toEqual([
      [me, "workflows.start", "order-1", "started app:flow as order-1"],
      [me, "workflows.signal", "order-1", "sent approve to order-1"],
      [me, "workflows.cancel", "order-1", "requested cancellation of order-1: changed my mind"],
      [me, "workflows.start", "order-2", "started app:flow as order-2"],
      [me, "workflows.upgrade", "order-2", "order-2 already runs the current code"],
      [me, "workflows.terminate", "order-2", "terminated order-2: stuck"],
    ]);

    // A refused action changes nothing and says nothing.
    expect((await runWippy(["workflow", "terminate", "order-2"], env)).code).toBe(4);
    expect(await newRows()).toEqual([]);
  }, 60_000);
});
