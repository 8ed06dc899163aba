/**
 * Scopes as values (Wippy's `scope:with`, `:without`, `:contains`) and the one rule that keeps
 * them from growing: a process that has a security context can hand a child (a spawned
 * process, a function call) only a scope *within* its own.
 *
 * Terms:
 * - `makeScope(policies, groups)`: sorted, de-duplicated, frozen.
 * - `without(id)` on a scope that gets `id` through a group: the groups are replaced by their
 *   current members (minus `id`) — the result is narrower, and stays so when the group grows.
 * - `narrowScope(index, parent, child)`: the child's scope when it is within the parent's, or
 *   why not. Within means: every explicit policy of the child is one the parent has now
 *   (directly or through a group), and every group of the child is one of the parent's
 *   groups. A child group the parent does not hold is accepted only if all its current members
 *   are the parent's, and is then replaced by those members: a group can grow later, and
 *   the child must not grow with it past its parent.
 *
 * In: scopes, an index. Out: scopes, or a reason for refusal.
 */
import type { PolicyIndex } from "./policy-index";
import type { Scope } from "./terms";

const sortedSet = (values: Iterable<string>): readonly string[] => Object.freeze([...new Set(values)].sort());

export function makeScope(policies: Iterable<string>, groups: Iterable<string> = []): Scope {
  return Object.freeze({ policies: sortedSet(policies), groups: sortedSet(groups) });
}

export function scopeWith(scope: Scope, policyId: string): Scope {
  return makeScope([...scope.policies, policyId], scope.groups);
}

export function scopeWithout(index: PolicyIndex, scope: Scope, policyId: string): Scope {
  const viaGroup = scope.groups.some((g) => index.group(g).includes(policyId));
  if (!viaGroup) return makeScope(scope.policies.filter((p) => p !== policyId), scope.groups);
  return makeScope([...index.resolve(scope).ids].filter((p) => p !== policyId));
}

export function scopeContains(index: PolicyIndex, scope: Scope, policyId: string): boolean {
  return index.resolve(scope).ids.has(policyId);
}

export type Narrowed = { readonly ok: true; readonly scope: Scope } | { readonly ok: false; readonly reason: string };

export function narrowScope(index: PolicyIndex, parent: Scope, child: Scope): Narrowed {
  const held = index.resolve(parent).ids;
  const policies = [...child.policies];
  const groups: string[] = [];
  for (const id of child.policies) {
    if (!held.has(id)) return { ok: false, reason: `policy ${id} is not in the caller's scope` };
  }
  for (const group of child.groups) {
    if (parent.groups.includes(group)) {
      groups.push(group);
      continue;
    }
    const members = index.group(group);
    const foreign = members.filter((id) => !held.has(id));
    if (foreign.length > 0) return { ok: false, reason: `group ${group} has policies the caller's scope does not (${foreign.join(", ")})` };
    policies.push(...members);
  }
  return { ok: true, scope: makeScope(policies, groups) };
}
