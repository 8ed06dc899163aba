/**
 * Tokens of Wippy Lua as the type stripper sees them.
 *
 * Terms:
 * - `Token`: one lexeme with its UTF-16 offsets `[start, end)` into the source and its 1-based
 *   `line`. Whitespace and comments are not tokens — they sit between tokens and are never
 *   rewritten, which is what keeps comments intact.
 * - `kind`: `name` (identifier), `keyword` (Lua 5.3 reserved word), `number`, `string` (short or
 *   long-bracket, quotes included), `punct` (operators and separators, including the dialect-only
 *   `->`, `?`, `!`, `@`), `eof` (one sentinel at the end, so lookahead never runs off the array).
 */

export type TokenKind = "name" | "keyword" | "number" | "string" | "punct" | "eof";

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
  line: number;
}

export const LUA_KEYWORDS: ReadonlySet<string> = new Set([
  "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
  "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
]);

/** Keywords that are complete expressions, so a cast or `!` may follow them. */
const VALUE_KEYWORDS: ReadonlySet<string> = new Set(["nil", "true", "false", "end"]);

export function isPunct(token: Token, text: string): boolean {
  return token.kind === "punct" && token.text === text;
}

export function isName(token: Token, text?: string): boolean {
  return token.kind === "name" && (text === undefined || token.text === text);
}

export function isKeyword(token: Token, text: string): boolean {
  return token.kind === "keyword" && token.text === text;
}

/** Identifier or reserved word: record-type field names may be either (`{type: string}`). */
export function isNameLike(token: Token): boolean {
  return token.kind === "name" || token.kind === "keyword";
}

/** True when `token` can be the last token of an expression (a cast may follow it). */
export function endsExpression(token: Token | undefined): boolean {
  if (token === undefined) return false;
  switch (token.kind) {
    case "name":
    case "number":
    case "string":
      return true;
    case "keyword":
      return VALUE_KEYWORDS.has(token.text);
    case "punct":
      return token.text === ")" || token.text === "]" || token.text === "}" || token.text === "...";
    case "eof":
      return false;
    default: {
      const unreachable: never = token.kind;
      return unreachable;
    }
  }
}
