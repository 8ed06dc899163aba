import { describe, expect, it } from "vitest";
import { parseDefinitionFile } from "./definition-file";

const text = (lines: string[]) => `${lines.join("\n")}\n`;

describe("parseDefinitionFile", () => {
  it("returns entries as written, with positions of their fields", () => {
    const parsed = parseDefinitionFile(
      text([
        'version: "1.0"',
        "namespace: app.api",
        "entries:",
        "  - name: hello",
        "    kind: function.lua",
        "    source: |",
        "      return 1",
        "    method: main",
        "    lifecycle:",
        "      restart: { max_delay: 5s }",
      ]),
      "api/_index.yaml",
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.warnings).toEqual([]);
    const entry = parsed.definition?.entries[0];
    expect(parsed.definition?.namespace).toBe("app.api");
    expect(entry?.fields).toEqual({
      name: "hello",
      kind: "function.lua",
      source: "return 1\n",
      method: "main",
      lifecycle: { restart: { max_delay: "5s" } },
    });
    expect(entry?.position).toEqual({ line: 4, column: 5 });
    expect(entry?.positionOf(["method"])).toEqual({ line: 8, column: 13 });
    expect(entry?.positionOf(["lifecycle", "restart", "max_delay"])).toEqual({ line: 10, column: 29 });
    // Absent fields point at the nearest ancestor that is written.
    expect(entry?.positionOf(["lifecycle", "restart", "jitter"])).toEqual({ line: 10, column: 16 });
    expect(entry?.positionOf(["process"])).toEqual({ line: 4, column: 5 });
    // A block scalar's text starts on the line after `|`.
    expect(entry?.textStartLine(["source"])).toBe(7);
    expect(entry?.textStartLine(["method"])).toBe(8);
  });

  it("ignores YAML files that are not definition files", () => {
    expect(parseDefinitionFile("services:\n  db: {}\n", "compose.yml")).toEqual({ definition: null, errors: [], warnings: [] });
    expect(parseDefinitionFile("- a\n- b\n", "list.yaml").definition).toBeNull();
  });

  it("warns about a file with only one of namespace: and entries:", () => {
    const parsed = parseDefinitionFile("namespace: app\nname: x\nkind: registry.entry\n", "x.yaml");
    expect(parsed.definition).toBeNull();
    expect(parsed.errors).toEqual([]);
    expect(parsed.warnings[0]?.message).toMatch(/no top-level entries:/);
  });

  it("reports invalid YAML with its line when the file looks like a definition file", () => {
    const parsed = parseDefinitionFile("namespace: app\nentries:\n  - name: a\n    kind: [x\n", "_index.yaml");
    expect(parsed.definition).toBeNull();
    expect(parsed.errors.length).toBeGreaterThan(0);
    expect(parsed.errors[0]).toMatchObject({ file: "_index.yaml", line: expect.any(Number) });
    expect(parsed.errors[0]?.message).toMatch(/^invalid YAML: /);
  });

  it("only warns about invalid YAML in a file that is not ours", () => {
    const parsed = parseDefinitionFile("chart: {{ .Values.name }\n", "helm/values.yaml");
    expect(parsed.errors).toEqual([]);
    expect(parsed.warnings[0]?.message).toMatch(/not a definition file; ignored/);
  });

  it("reports duplicate keys in an entry", () => {
    const parsed = parseDefinitionFile("namespace: app\nentries:\n  - name: a\n    kind: x\n    kind: y\n", "_index.yaml");
    expect(parsed.errors[0]).toMatchObject({ line: 5 });
  });

  it("refuses an invalid namespace and entries that are not a list of maps", () => {
    expect(parseDefinitionFile("namespace: app..x\nentries: []\n", "a.yaml").errors[0]?.message).toMatch(/namespace must be dotted names/);
    expect(parseDefinitionFile("namespace: 12\nentries: []\n", "a.yaml").errors[0]?.line).toBe(1);
    expect(parseDefinitionFile("namespace: app\nentries: {a: 1}\n", "a.yaml").errors[0]?.message).toMatch(/list of entry maps/);
    const parsed = parseDefinitionFile("namespace: app\nentries:\n  - just a string\n", "a.yaml");
    expect(parsed.errors[0]).toMatchObject({ line: 3, message: "entries[0] must be a map with name and kind" });
  });

  it("accepts an empty entries: list", () => {
    const parsed = parseDefinitionFile("namespace: app\nentries:\n", "a.yaml");
    expect(parsed.definition).toEqual({ file: "a.yaml", namespace: "app", entries: [] });
  });

  it("refuses values JSON cannot hold, naming the field", () => {
    const parsed = parseDefinitionFile("namespace: app\nentries:\n  - name: a\n    kind: registry.entry\n    limits: { max: .inf }\n", "a.yaml");
    expect(parsed.errors[0]).toMatchObject({ line: 5, message: "entries[0].limits.max: Infinity is not a JSON number" });
  });

  it("warns about top-level fields other than version, namespace and entries", () => {
    const parsed = parseDefinitionFile('version: "1.0"\nnamespace: app\nowner: me\nentries: []\n', "a.yaml");
    expect(parsed.warnings).toEqual([{ file: "a.yaml", line: 3, column: 1, message: 'top-level field "owner" ignored' }]);
  });
});

describe("parseDefinitionFile: YAML warnings", () => {
  it("passes on the YAML parser's warnings with their line", () => {
    const parsed = parseDefinitionFile("namespace: app\nentries:\n  - name: a\n    kind: registry.entry\n    t: !custom x\n", "a.yaml");
    expect(parsed.errors).toEqual([]);
    expect(parsed.warnings).toEqual([{ file: "a.yaml", line: 5, column: 8, message: "YAML: Unresolved tag: !custom" }]);
    expect(parsed.definition?.entries[0]?.fields.t).toBe("x");
  });

  it("refuses binary values", () => {
    const parsed = parseDefinitionFile("namespace: app\nentries:\n  - name: a\n    kind: registry.entry\n    blob: !!binary aGVsbG8=\n", "a.yaml");
    expect(parsed.errors[0]?.message).toMatch(/^entries\[0\]\.blob: .* cannot be stored in a registry entry \(JSON values only\)$/);
  });
});
