/**
 * Test data: registry entries that are hard to write to disk faithfully — multi-line and
 * unicode sources, strings YAML would read as something else, numbers, bools, nulls, empty
 * containers, odd keys, case-colliding names. Used by the export round-trip tests.
 */
import type { Entry, JsonValue } from "@wippy/shared";

const TRICKY_STRINGS: JsonValue[] = [
  "true", "false", "null", "~", "yes", "no", "on", "1", "1.0", "-0", "0x1F", "0o17", "1_000", "1e3", ".inf", ".nan",
  "2001-01-01", "12:30", "", " ", "  leading", "trailing  ", "- item", "a: b", "#c", "@x", "`x", "!x", "%x", "*x", "&x",
  "{x}", "[x]", "|x", ">x", "'x", '"x', "x # not a comment", "tab\there", "line\nbreak", "\n", "\n\n", "\r", "crlf\r\nend\r\n",
  "bell\u0007", "nel\u0085x", "ls\u2028x", "ünïcödé ✓ 😀 中文", "\uFEFFbom",
];

export const RICH_ENTRIES: Entry[] = [
  {
    id: "app:hello",
    kind: "function.lua",
    meta: { type: "test", suite: "greetings", order: 2, tags: ["demo", "ünïcode"], deep: { a: { b: { c: [1, { d: null }] } } } },
    data: {
      source: '-- héllo 👋\nlocal function main(name: string?): string\n\treturn "hello, " .. (name or "world")   \nend\n\nreturn { main = main }\n',
      method: "main",
      modules: ["json", "time"],
      imports: { util: "app.lib:util" },
      pool: { type: "static", workers: 2 },
    },
  },
  { id: "app:Hello", kind: "function.lua", meta: {}, data: { source: "return function() return 'upper' end", method: "x" } },
  { id: "app:no_newline", kind: "library.lua", meta: {}, data: { source: "return {}" } },
  { id: "app:bom", kind: "library.lua", meta: {}, data: { source: "\uFEFFreturn {}\n" } },
  { id: "app:empty_source", kind: "library.lua", meta: {}, data: { source: "" } },
  { id: "app:crlf", kind: "process.lua", meta: {}, data: { source: "local function run()\r\nend\r\nreturn { run = run }\r\n", method: "run" } },
  { id: "app:looks_like_a_file", kind: "process.lua", meta: {}, data: { source: "file://not/a/file.lua\nreturn function() end\n" } },
  { id: "app.lib:util", kind: "library.lua", meta: { comment: "shared" }, data: { source: "local M = {}\nfunction M.x() end\nreturn M\n", modules: [] } },
  { id: "app:processes", kind: "process.host", meta: {}, data: { host: { workers: 4, queue_size: 1024 }, lifecycle: { auto_start: true } } },
  {
    id: "app:root",
    kind: "process.supervisor",
    meta: { title: "Root" },
    data: { strategy: "rest_for_one", intensity: 0, period: "1h30m", lifecycle: { auto_start: true, on_change: "none" } },
  },
  {
    id: "app.api.v2:get_user.endpoint-1",
    kind: "process.service",
    meta: { supervisor: "app:root", order: -1.5 },
    data: {
      process: "app:looks_like_a_file",
      host: "app:processes",
      input: [0, -0, 1, -1, 0.1, 1e21, 5e-324, 2 ** 53, true, false, null, {}, [], [[]], { "": "" }, ...TRICKY_STRINGS],
      lifecycle: {
        auto_start: false,
        depends_on: ["app:processes"],
        restart_type: "temporary",
        restart: { initial_delay: "0", max_delay: "1.5s", backoff_factor: 1.5, jitter: 0, max_attempts: 0 },
      },
    },
  },
  {
    id: "app:config",
    kind: "registry.entry",
    meta: {},
    data: {
      "": "empty key",
      "1": "numeric key",
      "true": "bool key",
      "null": "null key",
      "~": "tilde key",
      "<<": "merge key",
      "with space": 1,
      "a:b": 2,
      "ключ": "значение",
      "version": "2.0",
      "source": { not: "a string" },
      "empty_object": {},
      "empty_array": [],
      "strings": TRICKY_STRINGS,
      "nested": { list: [{ a: [] }, { b: {} }], n: 3.14159 },
    },
  },
  { id: "app:gateway", kind: "http.service", meta: {}, data: { addr: ":8080", lifecycle: { auto_start: true } } },
  { id: "app:template", kind: "template.jet", meta: {}, data: { source: "<h1>{{ title }}</h1>\n<p>ünï</p>\n", set: "app:templates" } },
  { id: "app:raw_ref", kind: "function.wasm", meta: {}, data: { source: "file://sum.wasm" } },
  { id: "Case:x", kind: "registry.entry", meta: {}, data: { which: "upper" } },
  { id: "case:x", kind: "registry.entry", meta: {}, data: { which: "lower" } },
  { id: "other:empty", kind: "registry.entry", meta: {}, data: {} },
];
