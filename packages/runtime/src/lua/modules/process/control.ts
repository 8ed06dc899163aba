/**
 * Control of processes from Lua (LUA_API.md §3): identity (`pid`, `id`), monitors and links,
 * options (`trap_links`, and `upgradable` — OUTDATED events, LUA_API.md §7), `cancel`,
 * `terminate`, and the name registry.
 *
 * Every call returns `true | nil, err` (kernel `Result`s), except `registry.lookup` (pid |
 * nil, NotFound), `registry.unregister` (true | false, or false, err when refused) and
 * `get_options` (a table). Security (issue 9): `process.monitor|unmonitor|link|unlink|cancel|
 * terminate` on the destination, `process.registry.register|unregister` on the name, and
 * `process.registry.foreign` on the pid when registering a name for another process; a refusal
 * is `PermissionDenied` and nothing happens. `lookup` is not checked (as in Wippy). A call
 * that ends the caller itself — `terminate` of itself, or of a linked process while not
 * trapping links — gives up the turn at once, so no more of its code runs.
 */
import { fail, type Result } from "../../../kernel";
import { yieldThen } from "../../vm/blocking";
import { lua, type LuaState } from "../../vm/fengari";
import type { LuaFunction } from "../../vm/lua-function";
import type { LuaProcess } from "../../vm/lua-process";
import { checkString, optString, pushString } from "../../vm/strings";
import { isUpgradable, setUpgradable } from "../../vm/upgradable";
import { pushError, returnBoolean, returnError, returnResult } from "../results";
import { authorize, authorizeDest } from "../security/authorize";

/** Returns `result`, yielding first if the call killed the caller. */
function settle(L: LuaState, proc: LuaProcess, result: Result<unknown>): number {
  const push = (L2: LuaState): number => (result.ok ? returnBoolean(L2, true) : returnError(L2, result.error));
  return proc.ctx.isAlive() ? push(L) : yieldThen(L, push);
}

type DestAction = "process.monitor" | "process.unmonitor" | "process.link" | "process.unlink" | "process.terminate" | "process.cancel";

const onDest =
  (action: DestAction, act: (proc: LuaProcess, dest: string, L: LuaState) => Result<unknown>): LuaFunction =>
  (L, proc) => {
    const dest = checkString(L, 1);
    const denied = authorizeDest(proc, action, dest);
    return settle(L, proc, denied !== null ? fail(denied) : act(proc, dest, L));
  };

export const monitor = onDest("process.monitor", (p, d) => p.ctx.monitor(d));
export const unmonitor = onDest("process.unmonitor", (p, d) => p.ctx.unmonitor(d));
export const link = onDest("process.link", (p, d) => p.ctx.link(d));
export const unlink = onDest("process.unlink", (p, d) => p.ctx.unlink(d));
export const terminate = onDest("process.terminate", (p, d) => p.ctx.terminate(d));
export const cancel = onDest("process.cancel", (p, d, L) => p.ctx.cancel(d, optString(L, 2)));

export const pid: LuaFunction = (L, proc) => {
  pushString(L, proc.ctx.pid);
  return 1;
};

export const id: LuaFunction = (L, proc) => {
  pushString(L, proc.entry.id);
  return 1;
};

/** The boolean field `name` of the table at 1, or undefined when it is absent or not a boolean. */
function booleanField(L: LuaState, name: string): boolean | undefined {
  lua.lua_getfield(L, 1, name);
  const value = lua.lua_type(L, -1) === lua.LUA_TBOOLEAN ? lua.lua_toboolean(L, -1) : undefined;
  lua.lua_pop(L, 1);
  return value;
}

export const setOptions: LuaFunction = (L, proc) => {
  if (lua.lua_type(L, 1) !== lua.LUA_TTABLE) return returnError(L, { kind: "Invalid", message: "process.set_options expects a table" });
  const trapLinks = booleanField(L, "trap_links");
  if (trapLinks !== undefined) proc.ctx.setOptions({ trapLinks });
  const upgradable = booleanField(L, "upgradable");
  if (upgradable !== undefined) setUpgradable(proc, upgradable);
  return returnBoolean(L, true);
};

export const getOptions: LuaFunction = (L, proc) => {
  lua.lua_createtable(L, 0, 2);
  lua.lua_pushboolean(L, proc.ctx.options().trapLinks);
  lua.lua_setfield(L, -2, "trap_links");
  lua.lua_pushboolean(L, isUpgradable(proc));
  lua.lua_setfield(L, -2, "upgradable");
  return 1;
};

export const register: LuaFunction = (L, proc) => {
  const name = checkString(L, 1);
  const pid = optString(L, 2);
  const denied =
    authorize(proc, "process.registry.register", name) ?? (pid !== undefined && pid !== proc.pid ? authorize(proc, "process.registry.foreign", pid, () => ({ name })) : null);
  return settle(L, proc, denied !== null ? fail(denied) : proc.ctx.register(name, pid));
};

export const lookup: LuaFunction = (L, proc) => returnResult(L, proc.ctx.lookup(checkString(L, 1)), pushString);

export const unregister: LuaFunction = (L, proc) => {
  const name = checkString(L, 1);
  const denied = authorize(proc, "process.registry.unregister", name);
  if (denied === null) return returnBoolean(L, proc.ctx.unregister(name));
  lua.lua_pushboolean(L, false);
  pushError(L, denied);
  return 2;
};

/** Name scopes of Wippy's cluster registry; this runtime is one node, so all act as LOCAL. */
export const NAME_SCOPES = { LOCAL: 0, EVENTUAL: 1, CONSISTENT: 2, STRONG: 3 } as const;
