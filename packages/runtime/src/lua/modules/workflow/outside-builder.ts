/**
 * Spawn builders that know workflow hosts — `process.with_context(tbl)` /
 * `process.with_options(tbl)` of `processModuleWithWorkflows`. Same chain as the plain
 * builders (`spawn-builder.ts`: every `:with_*` returns a new builder; bad input raises); the
 * terminal `:spawn*` / `:exec` start a durable run when the host is a workflow host (options
 * `workflow.id`, `workflow.id_conflict_policy`), and spawn a process as usual otherwise.
 */
import { checkTopic } from "../../../kernel";
import { lua, type LuaState } from "../../vm/fengari";
import type { LuaFunction } from "../../vm/lua-function";
import type { LuaProcess } from "../../vm/lua-process";
import { checkObject, defineClass, pushObject } from "../../vm/objects";
import { checkString, pushString } from "../../vm/strings";
import { copyOut, copyOutRange } from "../../vm/values";
import { raiseError } from "../results";
import { execFrom, LINKED, LINKED_MONITORED, MONITORED, PLAIN, returnSpawned, spawnFrom, type SpawnMode, type SpawnRequest } from "../process/spawn";
import type { WorkflowGateway } from "./outside";

export interface RunSpawner {
  spawnRun(L: LuaState, proc: LuaProcess, request: SpawnRequest, mode: SpawnMode, first: number, then: (L: LuaState, pid: string) => number): number;
  execRun(L: LuaState, proc: LuaProcess, request: SpawnRequest, first: number): number;
}

export class WorkflowAwareBuilder {
  constructor(
    readonly gateway: WorkflowGateway,
    readonly runs: RunSpawner,
    readonly request: SpawnRequest,
  ) {}

  with(change: Partial<SpawnRequest>): WorkflowAwareBuilder {
    return new WorkflowAwareBuilder(this.gateway, this.runs, { ...this.request, ...change });
  }
}

const self = (L: LuaState): WorkflowAwareBuilder => checkObject(L, 1, WORKFLOW_BUILDER_CLASS);

function tableArg(L: LuaState, idx: number, what: string): Record<string, unknown> {
  if (lua.lua_type(L, idx) !== lua.LUA_TTABLE) return raiseError(L, `${what} expects a table`);
  const copied = copyOut(L, idx);
  if (!copied.ok) return raiseError(L, `${what}: ${copied.error.message}`);
  return Array.isArray(copied.value) ? {} : (copied.value as Record<string, unknown>);
}

function push(L: LuaState, builder: WorkflowAwareBuilder): number {
  pushObject(L, builder);
  return 1;
}

const pushPid = (L: LuaState, pid: string): number => {
  pushString(L, pid);
  return 1;
};

const spawnVariant =
  (mode: SpawnMode): LuaFunction =>
  (L, proc) => {
    const b = self(L);
    if (b.gateway.isWorkflowHost(checkString(L, 3))) return b.runs.spawnRun(L, proc, b.request, mode, 2, pushPid);
    return returnSpawned(L, proc, spawnFrom(L, proc, b.request, mode, 2));
  };

export const WORKFLOW_BUILDER_CLASS = defineClass(WorkflowAwareBuilder, {
  name: "spawner",
  methods: {
    with_context: (L) => {
      const b = self(L);
      return push(L, b.with({ context: { ...b.request.context, ...tableArg(L, 2, "with_context") } }));
    },
    with_options: (L) => {
      const b = self(L);
      return push(L, b.with({ options: { ...b.request.options, ...tableArg(L, 2, "with_options") } }));
    },
    with_name: (L) => push(L, self(L).with({ name: checkString(L, 2) })),
    with_message: (L) => {
      const b = self(L);
      const topic = checkString(L, 2);
      const checked = checkTopic(topic);
      if (!checked.ok) return raiseError(L, checked.error);
      const payloads = copyOutRange(L, 3, lua.lua_gettop(L));
      if (!payloads.ok) return raiseError(L, payloads.error);
      return push(L, b.with({ messages: [...(b.request.messages ?? []), { topic, payloads: payloads.value }] }));
    },
    with_actor: (L) => push(L, self(L)),
    with_scope: (L) => push(L, self(L)),
    spawn: spawnVariant(PLAIN),
    spawn_monitored: spawnVariant(MONITORED),
    spawn_linked: spawnVariant(LINKED),
    spawn_linked_monitored: spawnVariant(LINKED_MONITORED),
    exec: (L, proc) => {
      const b = self(L);
      return b.gateway.isWorkflowHost(checkString(L, 3)) ? b.runs.execRun(L, proc, b.request, 2) : execFrom(L, proc, b.request, 2);
    },
  },
});

export function workflowBuilders(gateway: WorkflowGateway, runs: RunSpawner): { withContext: LuaFunction; withOptions: LuaFunction } {
  return {
    withContext: (L) => push(L, new WorkflowAwareBuilder(gateway, runs, { context: tableArg(L, 1, "process.with_context") })),
    withOptions: (L) => push(L, new WorkflowAwareBuilder(gateway, runs, { options: tableArg(L, 1, "process.with_options") })),
  };
}
