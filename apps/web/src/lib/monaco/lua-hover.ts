/**
 * Hover docs for Wippy Lua: the dotted path under the cursor (`process.spawn`,
 * `process.event.EXIT`, `time`) is looked up in `lua-docs.ts`.
 */
import type * as Monaco from "monaco-editor";
import { LUA_GLOBALS, allObjectMethods, findMemberDoc, findModuleDoc } from "./lua-docs";

/** The `a.b.c` (or `a:b`) chain that contains `column` (1-based) on `line`, up to the word at it. */
export function pathAt(line: string, column: number): { path: string[]; separator: "." | ":" | null; start: number; end: number } | null {
  const re = /[A-Za-z_]\w*(?:\s*[.:]\s*[A-Za-z_]\w*)*/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const start = m.index + 1;
    const end = start + m[0].length;
    if (column < start || column > end) continue;
    // Cut the chain after the word under the cursor.
    const upto = m[0].slice(0, column - start);
    const tail = /^\w*/.exec(m[0].slice(column - start))?.[0] ?? "";
    const text = upto + tail;
    const colon = text.lastIndexOf(":");
    const parts = text.split(/\s*[.:]\s*/);
    return { path: parts, separator: colon >= 0 && colon > text.lastIndexOf(".") ? ":" : parts.length > 1 ? "." : null, start, end: start + text.length };
  }
  return null;
}

export function createLuaHoverProvider(monaco: typeof Monaco): Monaco.languages.HoverProvider {
  return {
    provideHover(model, position) {
      const found = pathAt(model.getLineContent(position.lineNumber), position.column);
      if (!found) return null;
      const range = new monaco.Range(position.lineNumber, found.start, position.lineNumber, found.end);
      const { path, separator } = found;
      const last = path[path.length - 1] ?? "";
      const code = (signature: string) => ({ value: "```wippy-lua\n" + signature + "\n```" });

      if (path.length === 1) {
        const mod = findModuleDoc(last);
        if (mod) {
          const usage = mod.global ? `${mod.name} (global)` : `local ${mod.name} = require("${mod.name}")`;
          return { range, contents: [code(usage), { value: mod.doc }] };
        }
        const global = LUA_GLOBALS.find((g) => g.name === last);
        return global ? { range, contents: [code(global.signature), { value: global.doc }] } : null;
      }
      const member = findMemberDoc(path);
      if (member) return { range, contents: [code(member.signature), { value: member.doc }] };
      if (separator === ":") {
        const methods = allObjectMethods().filter(({ method }) => method.name === last);
        if (methods.length > 0) {
          return { range, contents: methods.flatMap(({ object, method }) => [code(method.signature), { value: `**${object.name}** — ${method.doc}` }]) };
        }
      }
      return null;
    },
  };
}
