/**
 * Libraries and their per-process views (LUA_API.md §2: no process can change what another
 * sees).
 *
 * Terms:
 * - Library: a table every process may use — a standard library (`string`, `table`, `math`,
 *   `os`, `utf8`, `coroutine`) or a module (`process`, `channel`, `time`, …). Its *real* table
 *   exists once per VM and is never handed to Lua code.
 * - View: what a process gets instead — an empty table whose metatable reads through to the
 *   real one (see `sandbox-prelude.ts`). Created on first use per process and library, so an
 *   idle process pays only for the libraries it touched.
 * - Nested tables of modules (`process.event`) are frozen shared stand-ins, not views.
 *
 * In: real tables and module definitions. Out: `Library` records; view refs per process.
 */
import type { ModuleDefinition } from "../modules/define-module";
import { lua, type LuaState } from "./fengari";
import { toCFunction, type LuaFunction } from "./lua-function";
import { popRef, pushRef, type LuaRef } from "./refs";
import { pushValue } from "./values";

export interface Library {
  readonly name: string;
  readonly real: LuaRef;
  readonly viewMetatable: LuaRef;
  /** Visible as a global (no `require`). */
  readonly global: boolean;
}

export interface SandboxHelpers {
  readonly frozen: LuaRef;
  readonly viewMetatable: LuaRef;
  readonly bootstrap: LuaRef;
}

/** Calls helper `fn` with `args` already pushed by `push`; pops its one result as a ref. */
function callHelper(L: LuaState, fn: LuaRef, push: () => number): LuaRef {
  pushRef(L, fn);
  const n = push();
  lua.lua_call(L, n, 1);
  return popRef(L);
}

export function makeLibrary(L: LuaState, helpers: SandboxHelpers, name: string, real: LuaRef, global: boolean, call?: LuaRef): Library {
  const viewMetatable = callHelper(L, helpers.viewMetatable, () => {
    pushRef(L, real);
    if (call === undefined) lua.lua_pushnil(L);
    else pushRef(L, call);
    return 2;
  });
  return { name, real, viewMetatable, global };
}

export function newView(L: LuaState, library: Library): LuaRef {
  lua.lua_createtable(L, 0, 0);
  pushRef(L, library.viewMetatable);
  lua.lua_setmetatable(L, -2);
  return popRef(L);
}

function setFunctions(L: LuaState, functions: Readonly<Record<string, LuaFunction>> | undefined): void {
  for (const [key, fn] of Object.entries(functions ?? {})) {
    lua.lua_pushcfunction(L, toCFunction(fn));
    lua.lua_setfield(L, -2, key);
  }
}

function setConstants(L: LuaState, constants: Readonly<Record<string, unknown>> | undefined): void {
  for (const [key, value] of Object.entries(constants ?? {})) {
    pushValue(L, value);
    lua.lua_setfield(L, -2, key);
  }
}

/** Builds the real table of a module definition (nested tables frozen). */
export function buildModuleTable(L: LuaState, helpers: SandboxHelpers, def: ModuleDefinition): LuaRef {
  lua.lua_createtable(L, 0, 0);
  setFunctions(L, def.functions);
  setConstants(L, def.constants);
  for (const [key, nested] of Object.entries(def.tables ?? {})) {
    pushRef(L, helpers.frozen);
    lua.lua_createtable(L, 0, 0);
    setFunctions(L, nested.functions);
    setConstants(L, nested.constants);
    lua.lua_pushstring(L, `${def.name}.${key}`);
    lua.lua_call(L, 2, 1);
    lua.lua_setfield(L, -2, key);
  }
  return popRef(L);
}
