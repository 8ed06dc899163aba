/**
 * A run's security context (`docs/security.md`, "Workflows"): where it is kept and what a
 * node checks a run's work with.
 *
 * Terms:
 * - Context of a run: the actor and scope its spawner gave it — the spawner's own, or one set
 *   with `:with_actor` / `:with_scope` (`handOff`, as for a spawned process); none for runs the
 *   CLI, the control plane or a process without one starts. A child run gets its parent's.
 * - Kept as `RunSecurity` (plain data) in the run's `started` event: the history is what every
 *   node that claims the run replays (failover, timers, upgrade), so it always restores the
 *   same context, and no node has to trust another's memory. A history without it has none.
 * - Where it applies: the code runs with it in the sandbox (`security.actor()`, …); the engine
 *   checks what the code asks of the world when the command is first executed and records the
 *   answer, so a replay never asks the policies again: `process.send` (refused → `message.sent`
 *   with `refused`), activities (`funcs.call`, refused → the attempt fails `PermissionDenied`;
 *   allowed → the function runs with the context), child runs (`process.exec` and
 *   `process.host`, refused → `child.failed`).
 * - `RunGuard`: what a node checks with — its policies in force and its kernel (`meta.target`,
 *   `meta.entry` of a destination). The caller's `meta.pid` is the run's stable pid.
 *
 * In: security contexts, histories, a node's runtime. Out: `RunSecurity`, contexts, checks.
 */
import type { HistoryEvent, RunSecurity } from "@wippy/shared";
import type { Kernel, WippyError } from "../kernel";
import { authorizeContext, destinationMetaOn } from "../lua/modules/security/authorize";
import { hasContext, makeScope, type Actor, type Meta, type PolicyIndex, type SecurityAction, type SecurityContext } from "../security";

export interface RunGuard {
  /** The policies in force on this node (the sandbox's `security` module reads them too). */
  policies(): PolicyIndex;
  /** `meta.target` and `meta.entry` of a destination, as this node resolves it. */
  destination(dest: string): Meta;
}

/** The guard of a node whose runtime (policies, kernel) may be given lazily. */
export function nodeGuard(node: () => { policies(): PolicyIndex; readonly kernel: Kernel }): RunGuard {
  return { policies: () => node().policies(), destination: (dest) => destinationMetaOn(node().kernel, dest) };
}

/** Null when the run may; else `PermissionDenied` naming the action and the resource. */
export function checkRun(guard: RunGuard, context: SecurityContext | undefined, pid: string, action: SecurityAction, resource: string, meta?: () => Meta): WippyError | null {
  return authorizeContext(guard.policies(), context, pid, action, resource, meta);
}

/** A live `process.send` of a run (no guard: a dry replay, which sends nothing). */
export function checkSend(guard: RunGuard | undefined, context: SecurityContext | undefined, pid: string, to: string, topic: string): WippyError | null {
  if (guard === undefined) return null;
  return checkRun(guard, context, pid, "process.send", to, () => ({ topic, ...guard.destination(to) }));
}

/** What a run's `started` event keeps of a context (nothing for none). */
export function runSecurityOf(context: SecurityContext | undefined): RunSecurity | undefined {
  if (!hasContext(context)) return undefined;
  const security: RunSecurity = {};
  if (context.actor !== undefined) security.actor = { id: context.actor.id, meta: { ...context.actor.meta } };
  if (context.scope !== undefined) security.scope = { policies: [...context.scope.policies], groups: [...context.scope.groups] };
  return security;
}

/** The context a run acts with, from its history's `started` event. */
export function contextOfRun(history: readonly HistoryEvent[]): SecurityContext | undefined {
  const started = history[0];
  const security = started?.type === "started" ? started.security : undefined;
  if (security === undefined) return undefined;
  const context: { actor?: Actor; scope?: SecurityContext["scope"] } = {};
  if (security.actor !== undefined) context.actor = Object.freeze({ id: security.actor.id, meta: Object.freeze({ ...security.actor.meta }) });
  if (security.scope !== undefined) context.scope = makeScope(security.scope.policies, security.scope.groups);
  return hasContext(context) ? Object.freeze(context) : undefined;
}
