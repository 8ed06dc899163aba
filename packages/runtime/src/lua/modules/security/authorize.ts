/**
 * Where Lua modules ask "may this process do that?" (issue 9) — one helper per question, used
 * by `process`, `funcs`, `registry`, `events` and `security` at the single place each
 * capability is exercised. Action names and resources: `security/actions.ts`.
 *
 * - `authorize(proc, action, resource, meta?)` → null when allowed, else a `PermissionDenied`
 *   error (not retryable) naming the action, the resource and why. `meta` is a thunk: it is
 *   only computed when a check really runs.
 * - Fast path: a process with neither actor nor scope, in permissive mode (the default), is
 *   allowed without building a request — two property reads per call.
 * - `authorizeContext(index, context, pid, …)`: the same check for a caller that is not a Lua
 *   process of this runtime — a workflow run, whose own calls and activities the engine checks.
 * - `handOff(proc, actor, scope, action)`: the context a child (spawned process, function
 *   call) gets. Nothing given → the caller's own (inherited). An actor or scope given →
 *   `action` (`process.security` / `funcs.security`) must be allowed on `security`, and a
 *   caller that has a context can only hand on a scope within its own (`narrowScope`).
 *
 * In: the calling process, the check. Out: `WippyError | null`, or the child's context.
 */
import { fail, ok, wippyError, type Kernel, type Result, type WippyError } from "../../../kernel";
import {
  decide,
  denialMessage,
  EMPTY_SCOPE,
  hasContext,
  narrowScope,
  SECURITY_RESOURCE,
  type Actor,
  type Meta,
  type PolicyIndex,
  type Scope,
  type SecurityAction,
  type SecurityContext,
} from "../../../security";
import type { LuaProcess } from "../../vm/lua-process";

/** True when nothing this process does is checked (no context, permissive mode). */
export function isUnrestricted(proc: LuaProcess): boolean {
  return proc.security === undefined && !proc.vm.runtime.policies().strictMode;
}

export function authorize(proc: LuaProcess, action: SecurityAction, resource: string, meta?: () => Meta): WippyError | null {
  return authorizeContext(proc.vm.runtime.policies(), proc.security, proc.pid, action, resource, meta);
}

/** `authorize` for a caller that is not a Lua process of this runtime (a workflow run: `pid` is its stable pid). */
export function authorizeContext(index: PolicyIndex, context: SecurityContext | undefined, pid: string, action: SecurityAction, resource: string, meta?: () => Meta): WippyError | null {
  if (context === undefined && !index.strictMode) return null;
  const request = { action, resource, meta: { pid, ...meta?.() } };
  const verdict = decide(index, context, request);
  if (verdict.allowed) return null;
  const details: Record<string, unknown> = { action, resource, decision: verdict.decision };
  if (verdict.policy !== undefined) details.policy = verdict.policy;
  return wippyError("PermissionDenied", denialMessage(verdict, request, context), { retryable: false, details });
}

/** `meta.target` (the pid a destination resolves to) and `meta.entry` (what that process runs). */
export function destinationMeta(proc: LuaProcess, dest: string): Meta {
  return destinationMetaOn(proc.vm.runtime.kernel, dest);
}

export function destinationMetaOn(kernel: Kernel, dest: string): Meta {
  const info = kernel.info(dest);
  return info.ok ? { target: info.value.pid, entry: info.value.entry } : {};
}

/** `authorize` for an action on a destination (pid or name), with its meta (and `meta.topic` for a send). */
export function authorizeDest(proc: LuaProcess, action: SecurityAction, dest: string, topic?: string): WippyError | null {
  // Message passing is the hot path: nothing is allocated unless a check really runs.
  if (isUnrestricted(proc)) return null;
  return authorize(proc, action, dest, () => (topic === undefined ? destinationMeta(proc, dest) : { topic, ...destinationMeta(proc, dest) }));
}

export function handOff(proc: LuaProcess, actor: Actor | undefined, scope: Scope | undefined, action: "process.security" | "funcs.security"): Result<SecurityContext | undefined> {
  const parent = proc.security;
  if (actor === undefined && scope === undefined) return ok(parent);
  const denied = authorize(proc, action, SECURITY_RESOURCE);
  if (denied !== null) return fail(denied);
  let childScope = scope ?? parent?.scope;
  if (scope !== undefined && hasContext(parent)) {
    const narrowed = narrowScope(proc.vm.runtime.policies(), parent.scope ?? EMPTY_SCOPE, scope);
    if (!narrowed.ok) {
      const message = `permission denied: ${action} on "${SECURITY_RESOURCE}" (a scope can only be narrowed: ${narrowed.reason})`;
      return fail(wippyError("PermissionDenied", message, { retryable: false, details: { action, resource: SECURITY_RESOURCE, decision: "deny" } }));
    }
    childScope = narrowed.scope;
  }
  const child: { actor?: Actor; scope?: Scope } = {};
  const childActor = actor ?? parent?.actor;
  if (childActor !== undefined) child.actor = childActor;
  if (childScope !== undefined) child.scope = childScope;
  return ok(Object.freeze(child));
}
