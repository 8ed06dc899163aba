/**
 * PolicyIndex — the security-relevant part of one registry state: every `security.policy`
 * (compiled, or with the problems that make it unusable), the groups they declare, and
 * strict mode (`security.settings`). Immutable: the node builds a new one for each registry
 * version that changes a policy or a setting, so checks always read the registry as it is.
 *
 * Terms:
 * - lookup(id): `found` (a compiled Policy), `invalid` (its problems) or `missing`.
 * - group(id): the ids of the policies that declare the group, valid or not.
 * - resolve(scope): the policies a scope stands for now — its explicit ids plus its groups'
 *   members. A scope that names a missing or invalid policy, or has an invalid member in one
 *   of its groups, is *broken*: checks against it are refused (fail closed — the unusable
 *   policy might have been a deny). Results are cached per scope value for this index.
 *
 * In: registry entries. Out: lookups, resolved scopes, problems to report.
 */
import type { Entry } from "@wippy/shared";
import { Policy, type PolicyRead } from "./policy";
import { readSettings } from "./settings";
import { DEFAULT_SECURITY, POLICY_KIND, SETTINGS_KIND, type Scope } from "./terms";

export type PolicyLookup =
  | { readonly kind: "found"; readonly policy: Policy }
  | { readonly kind: "invalid"; readonly problems: readonly string[] }
  | { readonly kind: "missing" };

export interface ResolvedScope {
  readonly policies: readonly Policy[];
  readonly ids: ReadonlySet<string>;
  /** Why the scope is broken, or null. */
  readonly problem: string | null;
}

const MISSING: PolicyLookup = Object.freeze({ kind: "missing" });

// Registry views share unchanged entry objects between versions: a policy revision is
// compiled once, however many versions it lives through.
const reads = new WeakMap<Entry, PolicyRead>();

/** `Policy.read`, once per entry object. */
export function readPolicyOnce(entry: Entry): PolicyRead {
  let read = reads.get(entry);
  if (read === undefined) reads.set(entry, (read = Policy.read(entry)));
  return read;
}

export class PolicyIndex {
  static readonly EMPTY = new PolicyIndex(new Map(), new Map(), DEFAULT_SECURITY.strictMode, []);

  private readonly resolved = new WeakMap<Scope, ResolvedScope>();

  private constructor(
    private readonly policies: ReadonlyMap<string, PolicyRead>,
    private readonly groups: ReadonlyMap<string, readonly string[]>,
    readonly strictMode: boolean,
    /** Invalid policies and settings, for the node's log. */
    readonly problems: readonly string[],
  ) {}

  /** From every entry of a registry state (only the security kinds are read). */
  static fromEntries(entries: Iterable<Entry>): PolicyIndex {
    const policies = new Map<string, PolicyRead>();
    const groups = new Map<string, string[]>();
    const settings: Entry[] = [];
    const problems: string[] = [];
    for (const entry of entries) {
      if (entry.kind === SETTINGS_KIND) settings.push(entry);
      if (entry.kind !== POLICY_KIND) continue;
      const read = readPolicyOnce(entry);
      policies.set(entry.id, read);
      if (!read.ok) problems.push(...read.problems);
      for (const group of read.ok ? read.policy.groups : read.groups) {
        let members = groups.get(group);
        if (members === undefined) groups.set(group, (members = []));
        members.push(entry.id);
      }
    }
    const strict = readSettings(settings, DEFAULT_SECURITY.strictMode);
    for (const members of groups.values()) members.sort();
    return new PolicyIndex(policies, groups, strict.strictMode, [...problems, ...strict.problems]);
  }

  lookup(id: string): PolicyLookup {
    const read = this.policies.get(id);
    if (read === undefined) return MISSING;
    return read.ok ? { kind: "found", policy: read.policy } : { kind: "invalid", problems: read.problems };
  }

  group(id: string): readonly string[] {
    return this.groups.get(id) ?? [];
  }

  resolve(scope: Scope): ResolvedScope {
    let resolved = this.resolved.get(scope);
    if (resolved === undefined) this.resolved.set(scope, (resolved = this.resolveNow(scope)));
    return resolved;
  }

  private resolveNow(scope: Scope): ResolvedScope {
    const ids = new Set<string>();
    const policies: Policy[] = [];
    let problem: string | null = null;
    const add = (id: string, via: string): void => {
      if (ids.has(id)) return;
      ids.add(id);
      const found = this.lookup(id);
      if (found.kind === "found") policies.push(found.policy);
      else problem ??= found.kind === "missing" ? `policy ${id}${via} does not exist` : `policy ${id}${via} is invalid (${found.problems.join("; ")})`;
    };
    for (const id of scope.policies) add(id, "");
    for (const group of scope.groups) for (const id of this.group(group)) add(id, ` (group ${group})`);
    return { policies, ids, problem };
  }
}
