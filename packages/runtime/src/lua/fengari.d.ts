/**
 * Minimal typings for fengari 0.1.5 (which ships none): only what `lua/` uses. A Lua string on
 * the fengari side is a `Uint8Array`; `to_luastring` / `to_jsstring` convert.
 *
 * A "JS function" (`LuaCFunction`) is called with the thread it runs on and returns how many
 * results it left on top of the stack. Continuations (`LuaKFunction`) get the status and the
 * context value given to `lua_yieldk` / `lua_callk` / `lua_pcallk` — any JS value.
 */
declare module "fengari" {
  export type LuaState = { readonly __brand: "lua_State" };
  export type LuaString = Uint8Array;
  export type LuaCFunction = (L: LuaState) => number;
  export type LuaKFunction<C = unknown> = (L: LuaState, status: number, ctx: C) => number;
  export type LuaHook = (L: LuaState, ar: LuaDebug) => void;

  export interface LuaDebug {
    event: number;
    name: LuaString | null;
    namewhat: LuaString | null;
    what: LuaString | null;
    source: LuaString | null;
    currentline: number;
    linedefined: number;
    short_src: LuaString | null;
  }

  export function to_luastring(s: string, cache?: boolean): LuaString;
  export function to_jsstring(s: LuaString, from?: number, to?: number, replacement?: boolean): string;

  export const lua: {
    readonly LUA_OK: number;
    readonly LUA_YIELD: number;
    readonly LUA_ERRRUN: number;
    readonly LUA_ERRSYNTAX: number;
    readonly LUA_ERRMEM: number;
    readonly LUA_ERRERR: number;
    readonly LUA_MULTRET: number;
    readonly LUA_REGISTRYINDEX: number;
    readonly LUA_TNONE: number;
    readonly LUA_TNIL: number;
    readonly LUA_TBOOLEAN: number;
    readonly LUA_TLIGHTUSERDATA: number;
    readonly LUA_TNUMBER: number;
    readonly LUA_TSTRING: number;
    readonly LUA_TTABLE: number;
    readonly LUA_TFUNCTION: number;
    readonly LUA_TUSERDATA: number;
    readonly LUA_TTHREAD: number;
    readonly LUA_MASKCOUNT: number;
    lua_upvalueindex(i: number): number;
    lua_type(L: LuaState, idx: number): number;
    lua_typename(L: LuaState, t: number): LuaString;
    lua_close(L: LuaState): void;
    lua_status(L: LuaState): number;
    lua_gettop(L: LuaState): number;
    lua_settop(L: LuaState, idx: number): void;
    lua_absindex(L: LuaState, idx: number): number;
    lua_checkstack(L: LuaState, n: number): boolean;
    lua_pop(L: LuaState, n: number): void;
    lua_pushvalue(L: LuaState, idx: number): void;
    lua_insert(L: LuaState, idx: number): void;
    lua_remove(L: LuaState, idx: number): void;
    lua_replace(L: LuaState, idx: number): void;
    lua_rotate(L: LuaState, idx: number, n: number): void;
    lua_xmove(from: LuaState, to: LuaState, n: number): void;
    lua_pcall(L: LuaState, nargs: number, nresults: number, msgh: number): number;
    lua_call(L: LuaState, nargs: number, nresults: number): void;
    lua_callk<C>(L: LuaState, nargs: number, nresults: number, ctx: C, k: LuaKFunction<C>): void;
    lua_tojsstring(L: LuaState, idx: number): string | null;
    lua_tolstring(L: LuaState, idx: number): LuaString | null;
    lua_tonumber(L: LuaState, idx: number): number;
    lua_tonumberx(L: LuaState, idx: number): number | false;
    lua_tointegerx(L: LuaState, idx: number): number | false;
    lua_toboolean(L: LuaState, idx: number): boolean;
    lua_touserdata(L: LuaState, idx: number): unknown;
    lua_tothread(L: LuaState, idx: number): LuaState | null;
    lua_tocfunction(L: LuaState, idx: number): LuaCFunction | null;
    lua_isinteger(L: LuaState, idx: number): boolean;
    lua_isstring(L: LuaState, idx: number): boolean;
    lua_isnoneornil(L: LuaState, idx: number): boolean;
    lua_isyieldable(L: LuaState): boolean;
    lua_rawequal(L: LuaState, a: number, b: number): boolean;
    lua_rawlen(L: LuaState, idx: number): number;
    lua_pushnil(L: LuaState): void;
    lua_pushboolean(L: LuaState, b: boolean): void;
    lua_pushinteger(L: LuaState, n: number): void;
    lua_pushnumber(L: LuaState, n: number): void;
    lua_pushstring(L: LuaState, s: LuaString | string): LuaString;
    lua_pushliteral(L: LuaState, s: string): LuaString;
    lua_pushlightuserdata(L: LuaState, p: unknown): void;
    lua_pushcfunction(L: LuaState, f: LuaCFunction): void;
    lua_pushcclosure(L: LuaState, f: LuaCFunction, n: number): void;
    lua_pushthread(L: LuaState): boolean;
    lua_pushglobaltable(L: LuaState): void;
    lua_createtable(L: LuaState, narr: number, nrec: number): void;
    lua_newtable(L: LuaState): void;
    lua_newthread(L: LuaState): LuaState;
    lua_setglobal(L: LuaState, name: LuaString | string): void;
    lua_getglobal(L: LuaState, name: LuaString | string): number;
    lua_getfield(L: LuaState, idx: number, k: LuaString | string): number;
    lua_setfield(L: LuaState, idx: number, k: LuaString | string): void;
    lua_gettable(L: LuaState, idx: number): number;
    lua_settable(L: LuaState, idx: number): void;
    lua_rawget(L: LuaState, idx: number): number;
    lua_rawset(L: LuaState, idx: number): void;
    lua_rawgeti(L: LuaState, idx: number, n: number): number;
    lua_rawseti(L: LuaState, idx: number, n: number): void;
    lua_geti(L: LuaState, idx: number, n: number): number;
    lua_next(L: LuaState, idx: number): number;
    lua_getmetatable(L: LuaState, idx: number): boolean;
    lua_setmetatable(L: LuaState, idx: number): boolean;
    lua_error(L: LuaState): never;
    lua_resume(L: LuaState, from: LuaState | null, nargs: number): number;
    lua_yield(L: LuaState, n: number): number;
    lua_yieldk<C>(L: LuaState, n: number, ctx: C, k: LuaKFunction<C> | null): number;
    lua_sethook(L: LuaState, f: LuaHook | null, mask: number, count: number): void;
    lua_getstack(L: LuaState, level: number, ar: LuaDebug): number;
    lua_getinfo(L: LuaState, what: LuaString | string, ar: LuaDebug): number;
    lua_atnativeerror(L: LuaState, f: LuaCFunction): LuaCFunction | null;
    lua_concat(L: LuaState, n: number): void;
    lua_Debug: new () => LuaDebug;
  };

  export const lauxlib: {
    luaL_newstate(): LuaState;
    luaL_loadbuffer(L: LuaState, buff: LuaString, size: number | null, chunkname: LuaString | string): number;
    luaL_tolstring(L: LuaState, idx: number): LuaString;
    luaL_traceback(L: LuaState, L1: LuaState, msg: LuaString | string | null, level: number): void;
    luaL_requiref(L: LuaState, modname: LuaString | string, openf: LuaCFunction, glb: number): void;
    luaL_checkstack(L: LuaState, space: number, msg: string | null): void;
    luaL_checkany(L: LuaState, arg: number): void;
    luaL_checktype(L: LuaState, arg: number, t: number): void;
    luaL_checkinteger(L: LuaState, arg: number): number;
    luaL_checknumber(L: LuaState, arg: number): number;
    luaL_optinteger(L: LuaState, arg: number, def: number): number;
    luaL_checklstring(L: LuaState, arg: number): LuaString;
    luaL_argerror(L: LuaState, arg: number, extramsg: LuaString | string): never;
    luaL_typename(L: LuaState, idx: number): LuaString;
    luaL_where(L: LuaState, level: number): void;
    luaL_len(L: LuaState, idx: number): number;
  };

  export const lualib: {
    luaL_openlibs(L: LuaState): void;
    luaopen_base: LuaCFunction;
    luaopen_table: LuaCFunction;
    luaopen_string: LuaCFunction;
    luaopen_math: LuaCFunction;
    luaopen_os: LuaCFunction;
    luaopen_utf8: LuaCFunction;
    luaopen_debug: LuaCFunction;
  };

  const fengari: {
    lua: typeof lua;
    lauxlib: typeof lauxlib;
    lualib: typeof lualib;
    to_luastring: typeof to_luastring;
    to_jsstring: typeof to_jsstring;
  };
  export default fengari;
}
