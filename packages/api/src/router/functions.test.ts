/** Running functions on nodes (through the node directory) and listing nodes. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTargets } from "@wippy/db/testing";
import { DEFAULT_COMMAND_TIMEOUT_MS } from "../nodes";
import { createWorld, errorOf, luaFunction, type World } from "../test/world";

describe.each(testTargets())("functions and nodes on $name PostgreSQL", (target) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(target);
    await w.as("editor").registry.create({ entry: luaFunction("app:hello") });
    await w.as("editor").registry.create({ entry: { id: "app:proc", kind: "process.lua", meta: {}, data: { source: "return function() end" } } });
  });
  afterAll(() => w?.drop());

  it("lists the nodes the directory knows", async () => {
    expect((await w.as("viewer").nodes.list()).nodes.map((n) => n.id)).toEqual(["n1"]);
  });

  it("runs a function.lua on the chosen node and returns its result", async () => {
    w.nodes.reply = { ok: true, value: "hello ada" };
    const out = await w.as("operator").functions.run({ id: "app:hello", args: ["ada"], nodeId: "n1" });
    expect(out.reply).toEqual({ ok: true, value: "hello ada" });
    expect(w.nodes.commands.at(-1)).toEqual({ nodeId: "n1", command: { type: "function.call", id: "app:hello", args: ["ada"] }, timeoutMs: DEFAULT_COMMAND_TIMEOUT_MS });
  });

  it("returns a Lua error with its traceback as the reply, not as a failed request", async () => {
    w.nodes.reply = { ok: false, kind: "Error", message: "attempt to index a nil value", traceback: "stack traceback:\n\tapp:hello:2: in function 'handler'" };
    const out = await w.as("operator").functions.run({ id: "app:hello", args: [] });
    expect(out.reply).toMatchObject({ ok: false, kind: "Error", traceback: expect.stringContaining("stack traceback") as string });
  });

  it("refuses ids that are not function.lua entries, without calling a node", async () => {
    const sent = w.nodes.commands.length;
    const notFn = await errorOf(() => w.as("operator").functions.run({ id: "app:proc", args: [] }));
    expect(notFn).toMatchObject({ code: "BAD_REQUEST", message: "app:proc is a process.lua, not a function.lua: only functions can be run from here" });
    expect((await errorOf(() => w.as("operator").functions.run({ id: "app:missing", args: [] }))).code).toBe("NOT_FOUND");
    expect(w.nodes.commands.length).toBe(sent);
  });
});
