/**
 * The security core (issue 9, Wippy's `system/security.md`): actors, scopes and
 * `security.policy` entries, and how a request is decided. Pure — no fengari, no I/O — so the
 * Lua layer, the node and the control plane share one implementation.
 *
 *   const index = PolicyIndex.fromEntries(registry.entries());      // per registry version
 *   const verdict = decide(index, { actor, scope }, { action: "funcs.call", resource: "app:f" });
 *   if (!verdict.allowed) return fail(denialMessage(verdict, request, context));
 *
 * Action names and resources: `actions.ts`. Strict mode: `settings.ts`.
 */
export * from "./terms";
export { SECURITY_ACTIONS, SECURITY_RESOURCE, SCOPE_RESOURCES, type ActionSpec, type SecurityAction } from "./actions";
export { compileWildcards, type Matcher } from "./wildcard";
export { compileCondition, fieldPathProblem, fieldValue, jsonEqual, type ConditionSpec, type Facts } from "./conditions";
export { conditionSchema, policyRulesSchema, securityPolicySchema, type SecurityPolicyData } from "./policy-schema";
export { securitySettingsSchema, readSettings } from "./settings";
export { Policy, declaredGroups, namespaceOf, type PolicyRead } from "./policy";
export { PolicyIndex, readPolicyOnce, type PolicyLookup, type ResolvedScope } from "./policy-index";
export { makeScope, narrowScope, scopeContains, scopeWith, scopeWithout, type Narrowed } from "./scope";
export { decide, denialMessage, evaluateScope, hasContext, type ScopeEvaluation } from "./evaluate";
export { readSecurityBlock, type BlockProblem, type BlockRead } from "./security-block";
