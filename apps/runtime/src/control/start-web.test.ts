/**
 * `wippy start` with its control plane, as a person runs it: the banner names the control
 * plane's URL, the node shows up in the control plane's node list, a function called from the
 * control plane runs on the node, and Ctrl-C (SIGTERM here) stops both cleanly.
 * (`--no-web-ui`: the pages need a Next build, which is not what this test is about.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testTargets, type TestDatabase } from "@wippy/db/testing";
import { connectUi, createUsers, eventually } from "../../../web/server/testing/client";
import { freePort } from "../../../web/server/testing/server-process";
import { cliEnv, GOOD_APP, WippyChild, writeApp } from "../testing/cli";

const [target] = testTargets().filter((t) => t.name === "external");

describe("wippy start with the web control plane", () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(target ?? testTargets()[0]!);
  });
  afterAll(() => tdb?.drop());

  it("serves the control plane, the node reports to it and runs its commands, and both stop on SIGTERM", async () => {
    const port = await freePort();
    const url = `http://localhost:${port}`;
    const start = new WippyChild(["start", writeApp(GOOD_APP), "--web-port", String(port), "--no-web-ui"], cliEnv({ DATABASE_URL: tdb.url }));
    try {
      await start.waitFor(() => start.lines.find((l) => l.startsWith("Wippy is running")), "the banner", 90_000);
      expect(start.lines).toContain(`Control plane: ${url}`);

      const { operator } = await createUsers(url, ["operator"]);
      const ui = await connectUi(url, operator);
      try {
        const node = await eventually(async () => {
          const r = await ui.list();
          return r.ok ? r.nodes[0] : undefined;
        }, "the node in the control plane's list");
        expect(node.id).toMatch(/^.+:\d+$/);
        expect(node.registryVersion).toBe(1);
        const reply = await ui.command({ nodeId: node.id, command: { type: "function.call", id: "demo:hello", args: ["web"] } });
        expect(reply).toEqual({ ok: true, reply: { ok: true, value: "hi web" } });
      } finally {
        ui.close();
      }
    } finally {
      start.signal("SIGTERM");
    }
    expect(await start.exited).toBe(0);
    expect(start.stderr).toMatch(/stopping the control plane/);
    expect(await tdb.sql`select id from control_servers`).toHaveLength(0);
  });

  it("--no-web starts no control plane and says nothing about one", async () => {
    const start = new WippyChild(["start", writeApp(GOOD_APP), "--no-web"], cliEnv({ DATABASE_URL: tdb.url }));
    try {
      await start.waitFor(() => start.lines.find((l) => l.startsWith("Wippy is running")), "the banner", 90_000);
      expect(start.lines.join("\n")).not.toMatch(/Control plane/);
      expect(await tdb.sql`select id from control_servers`).toHaveLength(0);
    } finally {
      start.signal("SIGTERM");
    }
    expect(await start.exited).toBe(0);
  });
});
