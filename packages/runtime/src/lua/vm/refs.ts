/**
 * Lua value references held by JS — a compiled chunk, a process's environment, a library view.
 *
 * fengari's own `lua_toproxy` costs a closure plus a WeakMap entry per value; a process holds a
 * few of these, so at 10k processes that is real memory. A `LuaRef` is a copy of the stack
 * slot's two fields (`type`, `value`) — fengari 0.1.5 keeps every Lua value as such a pair
 * (tables, closures, threads are JS objects that the JS GC keeps alive while a ref exists).
 * This file is the only place that reads or writes stack slots directly.
 *
 * In: a stack index. Out: a ref; `pushRef` puts the same Lua value back on a stack.
 */
import { lua, type LuaState } from "./fengari";

export interface LuaRef {
  readonly type: number;
  readonly value: unknown;
}

interface Slot {
  type: number;
  value: unknown;
}

interface StateInternals {
  readonly stack: Slot[];
  readonly top: number;
}

const internals = (L: LuaState): StateInternals => L as unknown as StateInternals;

/** A ref to the value at `idx` (a negative index counts from the top). */
export function refAt(L: LuaState, idx: number): LuaRef {
  const abs = lua.lua_absindex(L, idx);
  const state = internals(L);
  // Stack slots are mutated in place by the VM, so copy the pair instead of keeping the slot.
  const slot = state.stack[(L as unknown as { ci: { funcOff: number } }).ci.funcOff + abs] as Slot;
  return { type: slot.type, value: slot.value };
}

/** Pops the top value and returns a ref to it. */
export function popRef(L: LuaState): LuaRef {
  const ref = refAt(L, -1);
  lua.lua_pop(L, 1);
  return ref;
}

export function pushRef(L: LuaState, ref: LuaRef): void {
  // Push a placeholder through the API (stack checks, top bookkeeping), then make it the value.
  lua.lua_pushlightuserdata(L, null);
  const state = internals(L);
  const slot = state.stack[state.top - 1] as Slot;
  slot.type = ref.type;
  slot.value = ref.value;
}

/** The identity of a table/function/thread value (for cycle detection). */
export function identityAt(L: LuaState, idx: number): unknown {
  return refAt(L, idx).value;
}
