/**
 * Modules a workflow may not `require`: their calls reach the outside world and could not be
 * replayed, so a workflow that ran them would diverge after a restart. Each stands in for the
 * node's module of the same name and raises at `require` — before any effect — telling the
 * author where the call belongs: an activity (a `function.lua` the workflow calls with
 * `funcs.call`), whose result is recorded.
 *
 * - `sql`: database queries and transactions.
 *
 * In: nothing. Out: module definitions for the workflow sandbox.
 */
import type { LuaProcess } from "../../vm/lua-process";
import type { LuaState } from "../../vm/fengari";
import { defineModule, type ModuleDefinition } from "../define-module";
import { raiseError } from "../results";

const REFUSED: Readonly<Record<string, string>> = {
  sql: "database calls are not deterministic",
};

function refusedModule(name: string, why: string): ModuleDefinition {
  return defineModule({
    name,
    open: (L: LuaState, proc: LuaProcess) =>
      raiseError(
        L,
        `module '${name}' cannot be used in workflow ${proc.entry.id}: ${why}. ` +
          `Call it from an activity instead: a function.lua that the workflow runs with funcs.call (its result is recorded)`,
      ),
  });
}

export function workflowRefusedModules(): ModuleDefinition[] {
  return Object.entries(REFUSED).map(([name, why]) => refusedModule(name, why));
}
