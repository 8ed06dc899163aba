/**
 * `funcs` (require) — calling registered functions (LUA_API.md §5, Wippy's `funcs.md` and
 * `future.md`): `funcs.call(id, ...)` → result | nil, err; `funcs.async(id, ...)` → Future;
 * `funcs.new()` → Executor. Each call runs the entry as its own short-lived process in the
 * caller's context (`start-call.ts`); see `call.ts`, `async.ts`, `future.ts`, `executor.ts`.
 *
 * The module needs nothing from the node: entries come from the runtime's resolver (the node's
 * registry view) and processes from its kernel, both reached through the calling process.
 */
import type { LuaFunction } from "../../vm/lua-function";
import { defineModule, type ModuleDefinition } from "../define-module";
import { asyncFrom } from "./async";
import { callFrom } from "./call";
import { newExecutor } from "./executor";

const NO_SETTINGS = {};

const call: LuaFunction = (L, proc) => callFrom(L, proc, NO_SETTINGS, 1);
const async: LuaFunction = (L, proc) => asyncFrom(L, proc, NO_SETTINGS, 1);

export function funcsModule(): ModuleDefinition {
  return defineModule({ name: "funcs", functions: { call, async, new: newExecutor } });
}

export { Executor, EXECUTOR_CLASS } from "./executor";
export { Future, FUTURE_CLASS } from "./future";
export { CALLABLE_KINDS } from "./start-call";
