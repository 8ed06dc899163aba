/**
 * Policy — one `security.policy` entry, read and compiled once per revision.
 *
 * `readPolicy(entry)` checks the data with the kind's schema and compiles its wildcards and
 * conditions: a `Policy`, or the problems that make it unusable (each naming the field).
 * `policy.evaluate(actor, request)` → `allow` / `deny` when the action, the resource and every
 * condition match, else `undefined`.
 *
 * Group ids: a bare name in `groups:` belongs to the policy's namespace (`admin` written in
 * `app.security` is `app.security:admin`), as every relative reference in an entry does.
 */
import { resolveEntryRef, type Entry } from "@wippy/shared";
import { compileCondition, type Facts, type Predicate } from "./conditions";
import { securityPolicySchema } from "./policy-schema";
import type { AccessRequest, Actor, Decision, Effect } from "./terms";
import { compileWildcards, type Matcher } from "./wildcard";

export type PolicyRead = { readonly ok: true; readonly policy: Policy } | { readonly ok: false; readonly problems: readonly string[]; readonly groups: readonly string[] };

const listOf = (value: string | readonly string[]): readonly string[] => (typeof value === "string" ? [value] : value);

export const namespaceOf = (id: string): string => id.slice(0, Math.max(0, id.indexOf(":")));

/** Group ids a policy entry declares, read leniently (a broken policy still names its groups). */
export function declaredGroups(entry: Entry): readonly string[] {
  const groups = entry.data.groups;
  if (!Array.isArray(groups)) return [];
  const ns = namespaceOf(entry.id);
  return [...new Set(groups.filter((g): g is string => typeof g === "string" && g !== "").map((g) => resolveEntryRef(g, ns)))].sort();
}

export class Policy {
  private constructor(
    readonly id: string,
    readonly effect: Effect,
    readonly actions: readonly string[],
    readonly resources: readonly string[],
    readonly groups: readonly string[],
    private readonly matchAction: Matcher,
    private readonly matchResource: Matcher,
    private readonly conditions: readonly Predicate[],
  ) {}

  static read(entry: Entry): PolicyRead {
    const groups = declaredGroups(entry);
    const parsed = securityPolicySchema.safeParse(entry.data);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${entry.id}: ${i.path.map(String).join(".") || "data"}: ${i.message}`);
      return { ok: false, problems, groups };
    }
    const { policy } = parsed.data;
    const conditions: Predicate[] = [];
    for (const c of policy.conditions ?? []) {
      const compiled = compileCondition({ field: c.field, operator: c.operator, value: c.value, valueFrom: c.value_from });
      // The schema compiled every condition already; this is only reachable through a bug.
      if (!compiled.ok) return { ok: false, problems: [`${entry.id}: ${compiled.problem}`], groups };
      conditions.push(compiled.test);
    }
    const actions = listOf(policy.actions);
    const resources = listOf(policy.resources);
    return { ok: true, policy: new Policy(entry.id, policy.effect, actions, resources, groups, compileWildcards(actions), compileWildcards(resources), conditions) };
  }

  evaluate(actor: Actor | undefined, request: AccessRequest): Decision {
    if (!this.matchAction(request.action) || !this.matchResource(request.resource)) return "undefined";
    if (this.conditions.length > 0) {
      const facts: Facts = { actor, action: request.action, resource: request.resource, meta: request.meta };
      for (const holds of this.conditions) if (!holds(facts)) return "undefined";
    }
    return this.effect;
  }
}
