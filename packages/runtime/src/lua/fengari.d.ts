/**
 * Minimal typings for fengari 0.1.5 (which ships none): only what `lua/` uses. A Lua string on
 * the fengari side is a `Uint8Array`; `to_luastring` / `to_jsstring` convert.
 */
declare module "fengari" {
  export type LuaState = { readonly __brand: "lua_State" };
  export type LuaString = Uint8Array;

  export function to_luastring(s: string): LuaString;
  export function to_jsstring(s: LuaString): string;

  export const lua: {
    readonly LUA_OK: number;
    readonly LUA_ERRSYNTAX: number;
    readonly LUA_MULTRET: number;
    readonly LUA_TNIL: number;
    readonly LUA_TBOOLEAN: number;
    readonly LUA_TNUMBER: number;
    lua_type(L: LuaState, idx: number): number;
    lua_close(L: LuaState): void;
    lua_gettop(L: LuaState): number;
    lua_settop(L: LuaState, idx: number): void;
    lua_pop(L: LuaState, n: number): void;
    lua_pushvalue(L: LuaState, idx: number): void;
    lua_pcall(L: LuaState, nargs: number, nresults: number, msgh: number): number;
    lua_tojsstring(L: LuaState, idx: number): string | null;
    lua_tonumber(L: LuaState, idx: number): number;
    lua_toboolean(L: LuaState, idx: number): boolean;
    lua_isinteger(L: LuaState, idx: number): boolean;
    lua_pushglobaltable(L: LuaState): void;
    lua_setglobal(L: LuaState, name: LuaString | string): void;
    lua_getglobal(L: LuaState, name: LuaString | string): number;
  };

  export const lauxlib: {
    luaL_newstate(): LuaState;
    luaL_loadbuffer(L: LuaState, buff: LuaString, size: number | null, chunkname: LuaString | string): number;
    luaL_tolstring(L: LuaState, idx: number): LuaString;
  };

  export const lualib: {
    luaL_openlibs(L: LuaState): void;
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
