/**
 * Evaluation (Wippy's "Evaluation Flow", issue 9):
 *
 * 1. Neither actor nor scope → strict mode decides: allowed unless it is on.
 * 2. Otherwise every policy of the scope (none when only an actor is set) is evaluated:
 *    any `deny` → deny; an `allow` and no deny → allow; nothing applies → `undefined`.
 * 3. Only `allow` passes; `deny` and `undefined` refuse. A broken scope (it names a missing
 *    or invalid policy) refuses everything, saying which policy.
 *
 * In: an index, a context, a request. Out: a `Decision` (scope) or a `Verdict` (check), and
 * the message a refusal is reported with (it names the action and the resource).
 */
import type { PolicyIndex } from "./policy-index";
import { ALLOWED, EMPTY_SCOPE, type AccessRequest, type Actor, type Decision, type Scope, type SecurityContext, type Verdict } from "./terms";

export interface ScopeEvaluation {
  readonly decision: Decision;
  /** The policy that denied (the first, in id order), or one that allowed. */
  readonly policy?: string;
  /** Set when the scope is broken (the decision is then `deny`). */
  readonly problem?: string;
}

export function evaluateScope(index: PolicyIndex, scope: Scope, actor: Actor | undefined, request: AccessRequest): ScopeEvaluation {
  const resolved = index.resolve(scope);
  if (resolved.problem !== null) return { decision: "deny", problem: resolved.problem };
  let allowedBy: string | undefined;
  for (const policy of resolved.policies) {
    const decision = policy.evaluate(actor, request);
    if (decision === "deny") return { decision, policy: policy.id };
    if (decision === "allow") allowedBy ??= policy.id;
  }
  return allowedBy === undefined ? { decision: "undefined" } : { decision: "allow", policy: allowedBy };
}

export const hasContext = (context: SecurityContext | undefined): context is SecurityContext =>
  context !== undefined && (context.actor !== undefined || context.scope !== undefined);

export function decide(index: PolicyIndex, context: SecurityContext | undefined, request: AccessRequest): Verdict {
  if (!hasContext(context)) {
    return index.strictMode ? { allowed: false, decision: "undefined", reason: "strict mode is on and there is no actor or scope" } : ALLOWED;
  }
  const evaluation = evaluateScope(index, context.scope ?? EMPTY_SCOPE, context.actor, request);
  switch (evaluation.decision) {
    case "allow":
      return ALLOWED;
    case "deny":
      return {
        allowed: false,
        decision: "deny",
        reason: evaluation.problem !== undefined ? `the scope is broken: ${evaluation.problem}` : `denied by policy ${evaluation.policy ?? "?"}`,
        policy: evaluation.policy,
      };
    case "undefined":
      return { allowed: false, decision: "undefined", reason: context.scope === undefined ? "there is no scope" : "no policy in scope allows it" };
  }
}

/** `permission denied: process.send on "x" (actor user:1: no policy in scope allows it)`. */
export function denialMessage(verdict: Verdict & { allowed: false }, request: AccessRequest, context: SecurityContext | undefined): string {
  const who = context?.actor !== undefined ? `actor ${context.actor.id}: ` : "";
  return `permission denied: ${request.action} on ${JSON.stringify(request.resource)} (${who}${verdict.reason})`;
}
