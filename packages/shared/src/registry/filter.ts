/**
 * The registry find filter (`LUA_API.md` §7), shared by the database store and the runtime's
 * in-memory view so both answer the same query the same way.
 *
 * A filter is a map of key → expected value. Keys name entry fields with a leading dot
 * (`.kind`, `.ns`, `.name`, `.id`) or meta fields with `meta.` (`meta.type`, `meta.a.b`).
 * An operator may prefix the key: `~` regex, `*` contains, `^` prefix, `$` suffix; no prefix is
 * equality. All conditions must hold (AND). Any other key is ignored, with a warning.
 */
import type { Entry, JsonValue } from "./entry";

export type FilterOperator = "eq" | "regex" | "contains" | "prefix" | "suffix";

export interface FilterCondition {
  key: string;
  operator: FilterOperator;
  /** `field` for `.kind`-style keys, `meta` for `meta.*` keys. */
  target: { type: "field"; field: "kind" | "ns" | "name" | "id" } | { type: "meta"; path: string[] };
  value: JsonValue;
  regex?: RegExp;
}

export interface CompiledFilter {
  conditions: FilterCondition[];
  /** Human-readable problems: unknown keys, invalid regexes. */
  warnings: string[];
}

const OPERATOR_PREFIXES: Record<string, FilterOperator> = { "~": "regex", "*": "contains", "^": "prefix", $: "suffix" };
const ENTRY_FIELDS = new Set(["kind", "ns", "name", "id"]);

export function compileFilter(filter: Record<string, JsonValue | undefined>): CompiledFilter {
  const conditions: FilterCondition[] = [];
  const warnings: string[] = [];
  for (const [rawKey, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    let key = rawKey;
    let operator: FilterOperator = "eq";
    const first = key.charAt(0);
    const prefixed = OPERATOR_PREFIXES[first];
    if (prefixed) {
      operator = prefixed;
      key = key.slice(1);
    }
    let target: FilterCondition["target"] | null = null;
    if (key.startsWith(".") && ENTRY_FIELDS.has(key.slice(1))) {
      target = { type: "field", field: key.slice(1) as "kind" | "ns" | "name" | "id" };
    } else if (key.startsWith("meta.") && key.length > 5) {
      target = { type: "meta", path: key.slice(5).split(".") };
    }
    if (!target) {
      warnings.push(`registry.find: unknown filter key "${rawKey}" ignored (use .kind, .ns, .name, .id or meta.<field>)`);
      continue;
    }
    const condition: FilterCondition = { key: rawKey, operator, target, value };
    if (operator === "regex") {
      try {
        condition.regex = new RegExp(String(value));
      } catch (error) {
        warnings.push(`registry.find: invalid regex for "${rawKey}": ${(error as Error).message}`);
        // An invalid pattern matches nothing rather than everything: safer for callers.
        condition.regex = /(?!)/;
      }
    }
    conditions.push(condition);
  }
  return { conditions, warnings };
}

function fieldValue(entry: Entry, target: FilterCondition["target"]): JsonValue | undefined {
  if (target.type === "field") {
    const at = entry.id.indexOf(":");
    switch (target.field) {
      case "kind":
        return entry.kind;
      case "id":
        return entry.id;
      case "ns":
        return entry.id.slice(0, at);
      case "name":
        return entry.id.slice(at + 1);
    }
  }
  let current: JsonValue | undefined = entry.meta;
  for (const part of target.path) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined;
    current = current[part];
  }
  return current;
}

function scalarString(v: JsonValue | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "object") return undefined;
  return String(v);
}

function matchOne(actual: JsonValue | undefined, c: FilterCondition): boolean {
  if (actual === undefined) return false;
  // Lists in meta (tags) match when any element matches.
  if (Array.isArray(actual) && c.operator !== "contains") return actual.some((item) => matchOne(item, c));
  const expected = scalarString(c.value);
  switch (c.operator) {
    case "eq":
      if (typeof c.value === "object" && c.value !== null) return JSON.stringify(actual) === JSON.stringify(c.value);
      return scalarString(actual) === expected;
    case "regex": {
      const s = scalarString(actual);
      return s !== undefined && (c.regex as RegExp).test(s);
    }
    case "contains":
      if (Array.isArray(actual)) return actual.some((item) => scalarString(item) === expected);
      return expected !== undefined && (scalarString(actual)?.includes(expected) ?? false);
    case "prefix":
      return expected !== undefined && (scalarString(actual)?.startsWith(expected) ?? false);
    case "suffix":
      return expected !== undefined && (scalarString(actual)?.endsWith(expected) ?? false);
    default: {
      const never: never = c.operator;
      throw new Error(`unknown filter operator ${String(never)}`);
    }
  }
}

export function matchesFilter(entry: Entry, compiled: CompiledFilter): boolean {
  return compiled.conditions.every((c) => matchOne(fieldValue(entry, c.target), c));
}

/** Filters entries and returns them sorted by id (stable output for callers and tests). */
export function filterEntries(entries: Iterable<Entry>, filter: Record<string, JsonValue | undefined>): { entries: Entry[]; warnings: string[] } {
  const compiled = compileFilter(filter);
  const out: Entry[] = [];
  for (const e of entries) if (matchesFilter(e, compiled)) out.push(e);
  out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { entries: out, warnings: compiled.warnings };
}
