/**
 * `security` inside a workflow — `security.can` is a recorded side effect: the policies in
 * force when the run first asked decide, and every replay gets that same answer, so a policy
 * edited later cannot make a run that branches on it diverge (it applies to what the run asks
 * next). Everything else is the plain module's: `actor()` / `scope()` are the run's context,
 * fixed for its life; `policy(id)` and `named_scope` read the registry as it is now, so code
 * that branches on whether they are found should ask an activity instead.
 */
import type { LuaFunction } from "../../vm/lua-function";
import { defineModule, type ModuleDefinition } from "../define-module";
import { canAnswer, securityModule } from "../security";
import { issue, portOf } from "./issue";
import type { PortOf } from "./port";

export function workflowSecurityModule(find: PortOf): ModuleDefinition {
  const can: LuaFunction = (L, proc) => {
    const generate = canAnswer(L, proc); // bad arguments raise here, before anything is recorded
    return issue(L, portOf(L, proc, find), { kind: "side_effect", name: "security", generate });
  };
  return defineModule({ name: "security", functions: { ...securityModule.functions, can } });
}
