/**
 * `security` (require, listed in `modules:`) — Wippy's `lua/security/security.md`:
 *
 * - `security.actor()` / `security.scope()` → the caller's Actor / Scope, or nil.
 * - `security.can(action, resource, meta?)` → boolean: the caller's actor and scope evaluated
 *   as the runtime's own checks are (strict mode included), with `meta` exactly as given.
 * - `security.new_actor(id, meta?)` → Actor; `security.new_scope(policies?)` → Scope (a list
 *   of Policy objects). Both raise when `security.actor.create` (on the id) / `security.scope.create`
 *   (on `custom`) is refused, and on bad arguments — as Wippy does.
 * - `security.policy(id)` → Policy | nil, err: `PermissionDenied` (`security.policy.get`),
 *   `NotFound`, or `Invalid` for an entry that is not a usable `security.policy`.
 * - `security.named_scope(group)` → Scope | nil, err: the group's policies (the group stays
 *   live: policies that join it later count); `PermissionDenied` (`security.policy_group.get`)
 *   or `NotFound` when no policy declares the group. A bare name is in the caller's namespace.
 *
 * Holding an Actor or Scope grants nothing: a process runs with the context it was started
 * with; handing one to a child needs `process.security` / `funcs.security` and a scope within
 * the caller's own (`authorize.ts`).
 */
import { resolveEntryRef } from "@wippy/shared";
import { wippyError } from "../../../kernel";
import { decide, makeScope, POLICY_KIND, SCOPE_RESOURCES } from "../../../security";
import { lua, type LuaState } from "../../vm/fengari";
import type { LuaFunction } from "../../vm/lua-function";
import type { LuaProcess } from "../../vm/lua-process";
import { checkObject } from "../../vm/objects";
import { checkString } from "../../vm/strings";
import { defineModule } from "../define-module";
import { raiseError, returnError } from "../results";
import { authorize } from "./authorize";
import { fieldsArg, POLICY_CLASS, pushActor, pushPolicy, pushScope } from "./objects";

const nilOr =
  <T>(get: (proc: Parameters<LuaFunction>[1]) => T | undefined, push: (L: LuaState, value: T) => void): LuaFunction =>
  (L, proc) => {
    const value = get(proc);
    if (value === undefined) lua.lua_pushnil(L);
    else push(L, value);
    return 1;
  };

/** `security.can`'s arguments (raises on bad ones) and the answer it gives now. */
export function canAnswer(L: LuaState, proc: LuaProcess): () => boolean {
  const request = { action: checkString(L, 1), resource: checkString(L, 2), meta: fieldsArg(L, 3, "meta") };
  return () => decide(proc.vm.runtime.policies(), proc.security, request).allowed;
}

const can: LuaFunction = (L, proc) => {
  lua.lua_pushboolean(L, canAnswer(L, proc)());
  return 1;
};

const newActor: LuaFunction = (L, proc) => {
  const id = checkString(L, 1);
  if (id === "") return raiseError(L, "security.new_actor: the id must not be empty");
  const meta = fieldsArg(L, 2, "security.new_actor: meta") ?? {};
  const denied = authorize(proc, "security.actor.create", id);
  if (denied !== null) return raiseError(L, denied);
  pushActor(L, Object.freeze({ id, meta: Object.freeze(meta) }));
  return 1;
};

/** The Policy objects of the list at `idx` (nil → none); raises for anything else. */
function policyList(L: LuaState, idx: number): string[] {
  if (lua.lua_isnoneornil(L, idx)) return [];
  if (lua.lua_type(L, idx) !== lua.LUA_TTABLE) return raiseError(L, "security.new_scope expects a list of policies");
  const ids: string[] = [];
  const n = lua.lua_rawlen(L, idx);
  for (let i = 1; i <= n; i++) {
    lua.lua_rawgeti(L, idx, i);
    ids.push(checkObject(L, lua.lua_gettop(L), POLICY_CLASS).policy.id);
    lua.lua_pop(L, 1);
  }
  return ids;
}

const newScope: LuaFunction = (L, proc) => {
  const ids = policyList(L, 1);
  const denied = authorize(proc, "security.scope.create", SCOPE_RESOURCES.custom);
  if (denied !== null) return raiseError(L, denied);
  pushScope(L, makeScope(ids));
  return 1;
};

const policy: LuaFunction = (L, proc) => {
  const id = checkString(L, 1);
  const denied = authorize(proc, "security.policy.get", id);
  if (denied !== null) return returnError(L, denied);
  const found = proc.vm.runtime.policies().lookup(id);
  switch (found.kind) {
    case "found":
      pushPolicy(L, found.policy);
      return 1;
    case "invalid":
      return returnError(L, wippyError("Invalid", `policy ${id} is invalid: ${found.problems.join("; ")}`, { retryable: false, details: { id } }));
    case "missing": {
      const entry = proc.vm.runtime.resolveEntry(id);
      if (entry !== undefined && entry.kind !== POLICY_KIND) return returnError(L, wippyError("Invalid", `${id} is a ${entry.kind}, not a ${POLICY_KIND}`, { retryable: false, details: { id } }));
      return returnError(L, wippyError("NotFound", `policy ${id} not found`, { retryable: false, details: { id } }));
    }
  }
};

const namedScope: LuaFunction = (L, proc) => {
  const id = resolveEntryRef(checkString(L, 1), proc.entry.scope.namespace);
  const denied = authorize(proc, "security.policy_group.get", id);
  if (denied !== null) return returnError(L, denied);
  if (proc.vm.runtime.policies().group(id).length === 0) return returnError(L, wippyError("NotFound", `policy group ${id} not found: no security.policy declares it`, { retryable: false, details: { id } }));
  pushScope(L, makeScope([], [id]));
  return 1;
};

export const securityModule = defineModule({
  name: "security",
  functions: {
    actor: nilOr((proc) => proc.security?.actor, pushActor),
    scope: nilOr((proc) => proc.security?.scope, pushScope),
    can,
    new_actor: newActor,
    new_scope: newScope,
    policy,
    named_scope: namedScope,
  },
});

export { ACTOR_CLASS, SCOPE_CLASS, POLICY_CLASS, LuaActor, LuaScope, LuaPolicy } from "./objects";
export { authorize, authorizeDest, handOff, isUnrestricted } from "./authorize";
