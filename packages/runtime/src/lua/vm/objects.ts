/**
 * Objects — JS values that Lua code holds and calls methods on (`ch:receive()`,
 * `err:kind()`, `msg:payload():data()`, `t:format_rfc3339()`).
 *
 * Terms:
 * - An object is a JS class instance pushed as *light userdata*: no allocation per push, and
 *   two pushes of the same JS object are the same Lua value — so `r.channel == ch` and
 *   "`process.inbox()` returns the same channel every time" hold by identity, with no cache.
 * - `defineClass(Ctor, spec)` registers the class: its Lua type name, its methods (LuaFunctions,
 *   self at index 1) and `tostring`. Any class works, including the kernel's `Channel`.
 * - All light userdata share one metatable per VM (Lua has one per type), installed by
 *   `installObjectMetatable`. Its `__index` is a plain table holding, for every method name
 *   of every class, a dispatcher to the method of *self's* class — a native lookup, not a JS
 *   call per method access. `__tostring` and `__concat` use the class's `tostring`, writes
 *   raise, and `__metatable` hides the metatable.
 *
 * In: class specs, objects. Out: Lua values; `checkObject` reads them back with a proper
 * "bad argument" error.
 */
import { lauxlib, lua, type LuaCFunction, type LuaState } from "./fengari";
import { currentProcess } from "./current";
import { toCFunction, type LuaFunction } from "./lua-function";
import { jsString, pushString } from "./strings";

export interface LuaClassSpec<T> {
  readonly name: string;
  readonly methods?: Readonly<Record<string, LuaFunction>>;
  readonly tostring?: (self: T) => string;
}

export interface LuaClass<T> {
  readonly name: string;
  readonly methods: ReadonlyMap<string, LuaCFunction>;
  /** The same methods, unadapted: the dispatcher calls these directly (one JS frame less). */
  readonly functions: ReadonlyMap<string, LuaFunction>;
  readonly tostring: ((self: T) => string) | undefined;
  /** Phantom marker so a `LuaClass<A>` is not a `LuaClass<B>`. */
  readonly __instance?: T;
}

type Constructor<T> = abstract new (...args: never[]) => T;

const classes = new Map<unknown, LuaClass<never>>();

export function defineClass<T extends object>(ctor: Constructor<T>, spec: LuaClassSpec<T>): LuaClass<T> {
  const methods = new Map<string, LuaCFunction>();
  const functions = new Map<string, LuaFunction>();
  for (const [name, fn] of Object.entries(spec.methods ?? {})) {
    methods.set(name, toCFunction(fn));
    functions.set(name, fn);
  }
  const cls: LuaClass<T> = { name: spec.name, methods, functions, tostring: spec.tostring };
  classes.set(ctor, cls as unknown as LuaClass<never>);
  return cls;
}

export function classOf(value: unknown): LuaClass<unknown> | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  return classes.get(value.constructor) as LuaClass<unknown> | undefined;
}

export function isObject<T>(value: unknown, cls: LuaClass<T>): value is T {
  return classOf(value) === (cls as LuaClass<unknown>);
}

export function pushObject(L: LuaState, obj: object): void {
  lua.lua_pushlightuserdata(L, obj);
}

export function toObject<T>(L: LuaState, idx: number, cls: LuaClass<T>): T | null {
  if (lua.lua_type(L, idx) !== lua.LUA_TLIGHTUSERDATA) return null;
  const value = lua.lua_touserdata(L, idx);
  return isObject(value, cls) ? value : null;
}

export function typeNameAt(L: LuaState, idx: number): string {
  if (lua.lua_type(L, idx) === lua.LUA_TLIGHTUSERDATA) {
    const cls = classOf(lua.lua_touserdata(L, idx));
    if (cls !== undefined) return cls.name;
  }
  return jsString(lauxlib.luaL_typename(L, idx));
}

export function checkObject<T>(L: LuaState, idx: number, cls: LuaClass<T>): T {
  const obj = toObject(L, idx, cls);
  if (obj === null) lauxlib.luaL_argerror(L, idx, `${cls.name} expected, got ${typeNameAt(L, idx)}`);
  return obj as T;
}

function describe(value: unknown): string {
  const cls = classOf(value);
  if (cls === undefined) return "userdata";
  return cls.tostring !== undefined ? cls.tostring(value as never) : `${cls.name}`;
}

/** Slow path: a method of a class registered after the VM was built. */
const objectIndex: LuaCFunction = (L) => {
  const cls = classOf(lua.lua_touserdata(L, 1));
  const key = lua.lua_type(L, 2) === lua.LUA_TSTRING ? lua.lua_tolstring(L, 2) : null;
  const method = cls !== undefined && key !== null ? cls.methods.get(jsString(key)) : undefined;
  if (method === undefined) lua.lua_pushnil(L);
  else lua.lua_pushcfunction(L, method);
  return 1;
};

const dispatchers = new Map<string, LuaCFunction>();

/**
 * The function stored under a method name in the shared method table: it calls the method of
 * that name of *self's* class (so one native table lookup finds methods of every class).
 */
function dispatcher(name: string): LuaCFunction {
  let fn = dispatchers.get(name);
  if (fn === undefined) {
    fn = (L) => {
      const self = lua.lua_touserdata(L, 1);
      const method = classOf(self)?.functions.get(name);
      if (method === undefined) {
        pushString(L, `${typeNameAt(L, 1)} has no method '${name}'`);
        return lua.lua_error(L);
      }
      return method(L, currentProcess());
    };
    dispatchers.set(name, fn);
  }
  return fn;
}

/** A table of every method name of the classes defined so far (falling back to `objectIndex`). */
function pushMethodTable(L: LuaState): void {
  lua.lua_createtable(L, 0, 64);
  for (const cls of classes.values()) {
    for (const name of cls.methods.keys()) {
      lua.lua_pushcfunction(L, dispatcher(name));
      lua.lua_setfield(L, -2, name);
    }
  }
  lua.lua_createtable(L, 0, 1);
  lua.lua_pushcfunction(L, objectIndex);
  lua.lua_setfield(L, -2, "__index");
  lua.lua_setmetatable(L, -2);
}

const objectToString: LuaCFunction = (L) => {
  pushString(L, describe(lua.lua_touserdata(L, 1)));
  return 1;
};

/** `..` with an object on either side: objects with a `tostring` concatenate as text. */
const objectConcat: LuaCFunction = (L) => {
  for (const idx of [1, 2]) {
    const t = lua.lua_type(L, idx);
    if (t === lua.LUA_TSTRING || t === lua.LUA_TNUMBER) continue;
    const cls = t === lua.LUA_TLIGHTUSERDATA ? classOf(lua.lua_touserdata(L, idx)) : undefined;
    if (cls?.tostring === undefined) {
      pushString(L, `attempt to concatenate a ${typeNameAt(L, idx)} value`);
      return lua.lua_error(L);
    }
    pushString(L, describe(lua.lua_touserdata(L, idx)));
    lua.lua_replace(L, idx);
  }
  lua.lua_settop(L, 2);
  lua.lua_concat(L, 2);
  return 1;
};

const objectNewIndex: LuaCFunction = (L) => {
  pushString(L, `attempt to modify a ${typeNameAt(L, 1)} object`);
  return lua.lua_error(L);
};

/** Gives every light userdata of this state the object metatable. */
export function installObjectMetatable(L: LuaState): void {
  lua.lua_pushlightuserdata(L, null);
  lua.lua_createtable(L, 0, 5);
  pushMethodTable(L);
  lua.lua_setfield(L, -2, "__index");
  const fields: [string, LuaCFunction][] = [
    ["__tostring", objectToString],
    ["__concat", objectConcat],
    ["__newindex", objectNewIndex],
  ];
  for (const [name, fn] of fields) {
    lua.lua_pushcfunction(L, fn);
    lua.lua_setfield(L, -2, name);
  }
  lua.lua_pushboolean(L, false);
  lua.lua_setfield(L, -2, "__metatable");
  lua.lua_setmetatable(L, -2);
  lua.lua_pop(L, 1);
}
