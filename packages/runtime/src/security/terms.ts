/**
 * Security vocabulary — every term and default of the policy core, before any code
 * (Wippy's `system/security.md`, issue 9). Pure: no fengari, no I/O.
 *
 * Terms:
 * - Actor: who acts — `{id, meta}` (meta: plain data policies can test).
 * - Policy: a `security.policy` entry — `actions` × `resources` (`*` wildcards), an `effect`
 *   (`allow` | `deny`) and `conditions` that must all hold; `groups` it belongs to.
 * - Group: a named set of policies, identified `namespace:name` (a bare name in a policy's
 *   `groups:` is in the policy's own namespace). Membership is read live from the registry.
 * - Scope: the policies that apply to an actor — explicit policy ids plus groups, resolved
 *   against the registry at each check, so an edited policy takes effect at once.
 * - Security context: the actor and scope a process, function call or service runs with;
 *   either may be absent.
 * - Decision: what a policy or scope says about one request — `allow`, `deny` or `undefined`
 *   (nothing applies). Any deny wins; an allow and no deny allows.
 * - Verdict: what a check concludes. Only `allow` passes; with a context, `deny` and
 *   `undefined` refuse; with no context at all, strict mode decides (default: allow, Wippy's
 *   permissive mode).
 */
import type { JsonValue } from "@wippy/shared";

export const POLICY_KIND = "security.policy";
/** Our addition: where strict mode is set (see `settings.ts`). */
export const SETTINGS_KIND = "security.settings";

export const EFFECTS = ["allow", "deny"] as const;
export type Effect = (typeof EFFECTS)[number];

export const DECISIONS = ["allow", "deny", "undefined"] as const;
export type Decision = (typeof DECISIONS)[number];

export const CONDITION_OPERATORS = ["eq", "ne", "lt", "gt", "lte", "gte", "in", "nin", "exists", "nexists", "contains", "ncontains", "matches", "nmatches"] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** Roots a condition's `field` (or `value_from`) may start with. */
export const FIELD_ROOTS = ["actor.id", "actor.meta", "action", "resource", "meta"] as const;

export type Meta = Readonly<Record<string, unknown>>;

export interface Actor {
  readonly id: string;
  readonly meta: Readonly<Record<string, JsonValue>>;
}

/** Sorted, without duplicates, frozen: two scopes with the same content compare equal field by field. */
export interface Scope {
  readonly policies: readonly string[];
  readonly groups: readonly string[];
}

export interface SecurityContext {
  readonly actor?: Actor;
  readonly scope?: Scope;
}

export interface AccessRequest {
  readonly action: string;
  readonly resource: string;
  /** Attributes of the resource (`meta.*` in conditions). */
  readonly meta?: Meta;
}

export type Verdict =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      readonly decision: "deny" | "undefined";
      /** Why, for the error message: the denying policy, "no policy allows it", strict mode, a broken scope. */
      readonly reason: string;
      /** The policy that denied, when one did. */
      readonly policy?: string;
    };

export const ALLOWED: Verdict = Object.freeze({ allowed: true });

export const EMPTY_SCOPE: Scope = Object.freeze({ policies: Object.freeze([]) as readonly string[], groups: Object.freeze([]) as readonly string[] });

export const DEFAULT_SECURITY = Object.freeze({
  /** Wippy's permissive default: a process with neither actor nor scope may do anything. */
  strictMode: false,
  /** How long a regular expression in a condition may be (they come from policy authors). */
  maxPatternLength: 1_000,
});

/** Ends a `switch` over a union: a new variant becomes a compile error here. */
export function unreachable(value: never): never {
  throw new Error(`unexpected variant: ${JSON.stringify(value)}`);
}
