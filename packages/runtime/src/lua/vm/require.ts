/**
 * `require(name)` (LUA_API.md §2): modules listed in the entry's `modules:` and libraries
 * named in its `imports:`; nothing else.
 *
 * Order of checks: an import alias of the scope → that `library.lua` entry, run once per
 * process in its own environment (with its own `require`, limited to *its* `modules:`);
 * a global module (`process`, `channel`, `errors`, …) → its view, listed or not; a module not
 * in `modules:` → error naming the module and the entry; a listed module this runtime does
 * not have → error. Results are cached per process: `require` twice gives the same value.
 *
 * In: a scope, a name, the calling thread. Out: one value pushed, or a raised Lua error.
 */
import { absoluteId, compileEntry, scopeOf, type ModuleScope } from "./chunks";
import { lauxlib, lua, type LuaKFunction, type LuaState } from "./fengari";
import type { LuaProcess } from "./lua-process";
import { popRef, pushRef } from "./refs";
import { pushString } from "./strings";
import { toCFunction } from "./lua-function";
import { scopedRequire } from "./base-functions";
import { newEnv } from "./sandbox";

function raise(L: LuaState, message: string): number {
  lauxlib.luaL_where(L, 1);
  pushString(L, message);
  lua.lua_concat(L, 2);
  return lua.lua_error(L);
}

interface Loading {
  readonly proc: LuaProcess;
  readonly key: string;
}

const finishLoading: LuaKFunction<Loading> = (L, _status, loading) => {
  lua.lua_pushvalue(L, -1);
  loading.proc.loadedModules().set(loading.key, popRef(L));
  return 1;
};

function requireLibrary(proc: LuaProcess, L: LuaState, scope: ModuleScope, alias: string, id: string): number {
  const key = `import:${id}`;
  const loaded = proc.loadedModules();
  if (loaded.has(key)) {
    const ref = loaded.get(key);
    if (ref === null || ref === undefined) return raise(L, `require("${alias}"): library ${id} requires itself while loading`);
    pushRef(L, ref);
    return 1;
  }
  const entry = proc.vm.runtime.resolveEntry(id);
  if (entry === undefined) return raise(L, `require("${alias}"): library ${id} (imported by ${scope.id}) not found`);
  if (entry.kind !== "library.lua") return raise(L, `require("${alias}"): ${id} is a ${entry.kind}, not a library.lua`);
  const compiled = compileEntry(proc.vm.chunks, entry);
  if (!compiled.ok) return raise(L, `require("${alias}"): ${compiled.error.message}`);
  const libraryScope = scopeOf(entry);
  if (!libraryScope.ok) return raise(L, libraryScope.error.message);
  loaded.set(key, null);
  const env = newEnv(L, proc.vm.sandbox);
  pushRef(L, env);
  lua.lua_pushlightuserdata(L, libraryScope.value);
  lua.lua_pushcclosure(L, toCFunction(scopedRequire), 1);
  lua.lua_setfield(L, -2, "require");
  lua.lua_pop(L, 1);
  pushRef(L, compiled.value.chunk);
  pushRef(L, env);
  const loading: Loading = { proc, key };
  lua.lua_callk(L, 1, 1, loading, finishLoading);
  return finishLoading(L, lua.LUA_OK, loading);
}

export function requireModule(proc: LuaProcess, L: LuaState, scope: ModuleScope, name: string): number {
  const importId = scope.imports.get(name);
  if (importId !== undefined) return requireLibrary(proc, L, scope, name, absoluteId(importId, scope.namespace));
  const cached = proc.loadedModules().get(name);
  if (cached !== undefined && cached !== null) {
    pushRef(L, cached);
    return 1;
  }
  const def = proc.vm.modules.get(name);
  const listed = scope.modules.has(name);
  if (def?.global !== true && !listed) return raise(L, `module '${name}' is not listed in modules: of ${scope.id}`);
  if (def === undefined) return raise(L, `module '${name}' is not available in this runtime`);
  if (def.open !== undefined) {
    def.open(L, proc);
  } else {
    const view = proc.moduleView(name);
    if (view === undefined) return raise(L, `module '${name}' is not available in this runtime`);
    pushRef(L, view);
  }
  lua.lua_pushvalue(L, -1);
  proc.loadedModules().set(name, popRef(L));
  return 1;
}
