/**
 * Reading SQL text without parsing it (pure): what the connector needs to know about a
 * statement before sending it unchanged.
 *
 * `scanSql(text)` walks the text the way PostgreSQL's lexer splits it — skipping '…' strings
 * (E'…' with backslash escapes), "quoted names", line and (nested) block comments, and $tag$…$tag$
 * bodies — and reports:
 * - `maxPlaceholder`: the highest `$n` outside those (so parameters can be padded with NULL);
 * - `openers`: the leading keyword of statements that open a transaction (`BEGIN`, `START`),
 *   which must not run on a pooled connection: the connection would go back to the pool inside
 *   a transaction and later statements on it would never commit.
 *
 * In: SQL text. Out: `SqlScan`.
 */

export interface SqlScan {
  readonly maxPlaceholder: number;
  readonly openers: readonly string[];
}

const IDENT = /[A-Za-z0-9_$\u0080-\uffff]/;
const WORD = /^[A-Za-z_]+/;
const OPENERS = new Set(["BEGIN", "START"]);

/** Index after the closing `quote` (doubled quotes stay inside; `backslashes` for E'...'). */
function skipQuoted(sql: string, from: number, quote: string, backslashes: boolean): number {
  for (let i = from + 1; i < sql.length; i++) {
    if (backslashes && sql[i] === "\\") i++;
    else if (sql[i] === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i++;
    }
  }
  return sql.length;
}

function skipBlockComment(sql: string, from: number): number {
  let depth = 0;
  for (let i = from; i < sql.length - 1; i++) {
    if (sql[i] === "/" && sql[i + 1] === "*") {
      depth++;
      i++;
    } else if (sql[i] === "*" && sql[i + 1] === "/") {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    }
  }
  return sql.length;
}

function skipLine(sql: string, from: number): number {
  const end = sql.indexOf("\n", from);
  return end < 0 ? sql.length : end;
}

/** `$n` → its number and length; `$tag$` → the index after the matching close; else null. */
function dollar(sql: string, i: number): { placeholder: number; next: number } | { next: number } | null {
  const placeholder = /^\$(\d+)/.exec(sql.slice(i, i + 12));
  if (placeholder !== null) return { placeholder: Number(placeholder[1]), next: i + placeholder[0].length };
  const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 66));
  if (tag === null) return null;
  const end = sql.indexOf(tag[0], i + tag[0].length);
  return { next: end < 0 ? sql.length : end + tag[0].length };
}

export function scanSql(sql: string): SqlScan {
  let maxPlaceholder = 0;
  const openers: string[] = [];
  let atStatementStart = true;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    const afterIdent = i > 0 && IDENT.test(sql[i - 1] as string);
    if (c === "-" && sql[i + 1] === "-") i = skipLine(sql, i);
    else if (c === "/" && sql[i + 1] === "*") i = skipBlockComment(sql, i);
    else if (/\s/.test(c)) i++;
    else if (c === ";") {
      atStatementStart = true;
      i++;
    } else {
      if (atStatementStart) {
        const word = WORD.exec(sql.slice(i, i + 16))?.[0].toUpperCase();
        if (word !== undefined && OPENERS.has(word)) openers.push(word);
        atStatementStart = false;
      }
      if (c === "'") i = skipQuoted(sql, i, "'", (sql[i - 1] === "E" || sql[i - 1] === "e") && !(i > 1 && IDENT.test(sql[i - 2] as string)));
      else if (c === '"') i = skipQuoted(sql, i, '"', false);
      else if (c === "$" && !afterIdent) {
        const d = dollar(sql, i);
        if (d !== null && "placeholder" in d) maxPlaceholder = Math.max(maxPlaceholder, d.placeholder);
        i = d === null ? i + 1 : d.next;
      } else i++;
    }
  }
  return { maxPlaceholder, openers };
}
