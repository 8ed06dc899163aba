/**
 * Lexer for Wippy Lua (Lua 5.3 plus type syntax): source text in, `Token[]` out.
 *
 * It follows the Lua 5.3 lexer (llex.c) for everything that decides where strings and comments
 * begin and end — short strings with escapes, long brackets `[==[ ]==]`, `--` and `--[[ ]]`
 * comments, numerals — so the stripper never looks inside a string or comment. Anything the Lua
 * lexer would reject (an unfinished string, a stray character) still becomes a token; reporting it
 * is left to the Lua compiler, which gives the usual message and line.
 *
 * The result always ends with one `eof` token.
 */
import { LUA_KEYWORDS, type Token } from "./token";

/** Multi-character operators, longest first; `->` is the dialect's function-type arrow. */
const OPERATORS = ["...", "..", "::", "==", "~=", "<=", ">=", "<<", ">>", "//", "->"];

const isDigit = (c: string): boolean => c >= "0" && c <= "9";
const isHexDigit = (c: string): boolean => isDigit(c) || (c >= "a" && c <= "f") || (c >= "A" && c <= "F");
const isNameStart = (c: string): boolean => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
const isNameChar = (c: string): boolean => isNameStart(c) || isDigit(c);
const isNewline = (c: string): boolean => c === "\n" || c === "\r";

export function tokenizeLua(source: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let line = 1;
  let counted = 0; // offset up to which `line` is known

  const lineAt = (offset: number): number => {
    for (let i = counted; i < offset; i++) {
      const c = source[i];
      if (c !== "\n" && c !== "\r") continue;
      line++;
      const next = source[i + 1];
      // Lua counts "\r\n" and "\n\r" as one line break.
      if ((next === "\n" || next === "\r") && next !== c && i + 1 < offset) i++;
    }
    counted = offset;
    return line;
  };

  const push = (kind: Token["kind"], start: number, end: number): void => {
    tokens.push({ kind, text: source.slice(start, end), start, end, line: lineAt(start) });
  };

  while (pos < source.length) {
    const c = source[pos] ?? "";
    if (c === " " || c === "\t" || c === "\f" || c === "\v" || isNewline(c)) {
      pos++;
    } else if (c === "-" && source[pos + 1] === "-") {
      pos = skipComment(source, pos + 2);
    } else if (isNameStart(c)) {
      let end = pos + 1;
      while (end < source.length && isNameChar(source[end] ?? "")) end++;
      push(LUA_KEYWORDS.has(source.slice(pos, end)) ? "keyword" : "name", pos, end);
      pos = end;
    } else if (isDigit(c) || (c === "." && isDigit(source[pos + 1] ?? ""))) {
      const end = readNumeral(source, pos);
      push("number", pos, end);
      pos = end;
    } else if (c === '"' || c === "'") {
      const end = readShortString(source, pos);
      push("string", pos, end);
      pos = end;
    } else if (c === "[" && longBracketLevel(source, pos) >= 0) {
      const end = readLongBracket(source, pos);
      push("string", pos, end);
      pos = end;
    } else {
      const op = OPERATORS.find((o) => source.startsWith(o, pos));
      const code = source.charCodeAt(pos);
      const width = op?.length ?? (code >= 0xd800 && code <= 0xdbff ? 2 : 1);
      push("punct", pos, pos + width);
      pos += width;
    }
  }
  tokens.push({ kind: "eof", text: "", start: source.length, end: source.length, line: lineAt(source.length) });
  return tokens;
}

/** Offset just after a comment whose `--` ends right before `pos`. */
function skipComment(source: string, pos: number): number {
  if (source[pos] === "[" && longBracketLevel(source, pos) >= 0) return readLongBracket(source, pos);
  while (pos < source.length && !isNewline(source[pos] ?? "")) pos++;
  return pos;
}

/** Level (number of `=`) of a long bracket opening at `pos`, or -1 when there is none. */
function longBracketLevel(source: string, pos: number): number {
  let i = pos + 1;
  while (source[i] === "=") i++;
  return source[i] === "[" ? i - pos - 1 : -1;
}

/** End of a long bracket `[==[ ... ]==]` opening at `pos`; end of source if it never closes. */
function readLongBracket(source: string, pos: number): number {
  const level = longBracketLevel(source, pos);
  const close = "]" + "=".repeat(level) + "]";
  const at = source.indexOf(close, pos + level + 2);
  return at < 0 ? source.length : at + close.length;
}

/** End of a quoted string opening at `pos`; stops before a raw newline if it is unfinished. */
function readShortString(source: string, pos: number): number {
  const quote = source[pos];
  let i = pos + 1;
  while (i < source.length) {
    const c = source[i];
    if (c === quote) return i + 1;
    if (c === "\n" || c === "\r") return i;
    if (c === "\\") {
      const next = source[i + 1];
      // An escaped line break continues the string; "\r\n" counts as one break.
      if ((next === "\r" && source[i + 2] === "\n") || (next === "\n" && source[i + 2] === "\r")) i += 3;
      else i += 2;
    } else {
      i++;
    }
  }
  return source.length;
}

/** End of a numeral starting at `pos`, exactly as llex.c `read_numeral` delimits it. */
function readNumeral(source: string, pos: number): number {
  const hex = source[pos] === "0" && (source[pos + 1] === "x" || source[pos + 1] === "X");
  const exponent = hex ? "Pp" : "Ee";
  let i = hex ? pos + 2 : pos;
  for (;;) {
    const c = source[i] ?? "";
    if (c !== "" && exponent.includes(c)) {
      i++;
      if (source[i] === "+" || source[i] === "-") i++;
    } else if (isHexDigit(c) || c === ".") {
      i++;
    } else {
      return i;
    }
  }
}
