/**
 * Workflows and security (issue 9): a run carries no security context, so a process that has
 * one may not start a run, and an actor or scope cannot be given to one; signals and control
 * of workflow pids are checked like those of processes.
 */
import { describe, expect, it } from "vitest";
import { ok, type Result } from "../../../kernel";
import { actor, policyEntry } from "../../../security/test-support";
import { luaTest, processEntry } from "../../test-support";
import { securedContext } from "../security/security-world.testing";
import { processModuleWithWorkflows, type WorkflowGateway } from "./outside";

const WF_HOST = "app:workflows";
const WF_PID = "{app:workflows|run-1}";

function fakeGateway(calls: string[]): WorkflowGateway {
  const done = <T>(name: string, value: T): Promise<Result<T>> => {
    calls.push(name);
    return Promise.resolve(ok(value));
  };
  return {
    isWorkflowHost: (host) => host === WF_HOST,
    isWorkflowPid: (pid) => pid.startsWith("{app:workflows|"),
    spawn: () => done("spawn", WF_PID),
    send: () => done("send", true as const),
    cancel: () => done("cancel", true as const),
    terminate: () => done("terminate", true as const),
    awaitExit: () => new Promise(() => undefined),
  };
}

async function run(main: string, context?: ReturnType<typeof securedContext>) {
  const calls: string[] = [];
  const t = luaTest(
    { "app:main": processEntry(`local security = require("security")\nreturn { main = function()\n${main}\nend }`, { modules: ["security"] }) },
    { modules: [processModuleWithWorkflows(fakeGateway(calls))] },
  );
  t.registry.set("app.sec:all", policyEntry("app.sec:all", { actions: "*", resources: "*" }));
  const pid = t.spawn("app:main", [], context === undefined ? {} : { security: context });
  for (let i = 0; i < 20 && t.exit(pid) === undefined; i++) {
    t.settle(10);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return { exit: t.exit(pid), calls };
}

describe("workflows from secured processes", () => {
  it("a process without a context starts a run as before", async () => {
    const { exit, calls } = await run(`return process.spawn("app:flow", "${WF_HOST}")`);
    expect(exit).toEqual({ kind: "normal", value: WF_PID });
    expect(calls).toEqual(["spawn"]);
  });

  it("a process with a context may not start one, even with every permission", async () => {
    const { exit, calls } = await run(`local pid, err = process.spawn("app:flow", "${WF_HOST}"); return { pid == nil, err:kind(), err:message() }`, securedContext(actor("u"), ["app.sec:all"]));
    expect(exit).toEqual({ kind: "normal", value: [true, "PermissionDenied", expect.stringContaining("a process with an actor or scope cannot start a workflow")] });
    expect(calls).toEqual([]);
  });

  it("an actor or scope given to a workflow spawn is Invalid", async () => {
    const { exit, calls } = await run(`local pid, err = process.with_context({}):with_actor(security.new_actor("x")):spawn("app:flow", "${WF_HOST}"); return { pid == nil, err:kind() }`);
    expect(exit).toEqual({ kind: "normal", value: [true, "Invalid"] });
    expect(calls).toEqual([]);
  });

  it.each([
    ["send", `process.send("${WF_PID}", "approve", 1)`, "process.send"],
    ["cancel", `process.cancel("${WF_PID}")`, "process.cancel"],
    ["terminate", `process.terminate("${WF_PID}")`, "process.terminate"],
  ])("%s of a workflow pid is checked", async (name, call, action) => {
    const denied = await run(`local ok, err = ${call}; return { ok == nil, err:message() }`, securedContext(actor("u"), []));
    expect(denied.exit).toEqual({ kind: "normal", value: [true, `permission denied: ${action} on "${WF_PID}" (actor u: no policy in scope allows it)`] });
    expect(denied.calls).toEqual([]);
    const allowed = await run(`return ${call}`, securedContext(actor("u"), ["app.sec:all"]));
    expect(allowed.exit).toEqual({ kind: "normal", value: true });
    expect(allowed.calls).toEqual([name]);
  });
});
