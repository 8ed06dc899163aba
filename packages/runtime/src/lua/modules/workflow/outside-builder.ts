/**
 * Spawn builders that know workflow hosts — `process.with_context(tbl)` /
 * `process.with_options(tbl)` of `processModuleWithWorkflows`. Same chain as the plain
 * builders (`spawn-builder.ts`: every `:with_*` returns a new builder; bad input raises); the
 * terminal `:spawn*` / `:exec` start a durable run when the host is a workflow host (options
 * `workflow.id`, `workflow.id_conflict_policy`), and spawn a process as usual otherwise.
 */
import type { LuaState } from "../../vm/fengari";
import type { LuaFunction } from "../../vm/lua-function";
import type { LuaProcess } from "../../vm/lua-process";
import { checkObject, defineClass, pushObject } from "../../vm/objects";
import { checkString, pushString } from "../../vm/strings";
import { execFrom, LINKED, LINKED_MONITORED, MONITORED, PLAIN, returnSpawned, spawnFrom, type SpawnMode, type SpawnRequest } from "../process/spawn";
import { builderMethods, tableArg } from "../process/spawn-builder";
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
    ...builderMethods(self, push),
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
