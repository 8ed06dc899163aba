/**
 * The `security:` block a service declares under `lifecycle` (Wippy's `system/security.md`):
 *
 *   lifecycle:
 *     security:
 *       actor: { id: "service:worker", meta: { role: worker } }
 *       policies: [app.security:worker_policy]     # relative ids are in the service's namespace
 *       groups: [app.security:workers]
 *
 * `readSecurityBlock(block, owner, index)` turns it into the service's security context.
 * Resolution is all or nothing (fail closed): a policy that does not exist or is invalid, or a
 * group no policy declares, is a problem and no context is produced — the service must not
 * start with a weaker context than the one written. A block with `actor` only gives an actor
 * and no scope (everything is then refused); `policies` or `groups` (even empty) give a scope.
 *
 * In: the block as written, the owning entry's id, the policy index. Out: a context, or the
 * problems with the entry ids they involve (for `checkRunnable`).
 */
import { resolveEntryRef, type JsonValue } from "@wippy/shared";
import { namespaceOf } from "./policy";
import type { PolicyIndex } from "./policy-index";
import { makeScope } from "./scope";
import type { Actor, SecurityContext } from "./terms";

export interface BlockProblem {
  readonly message: string;
  /** Entries involved: the owner, and a policy it names when that policy is the problem. */
  readonly ids: readonly string[];
}

export type BlockRead = { readonly ok: true; readonly context: SecurityContext | undefined } | { readonly ok: false; readonly problems: readonly BlockProblem[] };

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const stringList = (v: unknown): string[] | null => (Array.isArray(v) && v.every((x) => typeof x === "string" && x !== "") ? (v as string[]) : null);

export function readSecurityBlock(block: unknown, owner: string, index: PolicyIndex): BlockRead {
  if (block === undefined || block === null) return { ok: true, context: undefined };
  const bad = (message: string, ids: readonly string[] = [owner]): BlockRead => ({ ok: false, problems: [{ message: `${owner}: lifecycle.security: ${message}`, ids }] });
  if (!isMap(block)) return bad("must be a map {actor, policies, groups}");
  const ns = namespaceOf(owner);
  const problems: BlockProblem[] = [];

  let actor: Actor | undefined;
  if (block.actor !== undefined && block.actor !== null) {
    const a = block.actor;
    if (!isMap(a) || typeof a.id !== "string" || a.id === "") return bad("actor needs an id (a non-empty string)");
    if (a.meta !== undefined && a.meta !== null && !isMap(a.meta)) return bad("actor.meta must be a map");
    actor = Object.freeze({ id: a.id, meta: Object.freeze({ ...((a.meta ?? {}) as Record<string, JsonValue>) }) });
  }

  const hasScope = (block.policies !== undefined && block.policies !== null) || (block.groups !== undefined && block.groups !== null);
  const policies = stringList(block.policies ?? []);
  const groups = stringList(block.groups ?? []);
  if (policies === null) return bad("policies must be a list of policy ids");
  if (groups === null) return bad("groups must be a list of group ids");
  const policyIds = policies.map((p) => resolveEntryRef(p, ns));
  const groupIds = groups.map((g) => resolveEntryRef(g, ns));
  for (const id of policyIds) {
    const found = index.lookup(id);
    if (found.kind === "missing") problems.push({ message: `${owner}: lifecycle.security names policy ${id}, which does not exist`, ids: [owner, id] });
    else if (found.kind === "invalid") problems.push({ message: `${owner}: lifecycle.security names policy ${id}, which is invalid`, ids: [owner, id] });
  }
  for (const id of groupIds) {
    if (index.group(id).length === 0) problems.push({ message: `${owner}: lifecycle.security names group ${id}, which no security.policy declares`, ids: [owner] });
  }
  if (problems.length > 0) return { ok: false, problems };
  const context: SecurityContext = hasScope ? { actor, scope: makeScope(policyIds, groupIds) } : { actor };
  return { ok: true, context: context.actor === undefined && context.scope === undefined ? undefined : Object.freeze(context) };
}
