/**
 * `math` inside a workflow — Lua's standard math library with `math.random` a recorded side
 * effect: the engine records one uniform number in [0, 1) per call and the call's arguments
 * shape it as Lua 5.3 does (`random()` → float, `random(m)` → integer in [1, m],
 * `random(m, n)` → integer in [m, n]; an empty interval raises). `math.randomseed` does
 * nothing, as everywhere in the sandbox.
 *
 * The other functions and constants are fengari's own, taken once from a scratch state.
 */
import { lauxlib, lua, lualib, type LuaState } from "../../vm/fengari";
import type { LuaFunction } from "../../vm/lua-function";
import { LuaFloat } from "../../vm/values";
import { defineModule, type ModuleDefinition } from "../define-module";
import { raiseError, returnValue } from "../results";
import { issue, portOf } from "./issue";
import type { PortOf } from "./port";

interface StandardMath {
  readonly functions: Record<string, LuaFunction>;
  readonly constants: Record<string, unknown>;
}

let standard: StandardMath | null = null;

function standardMath(): StandardMath {
  if (standard !== null) return standard;
  const L = lauxlib.luaL_newstate();
  lauxlib.luaL_requiref(L, "math", lualib.luaopen_math, 0);
  const functions: Record<string, LuaFunction> = {};
  const constants: Record<string, unknown> = {};
  lua.lua_pushnil(L);
  while (lua.lua_next(L, -2) !== 0) {
    const key = lua.lua_tojsstring(L, -2) ?? "";
    const fn = lua.lua_tocfunction(L, -1);
    if (fn !== null) functions[key] = (L2) => fn(L2);
    else if (lua.lua_isinteger(L, -1)) constants[key] = lua.lua_tonumber(L, -1);
    else constants[key] = new LuaFloat(lua.lua_tonumber(L, -1));
    lua.lua_pop(L, 1);
  }
  lua.lua_close(L);
  standard = { functions, constants };
  return standard;
}

/** The interval `random(m)` / `random(m, n)` asks for; undefined for `random()`. */
function interval(L: LuaState): { low: number; high: number } | undefined {
  const args = Math.min(lua.lua_gettop(L), 2);
  if (args === 0) return undefined;
  const low = args === 2 ? lauxlib.luaL_checkinteger(L, 1) : 1;
  const high = lauxlib.luaL_checkinteger(L, args);
  if (low > high) return raiseError(L, "bad argument to 'random' (interval is empty)");
  return { low, high };
}

function shape(L: LuaState, u: number, range: { low: number; high: number } | undefined): number {
  if (range === undefined) {
    lua.lua_pushnumber(L, u);
    return 1;
  }
  return returnValue(L, range.low + Math.floor(u * (range.high - range.low + 1)));
}

export function workflowMathModule(find: PortOf): ModuleDefinition {
  const math = standardMath();
  const random: LuaFunction = (L, proc) => {
    const range = interval(L);
    return issue(L, portOf(L, proc, find), { kind: "side_effect", name: "random", generate: () => Math.random() }, (L2, r) => shape(L2, "value" in r ? (r.value as number) : 0, range));
  };
  return defineModule({
    name: "math",
    global: true,
    functions: { ...math.functions, random, randomseed: () => 0 },
    constants: math.constants,
  });
}
