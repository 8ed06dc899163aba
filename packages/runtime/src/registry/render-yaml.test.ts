import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { orderFields } from "./export-layout";
import { renderDefinitionFile } from "./render-yaml";

describe("renderDefinitionFile", () => {
  it("quotes strings a YAML 1.1 reader would take for something else", () => {
    const words = ["yes", "No", "on", "OFF", "y", "n", "<<", "1_000", "0o17", "0b101", "12:30", "2001-01-01", "2001-01-01T10:00:00Z", ".5", "1e3"];
    const text = renderDefinitionFile("app", [orderFields({ name: "x", kind: "registry.entry", words, "<<": "merge?" })]);
    for (const word of words) expect(text).toContain(`- "${word}"`);
    expect(text).toContain('"<<": merge?');
    expect(parse(text)).toEqual({ version: "1.0", namespace: "app", entries: [{ name: "x", kind: "registry.entry", words, "<<": "merge?" }] });
  });

  it("leaves ordinary strings plain", () => {
    const text = renderDefinitionFile("app", [orderFields({ name: "x", kind: "registry.entry", words: ["hello", "app:processes", "5s", "yesterday"] })]);
    expect(text).toContain("- hello\n      - app:processes\n      - 5s\n      - yesterday\n");
  });

  it("writes name, kind and meta first even when a data key looks like a number", () => {
    const text = renderDefinitionFile("app", [orderFields({ "1": "one", kind: "registry.entry", name: "x", meta: { b: 1, a: 2 } })]);
    expect(text).toBe(['version: "1.0"', "namespace: app", "entries:", "  - name: x", "    kind: registry.entry", "    meta:", "      a: 2", "      b: 1", '    "1": one', ""].join("\n"));
  });
});
