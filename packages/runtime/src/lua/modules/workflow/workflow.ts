/**
 * `workflow` (require) — what only a workflow can do (LUA_API.md §8).
 *
 * - `workflow.exec(id, ...)` → the child workflow's result | nil, err. The child is a run of
 *   its own (durable, on the parent's workflow host, id `<parent id>/<command>`), started once
 *   even across replays; `id` may be relative to the caller's namespace.
 * - `workflow.version(change_id, min, max)` → the version of a code change this run follows:
 *   `max` when the run reaches this point for the first time (recorded), the recorded version
 *   on replay, and `workflow.DEFAULT_VERSION` (-1) for a history recorded before the call
 *   existed. A recorded version outside `min..max` stops the run (`NonDeterminism`): the code
 *   no longer supports it. `min > max` raises.
 * - `workflow.id()` → the run id (the business id given at spawn, or the generated one).
 */
import { lauxlib, lua } from "../../vm/fengari";
import type { LuaFunction } from "../../vm/lua-function";
import { absoluteId } from "../../vm/chunks";
import { checkString, pushString } from "../../vm/strings";
import { copyOutRange } from "../../vm/values";
import { defineModule, type ModuleDefinition } from "../define-module";
import { raiseError, returnError } from "../results";
import { issue, portOf } from "./issue";
import type { PortOf } from "./port";

export const DEFAULT_VERSION = -1;

export function workflowModule(find: PortOf): ModuleDefinition {
  const exec: LuaFunction = (L, proc) => {
    const port = portOf(L, proc, find);
    const id = absoluteId(checkString(L, 1), proc.entry.scope.namespace);
    const args = copyOutRange(L, 2, lua.lua_gettop(L), proc.vm.runtime.copyLimits);
    if (!args.ok) return returnError(L, args.error);
    return issue(L, port, { kind: "child", workflow: id, args: args.value });
  };

  const version: LuaFunction = (L, proc) => {
    const port = portOf(L, proc, find);
    const changeId = checkString(L, 1);
    const min = lauxlib.luaL_checkinteger(L, 2);
    const max = lauxlib.luaL_checkinteger(L, 3);
    if (min > max) return raiseError(L, `workflow.version("${changeId}"): min ${min} is greater than max ${max}`);
    return issue(L, port, { kind: "version", changeId, min, max });
  };

  return defineModule({
    name: "workflow",
    functions: {
      exec,
      version,
      id: (L, proc) => {
        pushString(L, portOf(L, proc, find).runId);
        return 1;
      },
    },
    constants: { DEFAULT_VERSION },
  });
}
