/**
 * The Lua modules of a workflow run (LUA_API.md §8): replacements, by name, for `funcs`,
 * `time`, `uuid`, `process`, `security` and the `math` library, plus the `workflow` module. Give them to
 * the `LuaRuntime` that runs workflow code (never to a node's ordinary runtime). Modules whose
 * effects cannot be replayed (`sql`) are there only to refuse `require` with advice
 * (`refused.ts`):
 *
 *   new LuaRuntime({ kernel, resolveEntry, modules: workflowModules((proc) => runs.get(proc.pid)) });
 *
 * Everything here runs inside the deterministic sandbox and reaches the outside world only
 * through the run's `WorkflowPort` (`port.ts`), implemented by the replay engine.
 */
import type { ModuleDefinition } from "../define-module";
import { workflowFuncsModule } from "./funcs";
import { workflowMathModule } from "./math";
import type { PortOf } from "./port";
import { workflowProcessModule } from "./process";
import { workflowRefusedModules } from "./refused";
import { workflowSecurityModule } from "./security";
import { workflowTimeModule } from "./time";
import { workflowUuidModule } from "./uuid";
import { workflowModule } from "./workflow";

export function workflowModules(find: PortOf): ModuleDefinition[] {
  return [workflowFuncsModule(find), workflowTimeModule(find), workflowUuidModule(find), workflowProcessModule(find), workflowMathModule(find), workflowSecurityModule(find), workflowModule(find), ...workflowRefusedModules()];
}

export { DEFAULT_VERSION } from "./workflow";
export type { ActivitySettings, CallSite, CommandAnswer, PortOf, Resolution, RetrySettings, SideEffectKind, WorkflowCommand, WorkflowMailboxPort, WorkflowPort } from "./port";
