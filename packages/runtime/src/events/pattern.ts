/**
 * Event patterns — how `events.subscribe(system_pattern, kind_pattern)` selects events
 * (LUA_API.md §5), compiled once at subscribe time so that matching is cheap.
 *
 * Terms: a pattern and a value both split on `.` into segments. Per pattern segment:
 * - `*` matches exactly one segment; `**` matches any number of segments, zero included
 *   (`registry.**` matches `registry`, `registry.create` and `registry.entry.create`);
 * - `(a|b)` matches one segment equal to one alternative; groups may sit inside a segment
 *   (`v(1|2)` matches `v1`), never across a dot;
 * - anything else matches itself.
 * Refused (`Invalid`): an empty pattern or segment, a `*` that is not a whole segment, an empty
 * alternative, unbalanced parentheses, `|` outside a group.
 *
 * In: a pattern string. Out: `EventPattern` — `matches(value)`, `matchesSegments(segments)`
 * (for callers that split a value once for many patterns) and `exact` (set when the pattern
 * has no wildcard: such patterns can be looked up instead of matched).
 */
import { fail, ok, wippyError } from "../kernel";
import type { Result } from "../kernel";

export type PatternSegment =
  | { readonly type: "literal"; readonly value: string }
  | { readonly type: "one" }
  | { readonly type: "many" }
  | { readonly type: "alternatives"; readonly values: ReadonlySet<string> }
  | { readonly type: "regex"; readonly regex: RegExp };

export interface EventPattern {
  readonly source: string;
  readonly exact: string | undefined;
  matches(value: string): boolean;
  matchesSegments(segments: readonly string[]): boolean;
}

export function compilePattern(source: string): Result<EventPattern> {
  if (source === "") return invalidPattern(source, "it is empty");
  const segments: PatternSegment[] = [];
  for (const text of source.split(".")) {
    const segment = compileSegment(text);
    if (typeof segment === "string") return invalidPattern(source, segment);
    // `**.**` is `**`: collapsing keeps the matcher's backtracking linear.
    if (segment.type === "many" && segments.at(-1)?.type === "many") continue;
    segments.push(segment);
  }
  return ok(buildPattern(source, segments));
}

function buildPattern(source: string, segments: readonly PatternSegment[]): EventPattern {
  if (segments.every((s) => s.type === "literal")) {
    return { source, exact: source, matches: (value) => value === source, matchesSegments: (values) => values.join(".") === source };
  }
  if (segments.length === 1 && segments[0]?.type === "many") {
    return { source, exact: undefined, matches: () => true, matchesSegments: () => true };
  }
  const matchesSegments = segments.some((s) => s.type === "many")
    ? (values: readonly string[]) => matchWithMany(segments, values)
    : (values: readonly string[]) => values.length === segments.length && segments.every((s, i) => segmentMatches(s, values[i] as string));
  return { source, exact: undefined, matches: (value) => matchesSegments(value.split(".")), matchesSegments };
}

/** Glob matching over segments: on a mismatch, `**` takes one more segment and we retry. */
function matchWithMany(pattern: readonly PatternSegment[], values: readonly string[]): boolean {
  let p = 0;
  let v = 0;
  let manyAt = -1;
  let resumeAt = 0;
  while (v < values.length) {
    const segment = pattern[p];
    if (segment?.type === "many") {
      manyAt = p++;
      resumeAt = v;
    } else if (segment !== undefined && segmentMatches(segment, values[v] as string)) {
      p++;
      v++;
    } else if (manyAt >= 0) {
      p = manyAt + 1;
      v = ++resumeAt;
    } else {
      return false;
    }
  }
  while (pattern[p]?.type === "many") p++;
  return p === pattern.length;
}

function segmentMatches(segment: PatternSegment, value: string): boolean {
  switch (segment.type) {
    case "literal":
      return segment.value === value;
    case "one":
    case "many":
      return true;
    case "alternatives":
      return segment.values.has(value);
    case "regex":
      return segment.regex.test(value);
    default: {
      const never: never = segment;
      throw new Error(`unknown pattern segment ${JSON.stringify(never)}`);
    }
  }
}

/** A compiled segment, or why the text is not one. */
function compileSegment(text: string): PatternSegment | string {
  if (text === "") return "it has an empty segment";
  if (text === "*") return { type: "one" };
  if (text === "**") return { type: "many" };
  if (text.includes("*")) return `"*" must be a whole segment (in "${text}")`;
  if (!/[()|]/.test(text)) return { type: "literal", value: text };
  const whole = /^\(([^()]*)\)$/.exec(text);
  if (whole) {
    const values = (whole[1] as string).split("|");
    return values.includes("") ? `empty alternative in "${text}"` : { type: "alternatives", values: new Set(values) };
  }
  let regex = "^";
  for (const part of text.split(/(\([^()]*\))/)) {
    if (/^\([^()]*\)$/.test(part)) {
      const values = part.slice(1, -1).split("|");
      if (values.includes("")) return `empty alternative in "${text}"`;
      regex += `(?:${values.map(escapeRegex).join("|")})`;
    } else if (/[()|]/.test(part)) {
      return `unbalanced "(" or "|" outside a group in "${text}"`;
    } else {
      regex += escapeRegex(part);
    }
  }
  return { type: "regex", regex: new RegExp(`${regex}$`) };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function invalidPattern(source: string, why: string): Result<never> {
  return fail(wippyError("Invalid", `invalid event pattern "${source}": ${why}`, { retryable: false }));
}
