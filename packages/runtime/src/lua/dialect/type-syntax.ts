/**
 * Recogniser for Wippy type expressions: given tokens and the index where a type starts, it
 * returns the index just past the type, or `FAIL` when the tokens there are not a type. It
 * builds nothing — the stripper only needs to know how far an annotation reaches.
 *
 * Grammar (a permissive superset of Wippy's parser.go.y):
 *
 *   type        := ['|' | '&'] union ['extends' simple '?' type ':' type]
 *   union       := simple {('|' | '&') simple}
 *   simple      := primary {'?' | '[' ']' | '[' type ']' | '@' Name ['(' balanced ')']}
 *   primary     := nil | true | false | String | Number
 *                | Name {'.' Name} ['<' type {',' type} '>']
 *                | '{' [entry {(',' | ';') entry} [',' | ';']] '}'
 *                | '(' [param {',' param}] ')' ['->' type]      -- function type or grouping
 *                | fun '(' [param {',' param}] ')' [':' type]
 *                | typeof '(' balanced ')' | keyof '(' type ')'
 *                | (readonly | interface) '{' ... '}' | asserts Name [is type]
 *   entry       := '[' type ']' ':' type | Name ['?'] ':' type | type
 *   param       := Name ':' type | '...' [':'] [type] | type
 *   typeParams  := '<' Name [':' type] {',' Name [':' type]} '>'
 *
 * A closing `>` may arrive glued to the next character as `>>` or `>=`; the reader then splits
 * that token in place, so the remainder (`>` or `=`) is seen by whoever reads next.
 */
import { isName, isNameLike, isPunct, type Token } from "./token";

export const FAIL = -1;

export function readType(toks: Token[], i: number): number {
  if (i === FAIL) return FAIL;
  if (at(toks, i, "|") || at(toks, i, "&")) i++;
  const first = readSimple(toks, i, true);
  if (first === FAIL) return FAIL;
  if (isName(tok(toks, first), "extends")) return readConditional(toks, first + 1);
  i = first;
  while (at(toks, i, "|") || at(toks, i, "&")) {
    i = readSimple(toks, i + 1, true);
    if (i === FAIL) return FAIL;
  }
  return i;
}

/** `<T, U: Constraint>` after a function or type name; `i` is at `<`. */
export function readTypeParams(toks: Token[], i: number): number {
  i++;
  for (;;) {
    if (!isName(tok(toks, i))) return FAIL;
    i++;
    if (at(toks, i, ":")) {
      i = readType(toks, i + 1);
      if (i === FAIL) return FAIL;
    }
    if (!at(toks, i, ",")) break;
    i++;
  }
  return closeAngle(toks, i);
}

/** `A extends B ? C : D`, with `i` just past `extends`. */
function readConditional(toks: Token[], i: number): number {
  i = readSimple(toks, i, false);
  if (i === FAIL || !at(toks, i, "?")) return FAIL;
  i = readType(toks, i + 1);
  if (i === FAIL || !at(toks, i, ":")) return FAIL;
  return readType(toks, i + 1);
}

function readSimple(toks: Token[], i: number, allowOptional: boolean): number {
  i = i === FAIL ? FAIL : readPrimary(toks, i);
  while (i !== FAIL) {
    if (allowOptional && at(toks, i, "?")) {
      i++;
    } else if (at(toks, i, "[")) {
      i = at(toks, i + 1, "]") ? i + 2 : expect(toks, readType(toks, i + 1), "]");
    } else if (at(toks, i, "@") && isName(tok(toks, i + 1))) {
      i += 2;
      if (at(toks, i, "(")) i = skipBalanced(toks, i);
    } else {
      break;
    }
  }
  return i;
}

function readPrimary(toks: Token[], i: number): number {
  const t = tok(toks, i);
  const next = tok(toks, i + 1);
  if (t.kind === "string" || t.kind === "number") return i + 1;
  if (t.kind === "keyword") return ["nil", "true", "false"].includes(t.text) ? i + 1 : FAIL;
  if (isPunct(t, "{")) return readTable(toks, i);
  if (isPunct(t, "(")) return readFunctionOrGroup(toks, i);
  if (t.kind !== "name") return FAIL;
  if (t.text === "fun" && isPunct(next, "(")) {
    i = readParams(toks, i + 1);
    return i !== FAIL && at(toks, i, ":") ? readType(toks, i + 1) : i;
  }
  if (t.text === "typeof" && isPunct(next, "(")) return skipBalanced(toks, i + 1);
  if (t.text === "keyof" && isPunct(next, "(")) return expect(toks, readType(toks, i + 2), ")");
  if ((t.text === "readonly" || t.text === "interface") && isPunct(next, "{")) return readTable(toks, i + 1);
  if (t.text === "asserts" && isName(next)) {
    return isName(tok(toks, i + 2), "is") ? readType(toks, i + 3) : i + 2;
  }
  i++;
  while (at(toks, i, ".") && isName(tok(toks, i + 1))) i += 2;
  if (at(toks, i, "<")) i = closeAngle(toks, readList(toks, i + 1));
  return i;
}

/** `(params) -> R`, or a parenthesised type / type list; `i` is at `(`. */
function readFunctionOrGroup(toks: Token[], i: number): number {
  i = readParams(toks, i);
  return i !== FAIL && at(toks, i, "->") ? readType(toks, i + 1) : i;
}

/** `(a: T, U, ...: V)`; `i` is at `(`. Returns the index after `)`. */
function readParams(toks: Token[], i: number): number {
  i++;
  while (i !== FAIL && !at(toks, i, ")")) {
    if (at(toks, i, "...")) {
      i++;
      if (at(toks, i, ":")) i++;
      if (!at(toks, i, ",") && !at(toks, i, ")")) i = readType(toks, i);
    } else if (isName(tok(toks, i)) && at(toks, i + 1, ":")) {
      i = readType(toks, i + 2);
    } else {
      i = readType(toks, i);
    }
    if (i === FAIL || !at(toks, i, ",")) break;
    i++;
  }
  return expect(toks, i, ")");
}

/** `{T}`, `{[K]: V}`, `{name: T, opt?: U}`; `i` is at `{`. */
function readTable(toks: Token[], i: number): number {
  i++;
  while (i !== FAIL && !at(toks, i, "}")) {
    if (at(toks, i, "[")) {
      i = readType(toks, expect(toks, expect(toks, readType(toks, i + 1), "]"), ":"));
    } else if (isNameLike(tok(toks, i)) && at(toks, i + 1, ":")) {
      i = readType(toks, i + 2);
    } else if (isNameLike(tok(toks, i)) && at(toks, i + 1, "?") && at(toks, i + 2, ":")) {
      i = readType(toks, i + 3);
    } else {
      i = readType(toks, i);
    }
    if (i === FAIL || !(at(toks, i, ",") || at(toks, i, ";"))) break;
    i++;
  }
  return expect(toks, i, "}");
}

/** `T {',' T}` — generic arguments. */
function readList(toks: Token[], i: number): number {
  i = readType(toks, i);
  while (i !== FAIL && at(toks, i, ",")) i = readType(toks, i + 1);
  return i;
}

/** Consumes one `>`, splitting a glued `>>` or `>=` token. */
function closeAngle(toks: Token[], i: number): number {
  if (i === FAIL) return FAIL;
  const t = tok(toks, i);
  if (isPunct(t, ">")) return i + 1;
  if (isPunct(t, ">>") || isPunct(t, ">=")) {
    toks.splice(i, 1, { ...t, text: ">", end: t.start + 1 }, { ...t, text: t.text.slice(1), start: t.start + 1 });
    return i + 1;
  }
  return FAIL;
}

/** Index after the bracket that closes the one at `i` (`(`, `[` or `{`), or `FAIL`. */
export function skipBalanced(toks: Token[], i: number): number {
  let depth = 0;
  for (; i < toks.length; i++) {
    const t = tok(toks, i);
    if (t.kind === "eof") return FAIL;
    if (t.kind !== "punct") continue;
    if (t.text === "(" || t.text === "[" || t.text === "{") depth++;
    else if (t.text === ")" || t.text === "]" || t.text === "}") depth--;
    if (depth === 0) return i + 1;
  }
  return FAIL;
}

function expect(toks: Token[], i: number, text: string): number {
  return i !== FAIL && at(toks, i, text) ? i + 1 : FAIL;
}

function at(toks: Token[], i: number, text: string): boolean {
  return isPunct(tok(toks, i), text);
}

/** Token at `i`; past the end it is the final `eof` token. */
export function tok(toks: Token[], i: number): Token {
  const t = toks[Math.min(i, toks.length - 1)];
  if (t === undefined) throw new Error("token list must end with an eof token");
  return t;
}
