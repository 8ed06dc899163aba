/**
 * Sandbox — the world a process's Lua code sees, built once per VM (LUA_API.md §2).
 *
 * Every process has its own environment table (`newEnv`) whose metatable reads through to
 * one shared *base* table of plain functions (`pairs`, `pcall`, `tostring`, the casts
 * `integer/number/boolean`, …). Libraries are not in the base: the first read of `string`,
 * `process`, … reaches `globalIndex`, which gives the process its own view of the library
 * (see `library-views.ts`). Absent by construction: `load`, `loadstring`, `loadfile`,
 * `dofile`, `collectgarbage`, `io` (except on a terminal host, as a module), `debug`,
 * `package`, `string.dump`, and every `os` function but `time`, `clock`, `date`, `difftime`.
 *
 * In: the VM's Lua state and the module definitions. Out: `Sandbox` refs (helpers, base,
 * environment metatable, libraries by name).
 */
import type { ModuleDefinition } from "../modules/define-module";
import { CAST_PRELUDE, CAST_PRELUDE_CHUNK_NAME } from "../dialect/cast-prelude";
import * as base from "./base-functions";
import { COROUTINE_FUNCTIONS } from "./coroutines";
import { lauxlib, lua, lualib, type LuaCFunction, type LuaState } from "./fengari";
import { buildModuleTable, makeLibrary, type Library, type SandboxHelpers } from "./library-views";
import { toCFunction, type LuaFunction } from "./lua-function";
import { installObjectMetatable } from "./objects";
import { popRef, pushRef, type LuaRef } from "./refs";
import { SANDBOX_PRELUDE, SANDBOX_PRELUDE_CHUNK_NAME } from "./sandbox-prelude";

export interface Sandbox {
  readonly helpers: SandboxHelpers;
  readonly base: LuaRef;
  readonly envMetatable: LuaRef;
  readonly libraries: ReadonlyMap<string, Library>;
  readonly stringLibrary: Library;
}

const BASE_FROM_LUA = ["assert", "error", "ipairs", "next", "pairs", "pcall", "xpcall", "select", "tonumber", "tostring", "type", "rawequal", "rawget", "rawlen", "setmetatable", "_VERSION"];
const STANDARD_LIBRARIES = ["table", "math", "utf8"];

function runChunk(L: LuaState, source: string, chunkName: string, nargs: number, pushArgs: () => void): void {
  const status = lauxlib.luaL_loadbuffer(L, new TextEncoder().encode(source), null, chunkName);
  if (status !== lua.LUA_OK) throw new Error(`sandbox chunk ${chunkName} does not compile: ${lua.lua_tojsstring(L, -1)}`);
  pushArgs();
  lua.lua_call(L, nargs, 1);
}

function field(L: LuaState, idx: number, name: string): LuaRef {
  lua.lua_getfield(L, idx, name);
  return popRef(L);
}

function setFunction(L: LuaState, name: string, fn: LuaFunction): void {
  lua.lua_pushcfunction(L, toCFunction(fn));
  lua.lua_setfield(L, -2, name);
}

function openStandardLibraries(L: LuaState): void {
  const libs: [string, LuaCFunction][] = [
    ["_G", lualib.luaopen_base],
    ["table", lualib.luaopen_table],
    ["string", lualib.luaopen_string],
    ["math", lualib.luaopen_math],
    ["os", lualib.luaopen_os],
    ["utf8", lualib.luaopen_utf8],
    ["debug", lualib.luaopen_debug],
  ];
  for (const [name, open] of libs) {
    lauxlib.luaL_requiref(L, name, open, 1);
    lua.lua_pop(L, 1);
  }
}

function loadHelpers(L: LuaState): SandboxHelpers {
  runChunk(L, SANDBOX_PRELUDE, SANDBOX_PRELUDE_CHUNK_NAME, 0, () => undefined);
  const helpers = { frozen: field(L, -1, "frozen"), viewMetatable: field(L, -1, "view_metatable"), bootstrap: field(L, -1, "bootstrap") };
  lua.lua_pop(L, 1);
  return helpers;
}

/** Runs the cast prelude on a scratch environment and returns its `__call` for `string`. */
function installCasts(L: LuaState, baseTable: LuaRef, errors: LuaRef | undefined): LuaRef {
  runChunk(L, CAST_PRELUDE, CAST_PRELUDE_CHUNK_NAME, 1, () => {
    lua.lua_createtable(L, 0, 2);
    if (errors !== undefined) pushRef(L, errors);
    else lua.lua_pushnil(L);
    lua.lua_setfield(L, -2, "errors");
    lua.lua_createtable(L, 0, 0);
    lua.lua_setfield(L, -2, "string");
    lua.lua_pushvalue(L, -1);
    lua.lua_insert(L, -3);
  });
  lua.lua_pop(L, 1);
  const scratch = lua.lua_gettop(L);
  pushRef(L, baseTable);
  for (const name of ["integer", "number", "boolean"]) {
    lua.lua_getfield(L, scratch, name);
    lua.lua_setfield(L, -2, name);
  }
  lua.lua_pop(L, 1);
  lua.lua_getfield(L, scratch, "string");
  lua.lua_getmetatable(L, -1);
  const call = field(L, -1, "__call");
  lua.lua_pop(L, 3);
  return call;
}

function buildBase(L: LuaState): LuaRef {
  lua.lua_createtable(L, 0, 32);
  for (const name of BASE_FROM_LUA) {
    lua.lua_getglobal(L, name);
    lua.lua_setfield(L, -2, name);
  }
  lua.lua_getglobal(L, "table");
  lua.lua_getfield(L, -1, "unpack");
  lua.lua_setfield(L, -3, "unpack");
  lua.lua_pop(L, 1);
  setFunction(L, "getmetatable", base.getmetatable);
  setFunction(L, "rawset", base.rawset);
  setFunction(L, "print", base.print);
  setFunction(L, "require", base.require);
  lua.lua_createtable(L, 0, 2);
  setFunction(L, "__index", base.globalIndex);
  lua.lua_pushboolean(L, false);
  lua.lua_setfield(L, -2, "__metatable");
  lua.lua_setmetatable(L, -2);
  return popRef(L);
}

function cfunctionField(L: LuaState, idx: number, name: string): LuaCFunction {
  lua.lua_getfield(L, idx, name);
  const fn = lua.lua_tocfunction(L, -1);
  lua.lua_pop(L, 1);
  if (fn === null) throw new Error(`${name} is not a JS function`);
  return fn;
}

function restrictLibraries(L: LuaState): LuaRef {
  lua.lua_getglobal(L, "string");
  lua.lua_pushnil(L);
  lua.lua_setfield(L, -2, "dump");
  lua.lua_pop(L, 1);
  lua.lua_getglobal(L, "math");
  setFunction(L, "randomseed", base.doNothing);
  lua.lua_pop(L, 1);
  lua.lua_getglobal(L, "os");
  const os = lua.lua_gettop(L);
  lua.lua_createtable(L, 0, 4);
  setFunction(L, "time", base.osTime(cfunctionField(L, os, "time")));
  setFunction(L, "date", base.osDate(cfunctionField(L, os, "date")));
  for (const name of ["clock", "difftime"]) {
    lua.lua_getfield(L, os, name);
    lua.lua_setfield(L, -2, name);
  }
  const restricted = popRef(L);
  lua.lua_pop(L, 1);
  return restricted;
}

function installStringIndex(L: LuaState): void {
  lua.lua_pushliteral(L, "");
  lua.lua_getmetatable(L, -1);
  setFunction(L, "__index", base.stringIndex);
  lua.lua_pop(L, 2);
}

function globalRef(L: LuaState, name: string): LuaRef {
  lua.lua_getglobal(L, name);
  return popRef(L);
}

export function buildSandbox(L: LuaState, modules: readonly ModuleDefinition[]): Sandbox {
  openStandardLibraries(L);
  installObjectMetatable(L);
  installStringIndex(L);
  const helpers = loadHelpers(L);
  const libraries = new Map<string, Library>();
  const add = (name: string, real: LuaRef, global: boolean): void => void libraries.set(name, makeLibrary(L, helpers, name, real, global));
  const os = restrictLibraries(L);
  for (const name of STANDARD_LIBRARIES) add(name, globalRef(L, name), true);
  add("os", os, true);
  lua.lua_createtable(L, 0, 8);
  for (const [name, fn] of Object.entries(COROUTINE_FUNCTIONS)) setFunction(L, name, fn);
  add("coroutine", popRef(L), true);
  for (const def of modules) {
    if (def.open === undefined) add(def.name, buildModuleTable(L, helpers, def), def.global === true);
  }
  const baseTable = buildBase(L);
  const stringCall = installCasts(L, baseTable, libraries.get("errors")?.real);
  const stringLibrary = makeLibrary(L, helpers, "string", globalRef(L, "string"), true, stringCall);
  libraries.set("string", stringLibrary);

  lua.lua_createtable(L, 0, 2);
  pushRef(L, baseTable);
  lua.lua_setfield(L, -2, "__index");
  lua.lua_pushboolean(L, false);
  lua.lua_setfield(L, -2, "__metatable");
  const envMetatable = popRef(L);
  return { helpers, base: baseTable, envMetatable, libraries, stringLibrary };
}

/** A fresh environment table for a chunk: reads fall through to the base and the libraries. */
export function newEnv(L: LuaState, sandbox: Sandbox): LuaRef {
  lua.lua_createtable(L, 0, 0);
  pushRef(L, sandbox.envMetatable);
  lua.lua_setmetatable(L, -2);
  return popRef(L);
}
