/**
 * Policy conditions (Wippy's `system/security.md`): `{field, operator, value | value_from}`,
 * all of a policy's conditions must hold for it to apply.
 *
 * Terms:
 * - Field path: `actor.id`, `actor.meta.<path>`, `action`, `resource`, `meta.<path>` (the
 *   request's attributes); `<path>` walks nested maps (and lists by index). A missing value,
 *   or `null`, is *absent*. Any other root is a problem reported when the policy is read — a
 *   typo must not make a condition silently never (or always) hold.
 * - `value_from`: the other side is read from a field path instead of written literally.
 * - Operators, with an absent field: `eq`/`ne` deep JSON equality (absent equals only absent
 *   or `null`); `lt`/`gt`/`lte`/`gte` numbers with numbers, strings with strings, otherwise
 *   false; `in`/`nin` membership in a list (a list field: any of its items); `exists` /
 *   `nexists` (value `true` or omitted; `false` inverts); `contains`/`ncontains` substring of a
 *   string, or item of a list; `matches`/`nmatches` a regular expression searched in a string
 *   (a non-string never matches). Every `n…` operator is the exact negation of its partner, so
 *   an absent field satisfies `ne`, `nin`, `ncontains`, `nmatches`, `nexists`.
 *
 * In: written conditions. Out: compiled predicates over request facts, or problems.
 */
import type { JsonValue } from "@wippy/shared";
import { DEFAULT_SECURITY, FIELD_ROOTS, unreachable, type Actor, type ConditionOperator, type Meta } from "./terms";

export interface ConditionSpec {
  readonly field: string;
  readonly operator: ConditionOperator;
  readonly value?: JsonValue;
  readonly valueFrom?: string;
}

/** What conditions are evaluated against. */
export interface Facts {
  readonly actor: Actor | undefined;
  readonly action: string;
  readonly resource: string;
  readonly meta: Meta | undefined;
}

export type Predicate = (facts: Facts) => boolean;

export type Compiled = { readonly ok: true; readonly test: Predicate } | { readonly ok: false; readonly problem: string };

/** Why `path` is not a field path, or null when it is one. */
export function fieldPathProblem(path: string): string | null {
  const ok = FIELD_ROOTS.some((root) => path === root || (root.endsWith("meta") && path.startsWith(`${root}.`) && path.length > root.length + 1));
  return ok ? null : `"${path}" is not a field (use actor.id, actor.meta.<name>, action, resource or meta.<name>)`;
}

function walk(value: unknown, parts: readonly string[], from: number): unknown {
  let current = value;
  for (let i = from; i < parts.length && current !== undefined && current !== null; i++) {
    const key = parts[i] as string;
    if (Array.isArray(current)) current = /^\d+$/.test(key) ? (current as unknown[])[Number(key)] : undefined;
    else current = typeof current === "object" && Object.hasOwn(current, key) ? (current as Record<string, unknown>)[key] : undefined;
  }
  return current === null ? undefined : current;
}

/** The value at a (checked) field path; undefined when absent. */
export function fieldValue(facts: Facts, path: string): unknown {
  const parts = path.split(".");
  switch (parts[0]) {
    case "action":
      return facts.action;
    case "resource":
      return facts.resource;
    case "meta":
      return walk(facts.meta, parts, 1);
    case "actor":
      if (facts.actor === undefined) return undefined;
      return parts[1] === "id" ? facts.actor.id : walk(facts.actor.meta, parts, 2);
    default:
      return undefined;
  }
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? undefined) === (b ?? undefined);
  if (typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => jsonEqual(x, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function ordered(a: unknown, b: unknown, test: (c: number) => boolean): boolean {
  if (typeof a === "number" && typeof b === "number") return test(a - b);
  if (typeof a === "string" && typeof b === "string") return test(a < b ? -1 : a > b ? 1 : 0);
  return false;
}

function member(a: unknown, list: unknown): boolean {
  if (!Array.isArray(list) || a === undefined) return false;
  const items = Array.isArray(a) ? a : [a];
  return items.some((item) => list.some((x) => jsonEqual(item, x)));
}

function contains(a: unknown, b: unknown): boolean {
  if (typeof a === "string") return typeof b === "string" && a.includes(b);
  return Array.isArray(a) && a.some((x) => jsonEqual(x, b));
}

function compileRegex(pattern: unknown): RegExp | string {
  if (typeof pattern !== "string") return "must be a regular expression (a string)";
  if (pattern.length > DEFAULT_SECURITY.maxPatternLength) return `regular expression longer than ${DEFAULT_SECURITY.maxPatternLength} characters`;
  try {
    return new RegExp(pattern);
  } catch (thrown) {
    return `is not a valid regular expression: ${thrown instanceof Error ? thrown.message : String(thrown)}`;
  }
}

/** `a <operator> b` for an operator whose other side is already known (`b`). */
function binary(operator: Exclude<ConditionOperator, "exists" | "nexists" | "matches" | "nmatches">, a: unknown, b: unknown): boolean {
  switch (operator) {
    case "eq":
      return jsonEqual(a, b);
    case "ne":
      return !jsonEqual(a, b);
    case "lt":
      return ordered(a, b, (c) => c < 0);
    case "gt":
      return ordered(a, b, (c) => c > 0);
    case "lte":
      return ordered(a, b, (c) => c <= 0);
    case "gte":
      return ordered(a, b, (c) => c >= 0);
    case "in":
      return member(a, b);
    case "nin":
      return !member(a, b);
    case "contains":
      return contains(a, b);
    case "ncontains":
      return !contains(a, b);
    default:
      return unreachable(operator);
  }
}

export function compileCondition(spec: ConditionSpec): Compiled {
  const { field, operator, value, valueFrom } = spec;
  const bad = fieldPathProblem(field) ?? (valueFrom !== undefined ? fieldPathProblem(valueFrom) : null);
  if (bad !== null) return { ok: false, problem: bad };
  const read = (facts: Facts): unknown => fieldValue(facts, field);
  switch (operator) {
    case "exists":
    case "nexists": {
      if (valueFrom !== undefined) return { ok: false, problem: `${operator} takes no value_from` };
      if (value !== undefined && value !== null && typeof value !== "boolean") return { ok: false, problem: `${operator} takes true or false as its value` };
      const present = (operator === "exists") === (value !== false);
      return { ok: true, test: (facts) => (read(facts) !== undefined) === present };
    }
    case "matches":
    case "nmatches": {
      if (valueFrom !== undefined) return { ok: false, problem: `${operator} takes a literal regular expression, not value_from` };
      const regex = compileRegex(value);
      if (typeof regex === "string") return { ok: false, problem: `value ${regex}` };
      const want = operator === "matches";
      const test = (facts: Facts): boolean => {
        const a = read(facts);
        return (typeof a === "string" && regex.test(a)) === want;
      };
      return { ok: true, test };
    }
    default: {
      if (valueFrom === undefined && value === undefined) return { ok: false, problem: `${operator} needs a value or value_from` };
      if (valueFrom === undefined && (operator === "in" || operator === "nin") && !Array.isArray(value)) return { ok: false, problem: `${operator} needs a list as its value` };
      if (valueFrom !== undefined) return { ok: true, test: (facts) => binary(operator, read(facts), fieldValue(facts, valueFrom)) };
      return { ok: true, test: (facts) => binary(operator, read(facts), value) };
    }
  }
}
