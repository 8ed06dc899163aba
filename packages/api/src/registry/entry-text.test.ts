import { describe, expect, it } from "vitest";
import type { Entry } from "@wippy/shared";
import { entryToYaml, parseEntryYaml } from "./entry-text";

const SOURCE = `local function handler(name: string): string
  return "hi " .. name
end

return { handler = handler }
`;

const FN: Entry = { id: "app.api:hello", kind: "function.lua", meta: { comment: "says hi" }, data: { source: SOURCE, method: "handler", modules: ["json"] } };

describe("one entry as YAML text", () => {
  it("renders the Wippy entry format: namespace, name, kind, meta, data on the entry, source inline", () => {
    const text = entryToYaml(FN);
    expect(text).toContain("namespace: app.api");
    expect(text).toMatch(/- name: hello\n\s+kind: function\.lua\n\s+meta:/);
    expect(text).toMatch(/source: \|/);
    expect(text).not.toContain("data:");
  });

  it("reads back exactly the entry it rendered", () => {
    expect(parseEntryYaml(entryToYaml(FN))).toEqual({ ok: true, entry: FN, warnings: [] });
  });

  it("places a Lua syntax error on the YAML line and column that hold it", () => {
    const text = entryToYaml({ ...FN, data: { ...FN.data, source: SOURCE.replace('"hi " .. name', '"hi " .. .. name') } });
    const result = parseEntryYaml(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lines = text.split("\n");
    const [d] = result.diagnostics;
    expect(lines[(d?.line ?? 0) - 1]).toContain('return "hi " .. .. name');
    expect(lines[(d?.line ?? 0) - 1]?.slice((d?.column ?? 0) - 1)).toMatch(/^\.\./);
    expect(d?.path).toBe("data.source");
  });

  it("places schema errors on the field's line and keeps warnings for unknown fields", () => {
    const bad = "namespace: app\nentries:\n  - name: sup\n    kind: process.supervisor\n    strategy: one_for_none\n";
    const result = parseEntryYaml(bad);
    expect(result).toMatchObject({ ok: false, diagnostics: [{ severity: "error", line: 5, path: "data.strategy" }] });
    const extra = parseEntryYaml("namespace: app\nentries:\n  - name: sup\n    kind: process.supervisor\n    colour: red\n");
    expect(extra).toMatchObject({ ok: true, warnings: [{ severity: "warning", line: 5 }] });
  });

  it("makes relative references absolute, as the loader does", () => {
    const result = parseEntryYaml("namespace: app\nentries:\n  - name: svc\n    kind: process.service\n    process: worker\n    host: app.hosts:main\n");
    expect(result).toMatchObject({ ok: true, entry: { data: { process: "app:worker", host: "app.hosts:main" } } });
  });

  it("explains text that is not one entry", () => {
    expect(parseEntryYaml("namespace: app\nentries: [\n")).toMatchObject({ ok: false, diagnostics: [{ severity: "error", message: expect.stringContaining("invalid YAML") as string }] });
    expect(parseEntryYaml("hello: world\n")).toMatchObject({ ok: false });
    const two = parseEntryYaml("namespace: app\nentries:\n  - name: a\n    kind: registry.entry\n  - name: b\n    kind: registry.entry\n");
    expect(two).toMatchObject({ ok: false, diagnostics: [{ line: 5, message: "only one entry can be edited here" }] });
    expect(parseEntryYaml("namespace: app\nentries:\n  - kind: registry.entry\n")).toMatchObject({ ok: false, diagnostics: [{ message: expect.stringContaining("no name") as string }] });
  });
});
