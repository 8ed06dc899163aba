/**
 * Module definitions — how a Lua module (`process`, `time`, `funcs`, …) is added to the
 * runtime without touching the VM.
 *
 *   export const uuidModule = defineModule({
 *     name: "uuid",
 *     functions: { v4: (L) => returnValue(L, randomUUID()) },
 *   });
 *   new LuaRuntime({ kernel, resolveEntry, modules: [uuidModule] });
 *
 * Terms:
 * - `name`: what `require` takes and `modules:` lists (or the global's name).
 * - `global`: installed for every process as a global, no `require`, no `modules:` entry.
 * - `functions`: `LuaFunction`s `(L, proc) => number of results` — `proc` is the calling
 *   `LuaProcess` (its kernel `ctx`, entry, context values, per-module `local` state). Write
 *   results with the helpers of `results.ts` (`returnValue`, `returnError` for `nil, err`,
 *   `raiseError`), read arguments with `checkString`, `argData`, `checkObject`, … and wait on
 *   channels with `block` (the process yields; your continuation gets the outcome).
 * - `constants`: plain data fields; `tables`: nested read-only tables (`process.event`).
 * - `open`: instead of a table, push the value `require` returns, once per process (e.g. a
 *   logger object bound to the process).
 * - Object types with methods (`ch:receive()`) are JS classes registered with
 *   `defineClass` (`vm/objects.ts`) and pushed with `pushObject`.
 *
 * Every process sees its own view of a module table (writes stay in that process).
 */
import type { LuaState } from "../vm/fengari";
import type { LuaFunction } from "../vm/lua-function";
import type { LuaProcess } from "../vm/lua-process";

export interface ModuleTable {
  readonly functions?: Readonly<Record<string, LuaFunction>>;
  readonly constants?: Readonly<Record<string, unknown>>;
}

export interface ModuleDefinition extends ModuleTable {
  readonly name: string;
  readonly global?: boolean;
  readonly tables?: Readonly<Record<string, ModuleTable>>;
  readonly open?: (L: LuaState, proc: LuaProcess) => void;
}

export function defineModule(definition: ModuleDefinition): ModuleDefinition {
  return definition;
}
