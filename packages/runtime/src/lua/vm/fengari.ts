// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- fengari ships no types; the reference makes them visible to every package that compiles this file
/// <reference path="../fengari.d.ts" />
/**
 * The one import point of fengari for the VM and the modules: its three API namespaces and the
 * types of `fengari.d.ts`. Everything under `lua/vm` and `lua/modules` imports from here.
 */
import fengari from "fengari";

export const { lua, lauxlib, lualib } = fengari;
export type { LuaState, LuaString, LuaCFunction, LuaKFunction, LuaDebug, LuaHook } from "fengari";
