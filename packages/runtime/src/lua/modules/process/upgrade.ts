/**
 * `process.upgrade(id_or_nil, ...state)` (LUA_API.md §7 "Hot change"): the calling process
 * goes on running the newest code of entry `id` — looked up through the runtime's resolver
 * now, relative ids in the caller's namespace — by calling that entry's method (as spawn
 * does) with `...state`. `nil` means the entry it runs (or, once supervision has pointed its
 * service at another `process.lua`, that one: `setUpgradeTarget`).
 *
 * On success the call does not return: the old code's stack is abandoned, wherever the call
 * was made (inside `pcall`, a coroutine, a `coroutine.spawn` thread), and the process keeps
 * pid, mailbox, names, links, monitors, options and context (see `vm/lua-process.ts`).
 * Otherwise it returns `nil, err` and the old code goes on:
 * - no such entry → `NotFound`; not a `process.lua`, a source that does not compile → `Invalid`;
 * - state that is not plain data (a function, a channel, a cycle, too large) → `Invalid`:
 *   state is copied like spawn arguments, so the new code holds nothing of the old one;
 * - the caller is not a `process.lua` process (a function call), or is inside a call that
 *   cannot yield (a metamethod, an iterator, a callback from JS) → `Invalid`.
 * - security (issue 9): the process keeps its actor and scope. Upgrading into *another* entry
 *   than the one it runs (or that supervision points it at) is running that entry's code —
 *   with that entry's `modules` — so it needs what starting it would: `process.spawn` on the
 *   entry id (`PermissionDenied` otherwise).
 */
import { fail, wippyError, type Result, type WippyError } from "../../../kernel";
import { UpgradeRequest, yieldForUpgrade } from "../../vm/blocking";
import { absoluteId, type CompiledEntry } from "../../vm/chunks";
import { lua } from "../../vm/fengari";
import type { LuaFunction } from "../../vm/lua-function";
import type { LuaProcess } from "../../vm/lua-process";
import { checkString } from "../../vm/strings";
import { copyOutRange } from "../../vm/values";
import { returnError } from "../results";
import { authorize } from "../security/authorize";

const UPGRADABLE_KIND = "process.lua";

const targets = new WeakMap<LuaProcess, string>();

/** What `process.upgrade(nil, …)` of `proc` runs from now on. */
export function setUpgradeTarget(proc: LuaProcess, id: string): void {
  if (id === proc.entry.id) targets.delete(proc);
  else targets.set(proc, id);
}

const invalid = (message: string): WippyError => wippyError("Invalid", `process.upgrade: ${message}`);
const refuse = (message: string): Result<never> => fail(invalid(message));

function newCode(proc: LuaProcess, id: string): Result<CompiledEntry> {
  if (proc.entry.kind !== UPGRADABLE_KIND) return refuse(`only a process can upgrade; ${proc.entry.id} is a ${proc.entry.kind}`);
  const entry = proc.vm.runtime.resolveEntry(id);
  if (entry === undefined) return fail(wippyError("NotFound", `process.upgrade: entry ${id} not found`, { details: { id } }));
  if (entry.kind !== UPGRADABLE_KIND) return refuse(`entry ${id} is a ${entry.kind}, not a process.lua`);
  return proc.vm.compile(entry);
}

export const upgrade: LuaFunction = (L, proc) => {
  const own = targets.get(proc) ?? proc.entry.id;
  const id = lua.lua_isnoneornil(L, 1) ? own : absoluteId(checkString(L, 1), proc.entry.scope.namespace);
  const denied = id === own || id === proc.entry.id ? null : authorize(proc, "process.spawn", id, () => ({ upgrade: true }));
  if (denied !== null) return returnError(L, denied);
  const state = copyOutRange(L, 2, lua.lua_gettop(L), proc.vm.runtime.copyLimits);
  if (!state.ok) return returnError(L, invalid(`bad state: ${state.error.message}`));
  const code = newCode(proc, id);
  if (!code.ok) return returnError(L, code.error);
  if (!lua.lua_isyieldable(L)) return returnError(L, invalid("called inside a call that cannot yield (a metamethod, iterator or callback called from JS)"));
  targets.delete(proc);
  return yieldForUpgrade(L, new UpgradeRequest(code.value, state.value));
};
