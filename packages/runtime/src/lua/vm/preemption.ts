/**
 * Preemption — Erlang's reductions for Lua (DESIGN.md: an endless loop in one actor must not
 * stall the others).
 *
 * Every root thread (and, by inheritance, every coroutine it creates) carries a count hook
 * that fires each `HOOK_INSTRUCTIONS` VM instructions. The hook charges the kernel budget of
 * the running process (`INSTRUCTIONS_PER_UNIT` instructions are one work unit) and, when the
 * kernel says the turn is over (`ctx.shouldYield()`: budget spent, spawn backpressure, or the
 * process is being killed), yields the thread with a PREEMPT request. Where the thread cannot
 * yield (inside a callback called from JS, e.g. a `table.sort` comparator) the hook lets it
 * run on; it yields at the next chance.
 *
 * With the default host budget (2000 units) a turn is about 20,000 instructions — well under
 * a millisecond of fengari time.
 */
import { requestPreempt } from "./blocking";
import { maybeCurrentProcess } from "./current";
import { lua, type LuaHook, type LuaState } from "./fengari";

export const HOOK_INSTRUCTIONS = 1000;
export const INSTRUCTIONS_PER_UNIT = 10;
const UNITS_PER_HOOK = HOOK_INSTRUCTIONS / INSTRUCTIONS_PER_UNIT;

const countHook: LuaHook = (L) => {
  const proc = maybeCurrentProcess();
  if (proc === null) return;
  const ctx = proc.ctx;
  ctx.charge(UNITS_PER_HOOK);
  if (ctx.shouldYield() && lua.lua_isyieldable(L)) {
    requestPreempt();
    lua.lua_yield(L, 0);
  }
};

export function instrument(L: LuaState): void {
  lua.lua_sethook(L, countHook, lua.LUA_MASKCOUNT, HOOK_INSTRUCTIONS);
}
