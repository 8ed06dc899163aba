/**
 * Lua syntax diagnostics for the editor, from the runtime's own dialect loader
 * (`checkLuaSyntax`: type annotations stripped, then compiled by fengari without running), so a
 * source the editor accepts is one the runtime loads.
 *
 * The compiler reports a line and `near '<token>'` but no column. The column is found by asking
 * the same loader again: the first occurrence of the token on that line at which the source,
 * cut right after it, fails near that token is where parsing broke. `<eof>` is at the end of
 * the last line. Only failing sources pay for the extra compiles.
 */
import { checkLuaSyntax } from "@wippy/runtime/lua";
import type { Diagnostic } from "../problems";

export type LuaDiagnostic = Diagnostic & { line: number; column: number };

const LOCATION_PREFIX = /^.*?:\d+: /;
const NEAR = /near '([^']*)'|near (<eof>)/;

export function checkLua(source: string, chunkName = "source"): LuaDiagnostic[] {
  const result = checkLuaSyntax(source, chunkName);
  if (result.ok) return [];
  const lines = source.split("\n");
  const message = result.message.replace(LOCATION_PREFIX, "");
  const near = NEAR.exec(message);
  const token = near?.[1] ?? near?.[2];
  if (token === "<eof>" || result.line < 1) {
    const line = result.line < 1 ? 1 : Math.min(result.line, lines.length);
    return [{ severity: "error", line, column: lineText(lines, line).length + 1, message }];
  }
  return [{ severity: "error", line: result.line, column: token ? columnOf(source, lines, result.line, token) : firstNonBlank(lineText(lines, result.line)), message }];
}

function columnOf(source: string, lines: string[], line: number, token: string): number {
  const text = lineText(lines, line);
  const lineStart = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  const nearToken = `near '${token}'`;
  let first = -1;
  for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) {
    if (first < 0) first = at;
    const cut = checkLuaSyntax(source.slice(0, lineStart + at + token.length), "?");
    if (!cut.ok && cut.line === line && cut.message.includes(nearToken)) return at + 1;
  }
  return first >= 0 ? first + 1 : firstNonBlank(text);
}

function lineText(lines: string[], line: number): string {
  return (lines[line - 1] ?? "").replace(/\r$/, "");
}

function firstNonBlank(text: string): number {
  const at = text.search(/\S/);
  return at < 0 ? 1 : at + 1;
}
