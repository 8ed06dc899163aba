/** `wippy workflow start`: a run written to the store from the command line, and its errors. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testTargets, type TestDatabase } from "@wippy/db/testing";
import { cliEnv, runWippy, writeApp } from "./testing/cli";

const [external] = testTargets().filter((t) => t.name === "external");

const APP = {
  "_index.yaml": `version: "1.0"
namespace: app
entries:
  - name: wf
    kind: workflow.host
  - name: flow
    kind: workflow.lua
    source: file://flow.lua
    method: main
  - name: fn
    kind: function.lua
    source: file://flow.lua
    method: main
`,
  "flow.lua": `local function main(n: number): number return n * 2 end
return { main = main }
`,
};

describe("wippy workflow start", () => {
  let tdb: TestDatabase;
  let env: NodeJS.ProcessEnv;
  const wippy = (...args: string[]) => runWippy(args, env);

  beforeAll(async () => {
    tdb = await createTestDatabase(external ?? testTargets()[0]!);
    env = cliEnv({ DATABASE_URL: tdb.url });
    expect((await wippy("apply", writeApp(APP))).code).toBe(0);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("starts a run with JSON arguments on the only workflow host, once per business id", async () => {
    const first = await wippy("workflow", "start", "app:flow", "21", "--id", "order-1", "--json");
    expect(first.code, first.stderr).toBe(0);
    expect(first.json).toMatchObject({ ok: true, id: "order-1", pid: "{app:wf|order-1}", created: true });
    const [run] = await tdb.sql<{ workflow: string; host: string; input: unknown }[]>`select workflow, host, input from workflow_runs where id = 'order-1'`;
    expect(run).toEqual({ workflow: "app:flow", host: "app:wf", input: [21] });

    const again = await wippy("workflow", "start", "app:flow", "5", "--id", "order-1");
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already exists/);
    const refused = await wippy("workflow", "start", "app:flow", "5", "--id", "order-1", "--policy", "fail");
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/cannot start app:flow/);
  });

  it("says what is wrong with bad input, and writes nothing", async () => {
    const before = await tdb.sql`select id from workflow_runs`;
    const badJson = await wippy("workflow", "start", "app:flow", "{nope");
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toMatch(/argument 1 must be JSON/);
    const missing = await wippy("workflow", "start", "app:nope");
    expect(missing.code).toBe(5);
    const notWorkflow = await wippy("workflow", "start", "app:fn", "1");
    expect(notWorkflow.code).toBe(3);
    expect(notWorkflow.stderr).toMatch(/app:fn/);
    const badHost = await wippy("workflow", "start", "app:flow", "--host", "app:fn");
    expect(badHost.code).toBe(5);
    expect(badHost.stderr).toMatch(/not a workflow.host/);
    const badPolicy = await wippy("workflow", "start", "app:flow", "--policy", "maybe");
    expect(badPolicy.code).toBe(2);
    expect(await tdb.sql`select id from workflow_runs`).toHaveLength(before.length);
  });
});
