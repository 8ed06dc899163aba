/**
 * Wildcards in a policy's `actions` and `resources`: `*` stands for any run of characters
 * (dots and colons included: `process.*` matches `process.spawn.linked`, `app:*` every entry
 * of `app`); every other character is literal. A list matches when any of its patterns does.
 *
 * Compiled once per policy revision: exact names go into a set, patterns into one anchored
 * regular expression, and a lone `*` short-circuits to "everything".
 *
 * In: patterns. Out: a predicate over names.
 */

export type Matcher = (value: string) => boolean;

const ANY: Matcher = () => true;

const escape = (text: string): string => text.replace(/[.+?^${}()|[\]\\/-]/g, "\\$&");

export function compileWildcards(patterns: readonly string[]): Matcher {
  if (patterns.includes("*")) return ANY;
  const exact = new Set<string>();
  const globs: string[] = [];
  for (const p of patterns) {
    if (p.includes("*")) globs.push(p.split("*").map(escape).join("[\\s\\S]*"));
    else exact.add(p);
  }
  if (globs.length === 0) return (value) => exact.has(value);
  const regex = new RegExp(`^(?:${globs.join("|")})$`);
  return (value) => exact.has(value) || regex.test(value);
}
