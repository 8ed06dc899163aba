/**
 * Workflows seen from ordinary processes (LUA_API.md §8): the node's `process` module with
 * workflow hosts and workflow pids routed to a `WorkflowGateway` (the engine's service),
 * everything else handled by the plain module. Give it to the node's `LuaRuntime` — it
 * replaces `process` by name:
 *
 *   new LuaRuntime({ …, modules: [...others, processModuleWithWorkflows(service)] });
 *
 * - `process.spawn*(id, host, ...)` / `process.exec` on a workflow host start a durable run;
 *   builders (`process.with_options{["workflow.id"] = "order-42",
 *   ["workflow.id_conflict_policy"] = "fail"}:spawn(...)`) pass the id and the policy;
 *   `:with_message` messages become the run's first signals; `:with_name` is refused (names
 *   are per node, a workflow pid is not).
 * - `process.send(pid, ...)`, `process.cancel(pid, reason)`, `process.terminate(pid)` on a
 *   workflow pid → a recorded signal, a cooperative CANCEL, an immediate termination.
 * - `process.monitor(pid)` / `spawn_monitored` → an EXIT event `{from = pid, result}` on
 *   `process.events()` when the run ends, on whichever node it ran (at once for a run that
 *   already ended; with a `NotFound` error for an unknown pid). `unmonitor` stops it.
 * - Links (`link`, `spawn_linked*`): the workflow's error exit reaches the linked process as
 *   LINK_DOWN when it traps links, and otherwise terminates it. The other direction (a
 *   linked process dying) does not end the workflow: a durable run outlives its spawner.
 * These calls block the calling coroutine until the store answered.
 *
 * Security (issue 9): the same checks as for processes (`process.spawn`/`exec`, `.monitored`,
 * `.linked`, `process.host`; `process.send|cancel|terminate|monitor|unmonitor|link|unlink` on
 * the workflow pid). A run carries a security context as a spawned process does — the
 * spawner's, or the builder's `:with_actor` / `:with_scope` (`handOff`: `process.security`,
 * a scope only narrows) — kept in its history, so every node that claims it acts with it
 * (`workflow/run-security.ts`).
 */
import { EVENT, fail, wippyError, type ExitResult, type Result, type WippyError } from "../../../kernel";
import { absoluteId } from "../../vm/chunks";
import { lua, type LuaState } from "../../vm/fengari";
import type { LuaFunction } from "../../vm/lua-function";
import type { LuaProcess } from "../../vm/lua-process";
import { checkString, optString, pushString } from "../../vm/strings";
import { copyOutRange } from "../../vm/values";
import { defineModule, type ModuleDefinition } from "../define-module";
import { processModule } from "../process";
import { blockOnPromise } from "../registry/await-promise";
import { returnBoolean, returnError, returnValue } from "../results";
import { authorizeSpawn, LINKED, LINKED_MONITORED, MONITORED, PLAIN, type SpawnMode, type SpawnRequest } from "../process/spawn";
import { authorizeDest, handOff } from "../security/authorize";
import type { SecurityContext } from "../../../security";
import { workflowBuilders } from "./outside-builder";

export interface WorkflowGateway {
  isWorkflowHost(host: string): boolean;
  isWorkflowPid(pid: string): boolean;
  /** The pid of run `runId` on workflow host `host`. */
  runPid(host: string, runId: string): string;
  /** `security`: the actor and scope the run acts with (none: the run has no context). */
  spawn(id: string, host: string, args: readonly unknown[], options: Readonly<Record<string, unknown>> | undefined, security: SecurityContext | undefined): Promise<Result<string>>;
  send(pid: string, topic: string, payloads: readonly unknown[], from: string): Promise<Result<true>>;
  cancel(pid: string, reason: string, from: string): Promise<Result<true>>;
  terminate(pid: string): Promise<Result<true>>;
  awaitExit(pid: string): Promise<Result<ExitResult>>;
}

type Watch = "monitor" | "link";

const WATCHES = {};

/** Workflow pids this process watches, and how. */
function watchesOf(proc: LuaProcess): Map<string, Set<Watch>> {
  return proc.local(WATCHES, () => new Map<string, Set<Watch>>());
}

const internal = (L: LuaState, error: unknown): number => returnError(L, wippyError("Internal", `workflow call failed: ${error instanceof Error ? error.message : String(error)}`));

function finishResult<T>(L: LuaState, settled: { ok: true; value: Result<T> } | { ok: false; error: unknown }, push: (L: LuaState, value: T) => number): number {
  if (!settled.ok) return internal(L, settled.error);
  return settled.value.ok ? push(L, settled.value.value) : returnError(L, settled.value.error);
}

/**
 * A spawn with `workflow.id_conflict_policy = "terminate_existing"` ends the run that has that
 * id: it is also a `process.terminate` of that run's pid, checked as one (otherwise a scope
 * allowed to spawn could end runs it may not terminate).
 */
function authorizeReplace(gateway: WorkflowGateway, proc: LuaProcess, request: SpawnRequest, host: string): WippyError | null {
  const options = request.options;
  const runId = options?.["workflow.id"];
  if (options?.["workflow.id_conflict_policy"] !== "terminate_existing" || typeof runId !== "string") return null;
  return authorizeDest(proc, "process.terminate", gateway.runPid(host, runId));
}

export function processModuleWithWorkflows(gateway: WorkflowGateway): ModuleDefinition {
  const plain = processModule.functions ?? {};
  const original = (name: string): LuaFunction => {
    const fn = plain[name];
    if (fn === undefined) throw new Error(`process.${name} is missing from the process module`);
    return fn;
  };

  /** Delivers EXIT (monitor) and LINK_DOWN or a kill (link) once the run ends. */
  const watch = (proc: LuaProcess, pid: string, how: Watch): void => {
    const watches = watchesOf(proc);
    const existing = watches.get(pid);
    if (existing !== undefined) {
      existing.add(how);
      return;
    }
    watches.set(pid, new Set([how]));
    void gateway.awaitExit(pid).then((exit) => {
      const hows = watches.get(pid);
      watches.delete(pid);
      if (hows === undefined || !proc.ctx.isAlive()) return;
      // An unknown pid ends at once with NotFound, as a monitor of a dead process does in OTP (noproc).
      const result: ExitResult = exit.ok ? exit.value : { error: exit.error };
      const at = proc.ctx.clock.now();
      if (hows.has("monitor")) proc.ctx.events().trySend({ kind: EVENT.EXIT, from: pid, result, at });
      if (hows.has("link") && result.error !== undefined) {
        if (proc.ctx.options().trapLinks) proc.ctx.events().trySend({ kind: EVENT.LINK_DOWN, from: pid, result, at });
        else proc.vm.runtime.kernel.terminate(proc.pid);
      }
    });
  };

  const unwatch = (proc: LuaProcess, pid: string, how: Watch): boolean => watchesOf(proc).get(pid)?.delete(how) ?? false;

  /** The context a run started by `proc` with `request` acts with, or why it may not start. */
  const contextOfRun = (proc: LuaProcess, request: SpawnRequest, id: string, host: string, mode: SpawnMode, exec: boolean): Result<SecurityContext | undefined> => {
    if (request.name !== undefined) return fail(wippyError("Invalid", "a workflow cannot be spawned with a name: its pid is already stable across nodes", { retryable: false }));
    const denied = authorizeSpawn(proc, id, host, mode, exec) ?? authorizeReplace(gateway, proc, request, host);
    if (denied !== null) return fail(denied);
    return handOff(proc, request.actor, request.scope, "process.security");
  };

  /** Spawns a run (args from `first + 2`), sends the builder's messages, sets up watches. */
  const spawnRun = (L: LuaState, proc: LuaProcess, request: SpawnRequest, mode: SpawnMode, first: number, then: (L: LuaState, pid: string) => number, exec = false): number => {
    const id = absoluteId(checkString(L, first), proc.entry.scope.namespace);
    const host = checkString(L, first + 1);
    const security = contextOfRun(proc, request, id, host, mode, exec);
    if (!security.ok) return returnError(L, security.error);
    const args = copyOutRange(L, first + 2, lua.lua_gettop(L), proc.vm.runtime.copyLimits);
    if (!args.ok) return returnError(L, args.error);
    const started = (async (): Promise<Result<string>> => {
      const pid = await gateway.spawn(id, host, args.value, request.options, security.value);
      if (!pid.ok) return pid;
      for (const m of request.messages ?? []) {
        const sent = await gateway.send(pid.value, m.topic, m.payloads, proc.pid);
        if (!sent.ok) return fail(sent.error);
      }
      return pid;
    })();
    return blockOnPromise(L, started, (L2, settled) =>
      finishResult(L2, settled, (L3, pid) => {
        if (mode.monitor) watch(proc, pid, "monitor");
        if (mode.link) watch(proc, pid, "link");
        return then(L3, pid);
      }),
    );
  };

  const pushPid = (L: LuaState, pid: string): number => {
    pushString(L, pid);
    return 1;
  };

  const spawnWith =
    (mode: SpawnMode, name: string): LuaFunction =>
    (L, proc) =>
      gateway.isWorkflowHost(checkString(L, 2)) ? spawnRun(L, proc, {}, mode, 1, pushPid) : original(name)(L, proc);

  /** Spawns and waits for the run's end; `nil, err` for an error exit, as `process.exec`. */
  const execRun = (L: LuaState, proc: LuaProcess, request: SpawnRequest, first: number): number =>
    spawnRun(
      L,
      proc,
      request,
      PLAIN,
      first,
      (L2, pid) =>
        blockOnPromise(L2, gateway.awaitExit(pid), (L3, settled) =>
          finishResult(L3, settled, (L4, exit) => (exit.error !== undefined ? returnError(L4, exit.error) : returnValue(L4, exit.value))),
        ),
      true,
    );

  // The plain module checks its own calls; the workflow route is checked here, the same way.
  const onPid =
    (name: "send" | "cancel" | "terminate" | "monitor" | "unmonitor" | "link" | "unlink", act: (L: LuaState, proc: LuaProcess, pid: string) => number): LuaFunction =>
    (L, proc) => {
      const dest = checkString(L, 1);
      if (!gateway.isWorkflowPid(dest)) return original(name)(L, proc);
      const denied = authorizeDest(proc, `process.${name}`, dest, name === "send" ? checkString(L, 2) : undefined);
      return denied !== null ? returnError(L, denied) : act(L, proc, dest);
    };

  const awaitTrue = (L: LuaState, promise: Promise<Result<true>>): number => blockOnPromise(L, promise, (L2, settled) => finishResult(L2, settled, (L3) => returnBoolean(L3, true)));

  const builders = workflowBuilders(gateway, { spawnRun, execRun });

  return defineModule({
    ...processModule,
    functions: {
      ...plain,
      spawn: spawnWith(PLAIN, "spawn"),
      spawn_monitored: spawnWith(MONITORED, "spawn_monitored"),
      spawn_linked: spawnWith(LINKED, "spawn_linked"),
      spawn_linked_monitored: spawnWith(LINKED_MONITORED, "spawn_linked_monitored"),
      exec: (L, proc) => (gateway.isWorkflowHost(checkString(L, 2)) ? execRun(L, proc, {}, 1) : original("exec")(L, proc)),
      send: onPid("send", (L, proc, pid) => {
        const topic = checkString(L, 2);
        const payloads = copyOutRange(L, 3, lua.lua_gettop(L), proc.vm.runtime.copyLimits);
        if (!payloads.ok) return returnError(L, payloads.error);
        return awaitTrue(L, gateway.send(pid, topic, payloads.value, proc.pid));
      }),
      cancel: onPid("cancel", (L, proc, pid) => awaitTrue(L, gateway.cancel(pid, optString(L, 2) ?? "canceled", proc.pid))),
      terminate: onPid("terminate", (L, _proc, pid) => awaitTrue(L, gateway.terminate(pid))),
      monitor: onPid("monitor", (L, proc, pid) => {
        if (watchesOf(proc).get(pid)?.has("monitor") === true) return returnError(L, wippyError("AlreadyExists", `already monitoring ${pid}`));
        watch(proc, pid, "monitor");
        return returnBoolean(L, true);
      }),
      unmonitor: onPid("unmonitor", (L, proc, pid) => (unwatch(proc, pid, "monitor") ? returnBoolean(L, true) : returnError(L, wippyError("NotFound", `not monitoring ${pid}`)))),
      link: onPid("link", (L, proc, pid) => {
        watch(proc, pid, "link");
        return returnBoolean(L, true);
      }),
      unlink: onPid("unlink", (L, proc, pid) => returnBoolean(L, unwatch(proc, pid, "link"))),
      with_context: builders.withContext,
      with_options: builders.withOptions,
    },
  });
}
