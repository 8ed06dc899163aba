/**
 * LuaFunction — how JS code exposed to Lua is written: `(L, proc) => number of results`.
 *
 * `L` is the thread the call runs on (a process's main thread, a `coroutine.spawn` root or a
 * user coroutine); `proc` is the process that owns it. Arguments are at stack indices 1..n;
 * the function pushes its results and returns how many. fengari wants `(L) => number`, so
 * `toCFunction` adapts (once per function: the same JS function is the same Lua function in
 * every VM, which is why shared library tables can hold them).
 *
 * A JS exception thrown from a LuaFunction is not a crash of the host: the VM turns it into a
 * Lua error of kind `Internal` (see `lua-vm.ts`, `lua_atnativeerror`), which ends the process
 * unless Lua code catches it with `pcall`.
 */
import { currentProcess } from "./current";
import type { LuaCFunction, LuaState } from "./fengari";
import type { LuaProcess } from "./lua-process";

export type LuaFunction = (L: LuaState, proc: LuaProcess) => number;

const adapted = new WeakMap<LuaFunction, LuaCFunction>();

export function toCFunction(fn: LuaFunction): LuaCFunction {
  let c = adapted.get(fn);
  if (c === undefined) {
    c = (L: LuaState) => fn(L, currentProcess());
    adapted.set(fn, c);
  }
  return c;
}
