/**
 * What a Lua source returns, read from its text without running it: a table of methods
 * (`return { main = main }`), a bare function (`return function(...) end`, `return main` where
 * `main` is a function), or something this quick look cannot tell.
 *
 * Only the final top-level `return` counts (it starts a line, as a chunk's last statement
 * does). For a table constructor written in place, its keys are listed when every field is
 * `name = ...` or `["name"] = ...`; otherwise `keys` is null. Callers treat anything uncertain
 * as acceptable: this check may miss mistakes, but never rejects a working source.
 */

export type ReturnShape = { kind: "table"; keys: string[] | null } | { kind: "function" } | { kind: "unknown" };

const FINAL_RETURN = /^return\b[ \t]*/gm;

export function detectReturnShape(source: string): ReturnShape {
  let start = -1;
  for (const m of source.matchAll(FINAL_RETURN)) start = m.index + m[0].length;
  if (start < 0) return { kind: "unknown" };
  const expression = source.slice(start);
  if (expression.startsWith("{")) return { kind: "table", keys: tableKeys(expression) };
  if (/^function\b/.test(expression)) return { kind: "function" };
  const name = /^([A-Za-z_]\w*)\s*(?:;|--|$)/.exec(expression)?.[1];
  if (name === undefined) return { kind: "unknown" };
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  if (new RegExp(`^(?:local\\s+)?function\\s+${n}\\s*\\(|^(?:local\\s+)?${n}\\s*=\\s*function\\b`, "m").test(source)) return { kind: "function" };
  if (new RegExp(`^(?:local\\s+)?${n}\\s*(?::[^=\\n]*)?=\\s*(?:\\{|setmetatable\\s*\\()`, "m").test(source)) return { kind: "table", keys: null };
  return { kind: "unknown" };
}

const NAMED_FIELD = /^\s*(?:([A-Za-z_]\w*)|\[\s*(["'])([^"'\\\n]*)\2\s*\])\s*=(?!=)/;

/** Keys of the table constructor that opens `text`, or null when a field is not a plain named one. */
function tableKeys(text: string): string[] | null {
  const keys: string[] = [];
  let depth = 0;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    if (fieldStart && depth === 1) {
      fieldStart = false;
      // Line comments before a field are skipped; anything else unexpected gives up.
      const rest = text.slice(i).replace(/^(?:\s*--(?!\[=*\[)[^\n]*(?:\n|$))+/, "");
      if (!/^\s*}/.test(rest)) {
        // Not an empty table or a trailing separator: a field, which must be a named one.
        const m = NAMED_FIELD.exec(rest);
        if (!m) return null;
        keys.push((m[1] ?? m[3]) as string);
      }
    }
    const skip = skipStringOrComment(text, i);
    if (skip > i) {
      i = skip - 1;
      continue;
    }
    const c = text[i];
    if (c === "{" || c === "(" || c === "[") {
      depth++;
      if (depth === 1) fieldStart = true;
    } else if (c === "}" || c === ")" || c === "]") {
      depth--;
      if (depth === 0) return keys;
    } else if ((c === "," || c === ";") && depth === 1) fieldStart = true;
  }
  return null;
}

/** Index just past the string or comment starting at `i`, or `i` when there is none. */
function skipStringOrComment(text: string, i: number): number {
  const c = text[i];
  if (c === '"' || c === "'") {
    let j = i + 1;
    while (j < text.length && text[j] !== c && text[j] !== "\n") j += text[j] === "\\" ? 2 : 1;
    return j + 1;
  }
  const long = /^(--)?\[(=*)\[/.exec(text.slice(i, i + 64));
  if (long) {
    const close = text.indexOf(`]${long[2]}]`, i + long[0].length);
    return close < 0 ? text.length : close + (long[2] ?? "").length + 2;
  }
  if (c === "-" && text[i + 1] === "-") {
    const end = text.indexOf("\n", i);
    return end < 0 ? text.length : end + 1;
  }
  return i;
}
