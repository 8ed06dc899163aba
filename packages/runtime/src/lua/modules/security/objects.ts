/**
 * The values of the `security` module (Wippy's `lua/security/security.md`): Actor, Scope and
 * Policy objects. They are opaque to Lua (light userdata whose metatable is hidden), so code
 * can only get one from the module — a table `{id = "admin"}` is not an actor anywhere.
 *
 * - Actor: `:id()`, `:meta()` (a fresh copy of the table).
 * - Scope: `:with(policy)` / `:without(id)` → a new scope (raise when `security.scope.create`
 *   on `with` / `without` is refused); `:evaluate(actor, action, resource, meta?)` →
 *   `"allow" | "deny" | "undefined"`; `:contains(id)`; `:policies()` → Policy objects, groups
 *   resolved against the registry now.
 * - Policy: `:id()`, `:evaluate(actor, action, resource, meta?)`.
 * The same context value always gives the same object (`security.actor() == security.actor()`).
 */
import type { JsonValue } from "@wippy/shared";
import { evaluateScope, scopeContains, scopeWith, scopeWithout, SCOPE_RESOURCES, type AccessRequest, type Actor, type Policy, type Scope } from "../../../security";
import { lua, type LuaState } from "../../vm/fengari";
import type { LuaFunction } from "../../vm/lua-function";
import type { LuaProcess } from "../../vm/lua-process";
import { checkObject, defineClass, pushObject, toObject, type LuaClass } from "../../vm/objects";
import { checkString, pushString } from "../../vm/strings";
import { copyOut, pushValue } from "../../vm/values";
import { raiseError } from "../results";
import { authorize } from "./authorize";

export class LuaActor {
  constructor(readonly actor: Actor) {}
}

export class LuaScope {
  constructor(readonly scope: Scope) {}
}

export class LuaPolicy {
  constructor(readonly policy: Policy) {}
}

const actors = new WeakMap<Actor, LuaActor>();
const scopes = new WeakMap<Scope, LuaScope>();
const policies = new WeakMap<Policy, LuaPolicy>();

export function pushActor(L: LuaState, actor: Actor): void {
  let obj = actors.get(actor);
  if (obj === undefined) actors.set(actor, (obj = new LuaActor(actor)));
  pushObject(L, obj);
}

export function pushScope(L: LuaState, scope: Scope): void {
  let obj = scopes.get(scope);
  if (obj === undefined) scopes.set(scope, (obj = new LuaScope(scope)));
  pushObject(L, obj);
}

export function pushPolicy(L: LuaState, policy: Policy): void {
  let obj = policies.get(policy);
  if (obj === undefined) policies.set(policy, (obj = new LuaPolicy(policy)));
  pushObject(L, obj);
}

/** Argument `idx` as plain-data fields (nil → none); raises for anything else. */
export function fieldsArg(L: LuaState, idx: number, what: string): Record<string, JsonValue> | undefined {
  if (lua.lua_isnoneornil(L, idx)) return undefined;
  if (lua.lua_type(L, idx) !== lua.LUA_TTABLE) return raiseError(L, `${what} must be a table`);
  const copied = copyOut(L, idx);
  if (!copied.ok) return raiseError(L, `${what}: ${copied.error.message}`);
  // An empty Lua table copies as `[]`; as a set of fields it is simply empty.
  return Array.isArray(copied.value) ? {} : (copied.value as Record<string, JsonValue>);
}

/** `(actor, action, resource, meta?)` from `first` on: the request and the actor (nil → none). */
function requestArgs(L: LuaState, first: number): { actor: Actor | undefined; request: AccessRequest } {
  const actor = lua.lua_isnoneornil(L, first) ? undefined : checkObject(L, first, ACTOR_CLASS).actor;
  const request = { action: checkString(L, first + 1), resource: checkString(L, first + 2), meta: fieldsArg(L, first + 3, "meta") };
  return { actor, request };
}

const pushText = (L: LuaState, text: string): number => {
  pushString(L, text);
  return 1;
};

export const ACTOR_CLASS: LuaClass<LuaActor> = defineClass(LuaActor, {
  name: "actor",
  tostring: (a) => `actor ${a.actor.id}`,
  methods: {
    id: (L) => pushText(L, checkObject(L, 1, ACTOR_CLASS).actor.id),
    meta: (L) => {
      pushValue(L, checkObject(L, 1, ACTOR_CLASS).actor.meta);
      return 1;
    },
  },
});

export const POLICY_CLASS: LuaClass<LuaPolicy> = defineClass(LuaPolicy, {
  name: "policy",
  tostring: (p) => `policy ${p.policy.id}`,
  methods: {
    id: (L) => pushText(L, checkObject(L, 1, POLICY_CLASS).policy.id),
    evaluate: (L) => {
      const { policy } = checkObject(L, 1, POLICY_CLASS);
      const { actor, request } = requestArgs(L, 2);
      return pushText(L, policy.evaluate(actor, request));
    },
  },
});

const scopeOf = (L: LuaState): Scope => checkObject(L, 1, SCOPE_CLASS).scope;

/** Raises when `security.scope.create` on `resource` is refused (Wippy raises here). */
function allowScopeChange(L: LuaState, proc: LuaProcess, resource: string): void {
  const denied = authorize(proc, "security.scope.create", resource);
  if (denied !== null) raiseError(L, denied);
}

const scopeWithMethod: LuaFunction = (L, proc) => {
  const scope = scopeOf(L);
  const policy = checkObject(L, 2, POLICY_CLASS).policy;
  allowScopeChange(L, proc, SCOPE_RESOURCES.with);
  pushScope(L, scopeWith(scope, policy.id));
  return 1;
};

const scopeWithoutMethod: LuaFunction = (L, proc) => {
  const scope = scopeOf(L);
  const policy = toObject(L, 2, POLICY_CLASS);
  const id = policy !== null ? policy.policy.id : checkString(L, 2);
  allowScopeChange(L, proc, SCOPE_RESOURCES.without);
  pushScope(L, scopeWithout(proc.vm.runtime.policies(), scope, id));
  return 1;
};

export const SCOPE_CLASS: LuaClass<LuaScope> = defineClass(LuaScope, {
  name: "scope",
  tostring: (s) => `scope (${s.scope.policies.length} policies, ${s.scope.groups.length} groups)`,
  methods: {
    with: scopeWithMethod,
    without: scopeWithoutMethod,
    evaluate: (L, proc) => {
      const scope = scopeOf(L);
      const { actor, request } = requestArgs(L, 2);
      return pushText(L, evaluateScope(proc.vm.runtime.policies(), scope, actor, request).decision);
    },
    contains: (L, proc) => {
      const scope = scopeOf(L);
      lua.lua_pushboolean(L, scopeContains(proc.vm.runtime.policies(), scope, checkString(L, 2)));
      return 1;
    },
    policies: (L, proc) => {
      const resolved = proc.vm.runtime.policies().resolve(scopeOf(L)).policies;
      lua.lua_createtable(L, resolved.length, 0);
      resolved.forEach((policy, i) => {
        pushPolicy(L, policy);
        lua.lua_rawseti(L, -2, i + 1);
      });
      return 1;
    },
  },
});
