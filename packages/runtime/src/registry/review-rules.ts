/**
 * Review rules (issue 9): which registry changes must go through a change request, and how many
 * approvals one needs. They live in the registry, as `registry.review_rules` entries (our
 * addition), so every node and control-plane server agrees, they change live, and they are
 * versioned and audited like what they protect:
 *
 *   - name: review
 *     kind: registry.review_rules
 *     rules:
 *       - namespaces: [agents.tools, "agents.tools.*"]   # a namespace; `ns.*` = every namespace under ns; `*` = all
 *         editors: true      # people's saves here need review too (default false: only agents')
 *         approvals: 2       # 1–10 (default 1)
 *
 * Terms:
 * - Agent: a Lua process writing the registry. A rule always applies to agents: in a covered
 *   namespace `changes:apply()` and `registry.apply_version` are refused and the change must be
 *   proposed (`changes:propose()`).
 * - Person: a signed-in user of the control plane. A rule applies to people only with
 *   `editors: true`; then saving there is refused and the UI proposes instead.
 * - A change covered by several rules needs the most approvals any of them asks for. A change
 *   no rule covers may still be proposed by choice: it needs `DEFAULT_CHANGE_REQUEST.approvals`.
 * - Fail closed, for agents: an invalid rules entry (writers refuse them; one can still arrive
 *   from an old version) counts as a rule over every namespace for agents, reported as a
 *   problem — a broken rule must not open the namespaces it was meant to guard. People's saves
 *   are not blocked by it, so someone can still fix it.
 */
import { z } from "zod";
import { DEFAULT_CHANGE_REQUEST, type Entry } from "@wippy/shared";

export const REVIEW_RULES_KIND = "registry.review_rules";

export type ChangeAuthorKind = "agent" | "person";

const namespacePattern = z
  .string({ error: "must be a namespace, ns.* or *" })
  .regex(/^(\*|[A-Za-z0-9_][A-Za-z0-9_-]*(\.[A-Za-z0-9_][A-Za-z0-9_-]*)*(\.\*)?)$/, { error: 'must be a namespace ("app.tools"), every namespace under one ("app.tools.*") or "*"' });

export const reviewRuleSchema = z.looseObject({
  namespaces: z.array(namespacePattern, { error: "must be a list of namespaces" }).min(1, { error: "must name at least one namespace" }),
  editors: z.boolean({ error: "must be true or false" }).nullish(),
  approvals: z
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be at least 1" })
    .max(DEFAULT_CHANGE_REQUEST.maxApprovals, { error: `must be at most ${DEFAULT_CHANGE_REQUEST.maxApprovals}` })
    .nullish(),
});

export const reviewRulesSchema = z.looseObject({
  rules: z.array(reviewRuleSchema, { error: "must be a list of rules" }).min(1, { error: "must hold at least one rule" }),
});

interface Rule {
  readonly entry: string;
  readonly namespaces: readonly string[];
  readonly editors: boolean;
  readonly approvals: number;
}

export interface ReviewRequirement {
  /** True: the change may not be applied directly by this author; it must be proposed. */
  readonly required: boolean;
  /** Approvals a proposal of it needs. */
  readonly approvals: number;
  /** The rules entries that cover it (for this author). */
  readonly rules: readonly string[];
  /** The entries a rule covers (a subset of those asked about). */
  readonly covered: readonly string[];
}

export function namespaceMatches(pattern: string, namespace: string): boolean {
  if (pattern === "*") return true;
  if (pattern.endsWith(".*")) return namespace.startsWith(pattern.slice(0, -1));
  return namespace === pattern;
}

function namespaceOf(id: string): string {
  const colon = id.indexOf(":");
  return colon < 0 ? id : id.slice(0, colon);
}

export class ReviewRules {
  static readonly NONE = new ReviewRules([], []);

  private constructor(
    private readonly rules: readonly Rule[],
    readonly problems: readonly string[],
  ) {}

  static fromEntries(entries: Iterable<Entry>): ReviewRules {
    const rules: Rule[] = [];
    const problems: string[] = [];
    for (const entry of entries) {
      if (entry.kind !== REVIEW_RULES_KIND) continue;
      const parsed = reviewRulesSchema.safeParse(entry.data);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        problems.push(`${entry.id}: ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}; every namespace needs review for agents until it is fixed`);
        rules.push({ entry: entry.id, namespaces: ["*"], editors: false, approvals: DEFAULT_CHANGE_REQUEST.approvals });
        continue;
      }
      for (const rule of parsed.data.rules) {
        rules.push({ entry: entry.id, namespaces: rule.namespaces, editors: rule.editors === true, approvals: rule.approvals ?? DEFAULT_CHANGE_REQUEST.approvals });
      }
    }
    return new ReviewRules(rules, problems);
  }

  get empty(): boolean {
    return this.rules.length === 0;
  }

  /**
   * What a proposal of a change to `entryIds` needs, whoever proposes it: every rule covering
   * them counts (the most approvals any asks for), `editors` or not.
   */
  proposal(entryIds: Iterable<string>): ReviewRequirement {
    return this.requirement(entryIds, "agent");
  }

  /** What a direct change to `entryIds` by this author needs (`required`: it must be proposed). */
  requirement(entryIds: Iterable<string>, author: ChangeAuthorKind): ReviewRequirement {
    let approvals = 0;
    const rules = new Set<string>();
    const covered: string[] = [];
    for (const id of entryIds) {
      const ns = namespaceOf(id);
      let hit = false;
      for (const rule of this.rules) {
        if (author === "person" && !rule.editors) continue;
        if (!rule.namespaces.some((p) => namespaceMatches(p, ns))) continue;
        hit = true;
        rules.add(rule.entry);
        approvals = Math.max(approvals, rule.approvals);
      }
      if (hit) covered.push(id);
    }
    return { required: covered.length > 0, approvals: Math.max(approvals, DEFAULT_CHANGE_REQUEST.approvals), rules: [...rules].sort(), covered };
  }
}
