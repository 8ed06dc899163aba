/**
 * Type stripper: turns Wippy Lua (Lua 5.3 + optional type syntax) into plain Lua 5.3.
 *
 * In: source text. Out: `{ code }` of exactly the same length, where every character of an
 * annotation is replaced by a space and line breaks are kept — so every remaining token keeps its
 * line and column, and Lua's error lines are those of the original source.
 *
 * Only the tokens of an annotation are blanked; whitespace and comments between them stay as they
 * were. What is removed:
 *
 * - parameter, vararg and return annotations of `function` headers (named, local, anonymous and
 *   method definitions) and generic parameters `function f<T: C>(...)`;
 * - `local a: T, b: U = ...`;
 * - `type X<T> = ...` and `export type X = ...` declarations, however many lines they take, and
 *   `interface X ... end` declarations;
 * - casts `expr :: T` and `expr as T`, and the non-nil assertion `expr!`.
 *
 * Callable casts such as `integer(x)` are ordinary calls and are left alone (see cast-prelude).
 * Tokens the stripper cannot read as a type are left as they are, so the Lua compiler reports
 * them at their own line.
 */
import { tokenizeLua } from "./lexer";
import { isKeyword, isName, isPunct, endsExpression, type Token } from "./token";
import { FAIL, readType, readTypeParams, tok } from "./type-syntax";

export interface StrippedSource {
  code: string;
}

/** Marks tokens `[from, to)` for blanking (by offset, so later token splits do not matter). */
type Blank = (from: number, to: number) => void;

export function stripTypes(source: string): StrippedSource {
  const toks = tokenizeLua(source);
  const ranges: Array<[number, number]> = [];
  const blank: Blank = (from, to) => {
    for (let k = from; k < to; k++) ranges.push([tok(toks, k).start, tok(toks, k).end]);
  };
  let i = 0;
  while (tok(toks, i).kind !== "eof") i = stripAt(toks, i, blank);
  return { code: blankRanges(source, ranges) };
}

/** Handles the construct starting at token `i`; returns the index to continue from (> i). */
function stripAt(toks: Token[], i: number, blank: Blank): number {
  const t = tok(toks, i);
  const prev = toks[i - 1];
  if (isKeyword(t, "function")) return stripFunctionHeader(toks, i, blank);
  if (isKeyword(t, "local")) return stripLocalNames(toks, i, blank);
  if (isPunct(t, "::")) return stripColonCast(toks, i, blank);
  if (isPunct(t, "!")) return stripNonNilAssertion(toks, i, blank);
  const afterAccessor = prev !== undefined && (isPunct(prev, ".") || isPunct(prev, ":") || isKeyword(prev, "goto"));
  if (t.kind !== "name" || afterAccessor) return i + 1;
  if (t.text === "type" || t.text === "export") return stripTypeDeclaration(toks, i, blank);
  if (t.text === "interface") return stripInterface(toks, i, blank);
  if (t.text === "as" && endsExpression(prev)) return stripAsCast(toks, i, blank);
  return i + 1;
}

/** `function [name{.name}[:name]] [<T>] (params) [: returns]` — `i` is at `function`. */
function stripFunctionHeader(toks: Token[], i: number, blank: Blank): number {
  let j = i + 1;
  if (isName(tok(toks, j))) {
    j++;
    while (isPunct(tok(toks, j), ".") && isName(tok(toks, j + 1))) j += 2;
    if (isPunct(tok(toks, j), ":") && isName(tok(toks, j + 1))) j += 2;
  }
  if (isPunct(tok(toks, j), "<")) {
    const k = readTypeParams(toks, j);
    if (k === FAIL) return j;
    blank(j, k);
    j = k;
  }
  if (!isPunct(tok(toks, j), "(")) return j;
  j++;
  while (!isPunct(tok(toks, j), ")")) {
    if (!isName(tok(toks, j)) && !isPunct(tok(toks, j), "...")) return j;
    j = stripAnnotation(toks, j + 1, blank);
    if (!isPunct(tok(toks, j), ",")) break;
    j++;
  }
  if (!isPunct(tok(toks, j), ")")) return j;
  j++;
  if (!isPunct(tok(toks, j), ":")) return j;
  let k = readType(toks, j + 1);
  while (k !== FAIL && isPunct(tok(toks, k), ",")) k = readType(toks, k + 1);
  if (k === FAIL) return j;
  blank(j, k);
  return k;
}

/** `local a: T, b = ...` — `i` is at `local`; `local function` is left to the function rule. */
function stripLocalNames(toks: Token[], i: number, blank: Blank): number {
  let j = i + 1;
  while (isName(tok(toks, j))) {
    j = stripAnnotation(toks, j + 1, blank);
    if (!isPunct(tok(toks, j), ",")) break;
    j++;
  }
  return j;
}

/** An optional `: T` at `j` (after a name); returns the index after it. */
function stripAnnotation(toks: Token[], j: number, blank: Blank): number {
  if (!isPunct(tok(toks, j), ":")) return j;
  const k = readType(toks, j + 1);
  if (k === FAIL) return j;
  blank(j, k);
  return k;
}

/** `[export] type Name[<T>] = T` — `i` is at `type` or `export`. */
function stripTypeDeclaration(toks: Token[], i: number, blank: Blank): number {
  let j = isName(tok(toks, i), "export") ? i + 1 : i;
  if (!isName(tok(toks, j), "type") || !isName(tok(toks, j + 1))) return i + 1;
  j += 2;
  if (isPunct(tok(toks, j), "<")) j = readTypeParams(toks, j);
  if (j === FAIL || !isPunct(tok(toks, j), "=")) return i + 1;
  const k = readType(toks, j + 1);
  if (k === FAIL) return i + 1;
  blank(i, k);
  return k;
}

/** `interface Name [: A, B] function m(a: T): R ... end` — declarations only, no bodies. */
function stripInterface(toks: Token[], i: number, blank: Blank): number {
  const after = tok(toks, i + 2);
  if (!isName(tok(toks, i + 1))) return i + 1;
  if (!isPunct(after, ":") && !isKeyword(after, "function") && !isKeyword(after, "end")) return i + 1;
  let j = i + 2;
  while (!isKeyword(tok(toks, j), "end")) {
    if (tok(toks, j).kind === "eof") return i + 1;
    j++;
  }
  blank(i, j + 1);
  return j + 1;
}

/** `::` at `i`: a goto label `::name::` (on one line, as Wippy's lexer decides) or a cast. */
function stripColonCast(toks: Token[], i: number, blank: Blank): number {
  const name = tok(toks, i + 1);
  const close = tok(toks, i + 2);
  const onOneLine = name.line === tok(toks, i).line && close.line === name.line;
  if (isName(name) && isPunct(close, "::") && onOneLine) return i + 3;
  if (!endsExpression(toks[i - 1])) return i + 1;
  const k = readType(toks, i + 1);
  if (k === FAIL) return i + 1;
  blank(i, k);
  return k;
}

/**
 * `expr as T`. `as` is not reserved in Lua, so it is a cast only where plain Lua could not read
 * it: before a name or literal (two expressions in a row), or — for `{`, `(` and strings, which
 * would make `as` a call — only when everything stays on one line.
 */
function stripAsCast(toks: Token[], i: number, blank: Blank): number {
  const next = tok(toks, i + 1);
  const prev = tok(toks, i - 1);
  const sameLine = prev.line === tok(toks, i).line && next.line === prev.line;
  const unambiguous = next.kind === "name" || next.kind === "number" || ["nil", "true", "false"].includes(next.text);
  const callLike = isPunct(next, "{") || isPunct(next, "(") || next.kind === "string";
  if (!unambiguous && !(callLike && sameLine)) return i + 1;
  const k = readType(toks, i + 1);
  if (k === FAIL) return i + 1;
  blank(i, k);
  return k;
}

/** `expr!` — but never the `!` of a `!=` someone typed by mistake, which would become `=`. */
function stripNonNilAssertion(toks: Token[], i: number, blank: Blank): number {
  const next = tok(toks, i + 1);
  const glued = isPunct(next, "=") || isPunct(next, "==");
  if (endsExpression(toks[i - 1]) && !(glued && next.start === tok(toks, i).end)) blank(i, i + 1);
  return i + 1;
}

/** Replaces every character in `ranges` except line breaks by a space. */
function blankRanges(source: string, ranges: ReadonlyArray<[number, number]>): string {
  if (ranges.length === 0) return source;
  const chars = source.split("");
  for (const [start, end] of ranges) {
    for (let k = start; k < end; k++) {
      if (chars[k] !== "\n" && chars[k] !== "\r") chars[k] = " ";
    }
  }
  return chars.join("");
}
