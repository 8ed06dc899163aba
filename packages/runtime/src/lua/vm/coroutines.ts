/**
 * The `coroutine` library of the sandbox (LUA_API.md §2).
 *
 * Terms:
 * - Root thread: a thread the process behaviour resumes itself — the process's main thread
 *   and every `coroutine.spawn` thread. User coroutines are all other threads.
 * - `create/resume/wrap/yield/status/running/isyieldable` behave as in Lua 5.3, with one
 *   addition: when a user coroutine yields because of the *scheduler* (a blocking call or
 *   preemption left a pending request, see `blocking.ts`), `resume`/`wrap` do not return to
 *   Lua: they yield their own thread with a continuation, and when the behaviour resumes the
 *   root they resume the coroutine again. So `time.sleep` inside `coroutine.wrap` works, and
 *   an endless loop inside a coroutine is preempted like any other.
 * - `yield` on a root thread raises ("attempt to yield from outside a coroutine"): the root's
 *   yields belong to the scheduler. `running()` says `true` for "main" on root threads.
 * - `spawn(fn)`: a new root thread in the same process, run by the behaviour (`LuaProcess`).
 *
 * In: Lua calls. Out: the standard results; scheduler yields passed upward untouched.
 */
import { hasPending, peekPending, PREEMPT, takePending, UpgradeRequest } from "./blocking";
import { lauxlib, lua, type LuaCFunction, type LuaKFunction, type LuaState } from "./fengari";
import type { LuaFunction } from "./lua-function";
import { pushString } from "./strings";

const roots = new WeakSet<LuaState>();

export function markRoot(L: LuaState): void {
  roots.add(L);
}

export function isRoot(L: LuaState): boolean {
  return roots.has(L);
}

const ERROR = -1;

function checkThread(L: LuaState, idx: number): LuaState {
  const co = lua.lua_tothread(L, idx);
  if (co === null) lauxlib.luaL_argerror(L, idx, "coroutine expected");
  return co as LuaState;
}

/**
 * Resumes `co` with `nargs` values already moved onto it; leaves the results (or the error
 * message) on `L` and returns their count (or ERROR). On a scheduler yield inside `co`, yields
 * `L` itself with continuation `k` — that call does not return.
 */
function drive(L: LuaState, co: LuaState, nargs: number, k: LuaKFunction<LuaState>): number {
  for (;;) {
    const status = lua.lua_resume(co, L, nargs);
    nargs = 0;
    if (status === lua.LUA_YIELD && hasPending()) {
      if (lua.lua_isyieldable(L)) return lua.lua_yieldk(L, 0, co, k);
      if (peekPending() === PREEMPT) {
        // Cannot pass a preemption up from here: finish the coroutine's slice instead.
        takePending();
        continue;
      }
      const what = takePending() instanceof UpgradeRequest ? "process.upgrade" : "attempt to block";
      pushString(L, `${what} inside a coroutine resumed from a call that cannot yield`);
      return ERROR;
    }
    if (status === lua.LUA_OK || status === lua.LUA_YIELD) {
      const n = lua.lua_gettop(co);
      if (!lua.lua_checkstack(L, n + 1)) {
        lua.lua_pop(co, n);
        pushString(L, "too many results to resume");
        return ERROR;
      }
      lua.lua_xmove(co, L, n);
      return n;
    }
    lua.lua_xmove(co, L, 1);
    return ERROR;
  }
}

/** Moves `nargs` values from `L` to `co` unless `co` cannot be resumed (then returns why). */
function startResume(L: LuaState, co: LuaState, nargs: number): string | null {
  if (co === L) return "cannot resume non-suspended coroutine";
  if (lua.lua_status(co) === lua.LUA_OK && lua.lua_gettop(co) === 0) return "cannot resume dead coroutine";
  if (!lua.lua_checkstack(co, nargs)) return "too many arguments to resume";
  lua.lua_xmove(L, co, nargs);
  return null;
}

function finishResume(L: LuaState, n: number): number {
  if (n === ERROR) {
    lua.lua_pushboolean(L, false);
    lua.lua_insert(L, -2);
    return 2;
  }
  lua.lua_pushboolean(L, true);
  lua.lua_insert(L, -(n + 1));
  return n + 1;
}

const resumeAgain: LuaKFunction<LuaState> = (L, _status, co) => finishResume(L, drive(L, co, 0, resumeAgain));

const resume: LuaFunction = (L) => {
  const co = checkThread(L, 1);
  const nargs = lua.lua_gettop(L) - 1;
  const refused = startResume(L, co, nargs);
  if (refused !== null) {
    lua.lua_pushboolean(L, false);
    pushString(L, refused);
    return 2;
  }
  return finishResume(L, drive(L, co, nargs, resumeAgain));
};

function finishWrap(L: LuaState, n: number): number {
  if (n !== ERROR) return n;
  if (lua.lua_type(L, -1) === lua.LUA_TSTRING) {
    lauxlib.luaL_where(L, 1);
    lua.lua_insert(L, -2);
    lua.lua_concat(L, 2);
  }
  return lua.lua_error(L);
}

const wrapAgain: LuaKFunction<LuaState> = (L, _status, co) => finishWrap(L, drive(L, co, 0, wrapAgain));

const wrapped: LuaCFunction = (L) => {
  const co = lua.lua_tothread(L, lua.lua_upvalueindex(1)) as LuaState;
  const nargs = lua.lua_gettop(L);
  const refused = startResume(L, co, nargs);
  if (refused !== null) {
    pushString(L, refused);
    return finishWrap(L, ERROR);
  }
  return finishWrap(L, drive(L, co, nargs, wrapAgain));
};

function newThread(L: LuaState): LuaState {
  lauxlib.luaL_checktype(L, 1, lua.LUA_TFUNCTION);
  const co = lua.lua_newthread(L);
  lua.lua_pushvalue(L, 1);
  lua.lua_xmove(L, co, 1);
  return co;
}

const create: LuaFunction = (L) => {
  newThread(L);
  return 1;
};

const wrap: LuaFunction = (L) => {
  newThread(L);
  lua.lua_pushcclosure(L, wrapped, 1);
  return 1;
};

const yieldCo: LuaFunction = (L) => {
  if (isRoot(L)) {
    pushString(L, "attempt to yield from outside a coroutine");
    return lua.lua_error(L);
  }
  return lua.lua_yield(L, lua.lua_gettop(L));
};

const status: LuaFunction = (L) => {
  const co = checkThread(L, 1);
  pushString(L, statusOf(L, co));
  return 1;
};

function statusOf(L: LuaState, co: LuaState): string {
  if (L === co) return "running";
  const s = lua.lua_status(co);
  if (s === lua.LUA_YIELD) return "suspended";
  if (s !== lua.LUA_OK) return "dead";
  if (lua.lua_getstack(co, 0, new lua.lua_Debug()) > 0) return "normal";
  return lua.lua_gettop(co) === 0 ? "dead" : "suspended";
}

const running: LuaFunction = (L) => {
  lua.lua_pushthread(L);
  lua.lua_pushboolean(L, isRoot(L));
  return 2;
};

const isyieldable: LuaFunction = (L) => {
  lua.lua_pushboolean(L, !isRoot(L) && lua.lua_isyieldable(L));
  return 1;
};

const spawn: LuaFunction = (L, proc) => {
  lauxlib.luaL_checktype(L, 1, lua.LUA_TFUNCTION);
  const co = lua.lua_newthread(L);
  lua.lua_pushvalue(L, 1);
  lua.lua_xmove(L, co, 1);
  lua.lua_pop(L, 1);
  proc.spawnRoot(co);
  return 0;
};

export const COROUTINE_FUNCTIONS: Readonly<Record<string, LuaFunction>> = {
  create,
  resume,
  wrap,
  yield: yieldCo,
  status,
  running,
  isyieldable,
  spawn,
};
