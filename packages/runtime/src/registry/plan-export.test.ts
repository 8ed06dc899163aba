import { describe, expect, it } from "vitest";
import type { Entry } from "@wippy/shared";
import { planExport } from "./plan-export";

const plan = (entries: Entry[]) => {
  const result = planExport(entries, "out");
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.files;
};

describe("planExport", () => {
  it("writes one folder per namespace, entries by name, Lua sources beside the YAML", () => {
    const files = plan([
      { id: "app.api:zeta", kind: "registry.entry", meta: {}, data: { value: 1 } },
      {
        id: "app.api:alpha",
        kind: "function.lua",
        meta: { title: "Alpha", comment: "first" },
        data: { modules: ["json"], lifecycle: { x: 1 }, method: "main", source: "return { main = main }\n", extra: true },
      },
    ]);
    expect([...files.keys()]).toEqual(["app/api/alpha.lua", "app/api/_index.yaml"]);
    expect(files.get("app/api/alpha.lua")).toBe("return { main = main }\n");
    expect(files.get("app/api/_index.yaml")).toBe(
      [
        'version: "1.0"',
        "namespace: app.api",
        "entries:",
        "  - name: alpha",
        "    kind: function.lua",
        "    meta:",
        "      title: Alpha",
        "      comment: first",
        "    source: file://alpha.lua",
        "    method: main",
        "    modules:",
        "      - json",
        "    extra: true",
        "    lifecycle:",
        "      x: 1",
        "",
        "  - name: zeta",
        "    kind: registry.entry",
        "    value: 1",
        "",
      ].join("\n"),
    );
  });

  it("puts a non-Lua source that starts with file:// in a side file, so it is not taken for a path", () => {
    const files = plan([
      { id: "app:a", kind: "template.jet", meta: {}, data: { source: "inline\ntext\n" } },
      { id: "app:b", kind: "function.wasm", meta: {}, data: { source: "file://sum.wasm" } },
    ]);
    expect(files.get("app/b.src")).toBe("file://sum.wasm");
    expect(files.get("app/_index.yaml")).toContain("    source: |\n      inline\n      text\n");
    expect(files.get("app/_index.yaml")).toContain("    source: file://b.src\n");
  });

  it("keeps paths distinct when they differ only by case", () => {
    const files = plan([
      { id: "app:Hello", kind: "function.lua", meta: {}, data: { source: "A" } },
      { id: "app:hello", kind: "function.lua", meta: {}, data: { source: "b" } },
      { id: "App:x", kind: "registry.entry", meta: {}, data: {} },
    ]);
    expect([...files.keys()].sort()).toEqual(["App/_index.yaml", "app/Hello.lua", "app/_index.2.yaml", "app/hello.2.lua"]);
    expect(files.get("app/_index.2.yaml")).toContain("source: file://hello.2.lua");
  });

  it("refuses entries it cannot write faithfully, and writes nothing", () => {
    const result = planExport(
      [
        { id: "app:a", kind: "registry.entry", meta: {}, data: { name: "x", kind: "y" } },
        { id: "app:b", kind: "registry.entry", meta: {}, data: {} },
        { id: "app:b", kind: "registry.entry", meta: {}, data: {} },
        { id: "not an id", kind: "registry.entry", meta: {}, data: {} },
        { id: "app.node_modules:c", kind: "registry.entry", meta: {}, data: {} },
      ],
      "out",
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => `${e.entryId}: ${e.message}`)).toEqual([
      'app:a: data field "name", "kind" cannot be written: on disk name, kind, meta are the entry\'s own fields',
      "app:b: duplicate entry id",
      "not an id: not a valid entry: id: entry id must be namespace:name",
      'app.node_modules:c: namespace segment "node_modules" would be a folder the loader skips',
    ]);
  });
});
