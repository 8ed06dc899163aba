/**
 * `uuid` inside a workflow — `uuid.v4()` and `uuid.v7()` are recorded side effects (the same
 * id on every replay); `uuid.validate` and `uuid.version` are the plain module's (pure).
 */
import { randomUUID } from "node:crypto";
import type { LuaFunction } from "../../vm/lua-function";
import { defineModule, type ModuleDefinition } from "../define-module";
import { uuidModule, uuidV7 } from "../uuid";
import { issue, portOf } from "./issue";
import type { PortOf } from "./port";

export function workflowUuidModule(find: PortOf): ModuleDefinition {
  const v4: LuaFunction = (L, proc) => issue(L, portOf(L, proc, find), { kind: "side_effect", name: "uuid", generate: () => randomUUID() });
  const v7: LuaFunction = (L, proc) => {
    const clock = proc.ctx.clock;
    return issue(L, portOf(L, proc, find), { kind: "side_effect", name: "uuid", generate: () => uuidV7(clock.now()) });
  };
  return defineModule({ name: "uuid", functions: { ...uuidModule.functions, v4, v7 } });
}
