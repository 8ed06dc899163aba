/**
 * Completion for Wippy Lua: module names, `module.` members, `module:` methods (logger),
 * `value:` methods of the API's objects, `require("…")` module names, keywords and globals.
 * Everything comes from `lua-docs.ts`.
 */
import type * as Monaco from "monaco-editor";
import { LUA_GLOBALS, LUA_KEYWORDS, LUA_MODULES, allObjectMethods, findModuleDoc, membersAtPath, type LuaMemberDoc } from "./lua-docs";

type Kinds = typeof Monaco.languages.CompletionItemKind;

function memberKind(kinds: Kinds, member: LuaMemberDoc): Monaco.languages.CompletionItemKind {
  switch (member.kind) {
    case "function":
      return kinds.Function;
    case "method":
      return kinds.Method;
    case "constant":
      return kinds.Constant;
    case "table":
      return kinds.Module;
    default: {
      const never: never = member.kind;
      throw new Error(`unknown member kind ${String(never)}`);
    }
  }
}

export function createLuaCompletionProvider(monaco: typeof Monaco): Monaco.languages.CompletionItemProvider {
  const kinds = monaco.languages.CompletionItemKind;
  return {
    triggerCharacters: [".", ":", '"', "'"],
    provideCompletionItems(model, position) {
      const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const item = (member: LuaMemberDoc, detail = member.signature): Monaco.languages.CompletionItem => ({
        label: member.name,
        kind: memberKind(kinds, member),
        detail,
        documentation: { value: member.doc },
        insertText: member.name,
        range,
      });

      const required = /require\s*\(?\s*["']([\w.]*)$/.exec(line);
      if (required) {
        const suggestions = LUA_MODULES.filter((m) => !m.global).map((m) => ({
          label: m.name,
          kind: kinds.Module,
          detail: `require("${m.name}")`,
          documentation: { value: `${m.doc}\n\nList \`${m.name}\` in the entry's \`modules:\`.` },
          insertText: m.name,
          range,
        }));
        return { suggestions };
      }

      const access = /([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*([.:])\s*\w*$/.exec(line);
      if (access) {
        const path = (access[1] ?? "").split(".");
        if (access[2] === ".") {
          const members = membersAtPath(path)?.filter((m) => m.kind !== "method") ?? [];
          return { suggestions: members.map((m) => item(m)) };
        }
        const moduleMethods = path.length === 1 ? findModuleDoc(path[0] ?? "")?.members.filter((m) => m.kind === "method") : undefined;
        if (moduleMethods && moduleMethods.length > 0) return { suggestions: moduleMethods.map((m) => item(m)) };
        const seen = new Set<string>();
        const suggestions: Monaco.languages.CompletionItem[] = [];
        for (const { object, method } of allObjectMethods()) {
          if (seen.has(method.name)) continue;
          seen.add(method.name);
          suggestions.push({ ...item(method, `${object.name} · ${method.signature}`) });
        }
        return { suggestions };
      }

      const suggestions: Monaco.languages.CompletionItem[] = [
        ...LUA_MODULES.map((m) => ({
          label: m.name,
          kind: kinds.Module,
          detail: m.global ? `${m.name} (global)` : `local ${m.name} = require("${m.name}")`,
          documentation: { value: m.doc },
          insertText: m.name,
          range,
        })),
        ...LUA_GLOBALS.map((g) => item(g)),
        ...LUA_KEYWORDS.map((k) => ({ label: k, kind: kinds.Keyword, insertText: k, range })),
      ];
      return { suggestions };
    },
  };
}
