/**
 * The Wippy Lua language for Monaco: Lua 5.3 tokens plus the dialect's optional type syntax
 * (LUA_API.md §2), so annotated code highlights sanely instead of as errors:
 *
 *   local function f(a: string, b: number?): {x: number} … end
 *   local n: integer = 1
 *   type Point = {x: number, y: number}
 *   local p = value :: Point
 *
 * Types are lexed by a small state machine: `typeStart` expects one type term, `typeAfter`
 * continues on `?`, `|`, `&`, `->` or `<…>` and otherwise hands the text back to the caller
 * (`@rematch` + pop), so the code after an annotation is never coloured as a type.
 */
import type * as Monaco from "monaco-editor";
import { LUA_MODULES } from "./lua-docs";

export const LUA_LANGUAGE_ID = "wippy-lua";

const KEYWORDS = [
  "and", "break", "do", "else", "elseif", "end", "for", "function", "goto", "if", "in", "local",
  "not", "or", "repeat", "return", "then", "until", "while",
];
const CONSTANTS = ["true", "false", "nil"];
/** Keywords that can never start or continue a type: seeing one ends the annotation. */
const TYPE_STOP = KEYWORDS.filter((k) => k !== "function");

export const luaLanguageConfiguration: Monaco.languages.LanguageConfiguration = {
  comments: { lineComment: "--", blockComment: ["--[[", "]]"] },
  brackets: [
    ["{", "}"],
    ["[", "]"],
    ["(", ")"],
  ],
  autoClosingPairs: [
    { open: "{", close: "}" },
    { open: "[", close: "]" },
    { open: "(", close: ")" },
    { open: '"', close: '"', notIn: ["string"] },
    { open: "'", close: "'", notIn: ["string"] },
  ],
  surroundingPairs: [
    { open: "{", close: "}" },
    { open: "[", close: "]" },
    { open: "(", close: ")" },
    { open: '"', close: '"' },
    { open: "'", close: "'" },
  ],
  indentationRules: {
    increaseIndentPattern: /^\s*((\b(else|function|then|do|repeat)\b((?!\b(end|until)\b).)*)|(\{\s*))$/,
    decreaseIndentPattern: /^\s*((\b(elseif|else|end|until)\b)|(\})|(\)))/,
  },
};

const typeTerm = (next: string): Monaco.languages.IMonarchLanguageRule[] => [
  [/[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/, { cases: { "@typeStop": { token: "@rematch", next: "@pop" }, "@constants": { token: "type", switchTo: next }, "@default": { token: "type.identifier", switchTo: next } } }],
  [/"[^"]*"|'[^']*'/, { token: "string", switchTo: next }],
  [/\{/, { token: "delimiter.bracket", switchTo: "@typeTable" }],
  [/\(/, { token: "delimiter.parenthesis", switchTo: "@typeParens" }],
];

export const luaMonarch: Monaco.languages.IMonarchLanguage = {
  defaultToken: "",
  tokenPostfix: ".lua",
  keywords: KEYWORDS,
  constants: CONSTANTS,
  typeStop: TYPE_STOP,
  modules: LUA_MODULES.map((m) => m.name),
  brackets: [
    { token: "delimiter.bracket", open: "{", close: "}" },
    { token: "delimiter.array", open: "[", close: "]" },
    { token: "delimiter.parenthesis", open: "(", close: ")" },
  ],
  operators: ["+", "-", "*", "/", "%", "^", "#", "==", "~=", "<=", ">=", "<", ">", "=", ";", ":", ",", ".", "..", "...", "//", "&", "~", "|", "<<", ">>"],
  symbols: /[=><!~?:&|+\-*/^%#.]+/,
  escapes: /\\(?:[abfnrtvz\\"'\n]|x[0-9A-Fa-f]{2}|\d{1,3}|u\{[0-9A-Fa-f]+\})/,
  tokenizer: {
    root: [
      // Monarch needs every group to match (possibly empty): optional parts are `(x|)`, never `(x)?`.
      // `type Name<T> = …` declarations (not `type(x)` calls: a name must follow).
      [/^(\s*)(export\s+|)(type)(\s+)([A-Za-z_]\w*)/, ["white", "keyword", "keyword", "white", { token: "type.identifier", next: "@typeDecl" }]],
      // function name(params): return type
      [/(function)(\s*)([A-Za-z_][\w.:]*|)(\s*)(\()/, ["keyword", "white", "entity.name.function", "white", { token: "delimiter.parenthesis", next: "@params" }]],
      // local name: Type
      [/(local)(\s+)([A-Za-z_]\w*)(\s*)(:)(?!:)/, ["keyword", "white", "variable", "white", { token: "delimiter", next: "@typeStart" }]],
      // ::label:: (goto) before `expr :: Type` casts
      [/::[A-Za-z_]\w*::/, "tag"],
      [/::/, { token: "operator", next: "@typeStart" }],
      { include: "@code" },
    ],
    code: [
      [/[A-Za-z_]\w*/, { cases: { "@keywords": "keyword", "@constants": "constant", "@modules": "variable.predefined", "@default": "identifier" } }],
      { include: "@whitespace" },
      [/(,)(\s*)([A-Za-z_]\w*)(\s*)(=)(?!=)/, ["delimiter", "", "key", "", "delimiter"]],
      [/({)(\s*)([A-Za-z_]\w*)(\s*)(=)(?!=)/, ["@brackets", "", "key", "", "delimiter"]],
      [/[{}()[\]]/, "@brackets"],
      [/@symbols/, { cases: { "@operators": "delimiter", "@default": "" } }],
      [/\d*\.\d+([eE][-+]?\d+)?/, "number.float"],
      [/0[xX][0-9a-fA-F_]*[0-9a-fA-F]/, "number.hex"],
      [/\d+?/, "number"],
      [/[;,.]/, "delimiter"],
      [/\[(=*)\[/, { token: "string", next: "@longString.$1" }],
      [/"([^"\\]|\\.)*$/, "string.invalid"],
      [/'([^'\\]|\\.)*$/, "string.invalid"],
      [/"/, "string", '@string."'],
      [/'/, "string", "@string.'"],
    ],
    whitespace: [
      [/[ \t\r\n]+/, ""],
      [/--\[(=*)\[/, { token: "comment", next: "@longComment.$1" }],
      [/--.*$/, "comment"],
    ],
    longComment: [
      [/[^\]]+/, "comment"],
      [/\](=*)\]/, { cases: { "$1==$S2": { token: "comment", next: "@pop" }, "@default": "comment" } }],
      [/./, "comment"],
    ],
    longString: [
      [/[^\]]+/, "string"],
      [/\](=*)\]/, { cases: { "$1==$S2": { token: "string", next: "@pop" }, "@default": "string" } }],
      [/./, "string"],
    ],
    string: [
      [/[^\\"']+/, "string"],
      [/@escapes/, "string.escape"],
      [/\\./, "string.escape.invalid"],
      [/["']/, { cases: { "$#==$S2": { token: "string", next: "@pop" }, "@default": "string" } }],
    ],
    // Inside `function f(` … `)`: `name: Type` pairs.
    params: [
      [/[ \t]+/, ""],
      [/([A-Za-z_]\w*)(\s*)(:)/, ["variable.parameter", "", { token: "delimiter", next: "@typeStart" }]],
      [/[A-Za-z_]\w*/, "variable.parameter"],
      [/\.\.\./, "variable.parameter"],
      [/,/, "delimiter"],
      [/\)/, { token: "delimiter.parenthesis", switchTo: "@returnType" }],
      [/./, { token: "@rematch", next: "@pop" }],
    ],
    // After a parameter list: an optional `: ReturnType`.
    returnType: [
      [/[ \t]*:(?!:)/, { token: "delimiter", switchTo: "@typeStart" }],
      [/./, { token: "@rematch", next: "@pop" }],
    ],
    typeDecl: [
      [/[ \t]+/, ""],
      [/<[^>]*>/, "type.identifier"],
      [/=/, { token: "delimiter", switchTo: "@typeStart" }],
      [/./, { token: "@rematch", next: "@pop" }],
    ],
    typeStart: [[/[ \t]+/, ""], ...typeTerm("@typeAfter"), [/./, { token: "@rematch", next: "@pop" }]],
    typeAfter: [
      [/[ \t]*\?/, "operator"],
      [/[ \t]*(\||&|->)/, { token: "operator", switchTo: "@typeStart" }],
      [/<[^>]*>/, "type.identifier"],
      [/\[\]/, "type.identifier"],
      [/./, { token: "@rematch", next: "@pop" }],
    ],
    // `{ field: Type, [K]: V, Type }` — table types, nested through typeTableInner.
    typeTable: [{ include: "@typeTableBody" }, [/\}/, { token: "delimiter.bracket", switchTo: "@typeAfter" }]],
    typeTableInner: [{ include: "@typeTableBody" }, [/\}/, { token: "delimiter.bracket", next: "@pop" }]],
    typeTableBody: [
      [/\s+/, ""],
      [/--.*$/, "comment"],
      [/([A-Za-z_]\w*)(\s*)(:)/, ["key", "", "delimiter"]],
      [/[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/, { cases: { "@constants": "type", "@default": "type.identifier" } }],
      [/"[^"]*"|'[^']*'/, "string"],
      [/\{/, { token: "delimiter.bracket", next: "@typeTableInner" }],
      [/[[\]()]/, "@brackets"],
      [/[?|&,;<>]|->/, "operator"],
    ],
    // `(a: A, B) -> R` function types.
    typeParens: [
      [/\s+/, ""],
      [/([A-Za-z_]\w*)(\s*)(:)/, ["variable.parameter", "", "delimiter"]],
      [/[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/, { cases: { "@constants": "type", "@default": "type.identifier" } }],
      [/\{/, { token: "delimiter.bracket", next: "@typeTableInner" }],
      [/\.\.\./, "type.identifier"],
      [/[?|&,]/, "operator"],
      [/\)/, { token: "delimiter.parenthesis", switchTo: "@typeAfter" }],
    ],
  },
};

/** A light theme with good contrast, with colours for the dialect's types. */
export const WIPPY_THEME = "wippy-light";

export const wippyTheme: Monaco.editor.IStandaloneThemeData = {
  base: "vs",
  inherit: true,
  rules: [
    { token: "keyword", foreground: "7c2d9b", fontStyle: "bold" },
    { token: "type.identifier", foreground: "0f6b72" },
    { token: "type", foreground: "0f6b72" },
    { token: "variable.predefined", foreground: "1d4ed8" },
    { token: "entity.name.function", foreground: "6b4e00" },
    { token: "variable.parameter", foreground: "1f2937" },
    { token: "key", foreground: "8a3b12" },
    { token: "constant", foreground: "b42318" },
    { token: "comment", foreground: "5f6b7a", fontStyle: "italic" },
    { token: "string", foreground: "a31515" },
    { token: "number", foreground: "0b7a3e" },
    { token: "tag", foreground: "7c2d9b" },
  ],
  colors: {
    "editor.background": "#ffffff",
    "editorLineNumber.foreground": "#8a94a6",
    "editor.lineHighlightBackground": "#f3f6fb",
  },
};
