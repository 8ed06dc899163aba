/**
 * Workflows and security (issue 9): a run acts with its spawner's actor and scope (or the
 * builder's `:with_actor` / `:with_scope`, which need `process.security` and only narrow);
 * its activities are checked (`funcs.call`) and run with it, its sends are checked; a run
 * without one is unrestricted (permissive mode). Signals and control of workflow pids are
 * checked like those of processes.
 */
import type { JsonValue } from "@wippy/shared";
import { describe, expect, it } from "vitest";
import { ok, type Result } from "../../../kernel";
import type { SecurityContext } from "../../../security";
import { actor, policyEntry, type PolicyFields } from "../../../security/test-support";
import { fn, host, proc, wf, workflowTest } from "../../../workflow/test-support";
import { luaTest, processEntry } from "../../test-support";
import { securedContext } from "../security/security-world.testing";
import { processModuleWithWorkflows, type WorkflowGateway } from "./outside";

const WF_HOST = "app:workflows";
const WF_PID = "{app:workflows|run-1}";

/** Calls an allowed and a forbidden activity and sends to `to`; reports what it saw. */
const FLOW = wf(
  `local funcs = require("funcs")
local security = require("security")
return { main = function(to)
  local who, refused = funcs.call("app:whoami")
  local secret, denied = funcs.call("app:secret")
  local sent, unsent = process.send(to, "hello", 1)
  local me = security.actor()
  return {
    who = who or refused:kind(),
    me = me and me:id() or "none",
    secret = secret or denied:kind() .. ": " .. denied:message(),
    retryable = denied and denied:retryable() or false,
    sent = sent or unsent:kind() .. ": " .. unsent:message(),
  }
end }`,
  ["funcs", "security"],
);

const ENTRIES = {
  [WF_HOST]: host(),
  "app:flow": FLOW,
  "app:whoami": fn(`local security = require("security")
return { main = function() local a = security.actor() return a and a:id() or "none" end }`, ["security"]),
  "app:secret": fn(`return { main = function() return "the secret" end }`, []),
  /** Runs `app:flow` to its end with the builder its argument names, and returns its result or error. */
  "app:caller": proc(
    `local security = require("security")
local builders = {
  wide = function() return process.with_context({}):with_scope(security.new_scope({ security.policy("app.sec:run"), security.policy("app.sec:secret") })) end,
  narrow = function() return process.with_context({}):with_scope(security.new_scope({ security.policy("app.sec:run"), security.policy("app.sec:whoami") })) end,
  other = function() return process.with_context({}):with_actor(security.new_actor("user:2")) end,
  same = function() return process.with_context({}):with_actor(security.actor()) end,
}
return { main = function(how)
  local result, err
  if how == "plain" then result, err = process.exec("app:flow", "${WF_HOST}", process.pid())
  else result, err = builders[how]():exec("app:flow", "${WF_HOST}", process.pid()) end
  if err then return { error = err:kind() .. ": " .. err:message() } end
  return result
end }`,
    ["security"],
  ),
};

const POLICIES: Record<string, PolicyFields> = {
  "app.sec:run": { actions: ["process.exec", "process.host"], resources: "*" },
  "app.sec:whoami": { actions: "funcs.call", resources: "app:whoami" },
  "app.sec:handoff": { actions: ["process.security", "security.*"], resources: "*" },
  "app.sec:secret": { actions: "funcs.call", resources: "app:secret" },
};

const USER = securedContext(actor("user:1"), ["app.sec:run", "app.sec:whoami", "app.sec:handoff"]);

/** `security`: the caller's context (null: none). */
async function runFlow(how: string, security: SecurityContext | null = USER) {
  const t = workflowTest(ENTRIES, { service: true });
  for (const [id, fields] of Object.entries(POLICIES)) t.registry.set(id, policyEntry(id, fields));
  const caller = t.process("app:caller", [how], security ?? undefined);
  await t.advance(5_000);
  const exit = t.exits.get(caller);
  const runs = await t.store.listRuns({ workflow: "app:flow" });
  const history = runs[0] === undefined ? [] : await t.history(runs[0].id);
  return { exit, caller, history };
}

const denial = (action: string, resource: string, who = "user:1") => `PermissionDenied: permission denied: ${action} on "${resource}" (actor ${who}: no policy in scope allows it)`;

describe("a run acts with its spawner's context", () => {
  it("the allowed activity runs with the spawner's actor; a forbidden one and a forbidden send are PermissionDenied", async () => {
    const { exit, caller, history } = await runFlow("plain");
    expect(exit).toEqual({
      kind: "normal",
      value: { who: "user:1", me: "user:1", secret: denial("funcs.call", "app:secret"), retryable: false, sent: denial("process.send", caller) },
    });
    expect(history[0]).toMatchObject({ type: "started", security: { actor: { id: "user:1", meta: {} }, scope: { policies: ["app.sec:handoff", "app.sec:run", "app.sec:whoami"], groups: [] } } });
    // Refused at once, never retried; the refused send is recorded as such, and nothing reached the caller.
    expect(history.filter((e) => e.type === "activity.failed")).toMatchObject([{ command: 2, attempt: 1, final: true, error: { kind: "PermissionDenied" } }]);
    expect(history.find((e) => e.type === "message.sent")).toMatchObject({ to: caller, refused: { kind: "PermissionDenied" } });
  });

  it("a run spawned without a context has none and may do anything (permissive mode)", async () => {
    const { exit, history } = await runFlow("plain", null);
    expect(exit).toEqual({ kind: "normal", value: { who: "none", me: "none", secret: "the secret", retryable: false, sent: true } });
    expect(history[0]).not.toHaveProperty("security");
  });

  it(":with_scope wider than the spawner's is refused, and nothing is started", async () => {
    const { exit, history } = await runFlow("wide");
    expect(exit).toEqual({
      kind: "normal",
      value: { error: 'PermissionDenied: permission denied: process.security on "security" (a scope can only be narrowed: policy app.sec:secret is not in the caller\'s scope)' },
    });
    expect(history).toEqual([]);
  });

  it(":with_scope narrower than the spawner's and :with_actor are what the run acts with", async () => {
    const narrow = await runFlow("narrow");
    expect(narrow.exit).toMatchObject({ kind: "normal", value: { who: "user:1", me: "user:1", secret: denial("funcs.call", "app:secret") } });
    expect(narrow.history[0]).toMatchObject({ security: { scope: { policies: ["app.sec:run", "app.sec:whoami"] } } });
    const other = await runFlow("other");
    expect(other.exit).toMatchObject({ kind: "normal", value: { who: "user:2", me: "user:2", secret: denial("funcs.call", "app:secret", "user:2") } });
  });

  it(":with_actor on a workflow spawn needs process.security", async () => {
    const { exit } = await runFlow("same", securedContext(actor("user:1"), ["app.sec:run", "app.sec:whoami"]));
    expect(exit).toEqual({ kind: "normal", value: { error: 'PermissionDenied: permission denied: process.security on "security" (actor user:1: no policy in scope allows it)' } });
  });
});

function fakeGateway(calls: string[]): WorkflowGateway {
  const done = <T>(name: string, value: T): Promise<Result<T>> => {
    calls.push(name);
    return Promise.resolve(ok(value));
  };
  return {
    isWorkflowHost: (h) => h === WF_HOST,
    isWorkflowPid: (pid) => pid.startsWith("{app:workflows|"),
    runPid: (h, runId) => `{${h}|${runId}}`,
    spawn: () => done("spawn", WF_PID),
    send: () => done("send", true as const),
    cancel: () => done("cancel", true as const),
    terminate: () => done("terminate", true as const),
    awaitExit: () => new Promise(() => undefined),
  };
}

async function run(main: string, context?: ReturnType<typeof securedContext>) {
  const calls: string[] = [];
  const t = luaTest({ "app:main": processEntry(`return { main = function()\n${main}\nend }`) }, { modules: [processModuleWithWorkflows(fakeGateway(calls))] });
  t.registry.set("app.sec:all", policyEntry("app.sec:all", { actions: "*", resources: "*" }));
  t.registry.set("app.sec:spawn", policyEntry("app.sec:spawn", { actions: ["process.spawn", "process.host"], resources: "*" }));
  t.registry.set("app.sec:end-run-1", policyEntry("app.sec:end-run-1", { actions: "process.terminate", resources: WF_PID }));
  const pid = t.spawn("app:main", [], context === undefined ? {} : { security: context });
  for (let i = 0; i < 20 && t.exit(pid) === undefined; i++) {
    t.settle(10);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return { exit: t.exit(pid) as { kind: string; value?: JsonValue } | undefined, calls };
}

describe("signals and control of workflow pids", () => {
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

describe("replacing a run by its id", () => {
  const spawn = (policy: string) =>
    `local pid, err = process.with_options({ ["workflow.id"] = "run-1", ["workflow.id_conflict_policy"] = "${policy}" }):spawn("app:flow", "${WF_HOST}")
return pid or err:message()`;

  it("terminate_existing is also a process.terminate of the run's pid", async () => {
    const denied = await run(spawn("terminate_existing"), securedContext(actor("u"), ["app.sec:spawn"]));
    expect(denied.exit).toEqual({ kind: "normal", value: `permission denied: process.terminate on "${WF_PID}" (actor u: no policy in scope allows it)` });
    expect(denied.calls).toEqual([]);
    const allowed = await run(spawn("terminate_existing"), securedContext(actor("u"), ["app.sec:spawn", "app.sec:end-run-1"]));
    expect(allowed.exit).toEqual({ kind: "normal", value: WF_PID });
    expect(allowed.calls).toEqual(["spawn"]);
  });

  it("use_existing and fail end nothing, so spawning is enough", async () => {
    for (const policy of ["use_existing", "fail"]) {
      const spawned = await run(spawn(policy), securedContext(actor("u"), ["app.sec:spawn"]));
      expect(spawned.exit).toEqual({ kind: "normal", value: WF_PID });
      expect(spawned.calls).toEqual(["spawn"]);
    }
  });
});
