import { access, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { canonicalJson, jsonEqual } from "@wippy/shared";
import type { Entry } from "@wippy/shared";
import { formatDiagnostic } from "./diagnostic";
import { exportAppDir } from "./export-app-dir";
import { MANIFEST_FILE } from "./export-layout";
import { loadAppDir } from "./load-app-dir";
import { RICH_ENTRIES } from "./__fixtures__/rich-entries";
import { fakeCheckLua, fixture, tempApp } from "./test-support";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
async function tempDir(files: Record<string, string> = {}): Promise<string> {
  const { dir, cleanup } = await tempApp(files);
  cleanups.push(cleanup);
  return dir;
}
const exists = (path: string) => access(path).then(() => true, () => false);

/** Exports, loads back, and checks that every entry comes back `jsonEqual` and nothing else does. */
async function roundTrip(entries: Entry[]): Promise<void> {
  const dir = join(await tempDir(), "out");
  const written = await exportAppDir(entries, dir);
  expect(written).toMatchObject({ ok: true });
  const loaded = await loadAppDir(dir, { checkLua: fakeCheckLua });
  expect(loaded.errors.map(formatDiagnostic)).toEqual([]);
  const expected = [...entries].sort((a, b) => (a.id < b.id ? -1 : 1));
  expect(loaded.entries.map((e) => e.id)).toEqual(expected.map((e) => e.id));
  for (const [i, entry] of expected.entries()) {
    const back = loaded.entries[i] as Entry;
    expect(jsonEqual(back.data, entry.data) && jsonEqual(back.meta, entry.meta) && back.kind === entry.kind).toBe(true);
    expect(canonicalJson(back)).toBe(canonicalJson(entry)); // the same check, showing any difference
  }
}

describe("exportAppDir: round trip", () => {
  it("gives back the fixture application exactly", async () => {
    const loaded = await loadAppDir(fixture("app"));
    expect(loaded.errors).toEqual([]);
    await roundTrip(loaded.entries);
  });

  it("gives back entries that are hard to write exactly", async () => {
    await roundTrip(RICH_ENTRIES);
  });

  it("writes the same bytes every time, whatever the order of entries and keys", async () => {
    const a = join(await tempDir(), "a");
    const b = join(await tempDir(), "b");
    const shuffled = [...RICH_ENTRIES].reverse().map((e) => ({ ...e, data: Object.fromEntries(Object.entries(e.data).reverse()) }));
    const first = await exportAppDir(RICH_ENTRIES, a);
    const second = await exportAppDir(shuffled, b);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.files).toEqual(first.files);
    for (const file of first.files) expect(await readFile(join(b, file), "utf8")).toBe(await readFile(join(a, file), "utf8"));
  });
});

describe("exportAppDir: the destination folder", () => {
  const one: Entry[] = [{ id: "app:x", kind: "registry.entry", meta: {}, data: { v: 1 } }];

  it("creates a missing folder and writes a manifest listing its files", async () => {
    const dir = join(await tempDir(), "new", "deeper");
    const result = await exportAppDir(one, dir);
    expect(result).toEqual({ ok: true, files: ["app/_index.yaml"] });
    expect(JSON.parse(await readFile(join(dir, MANIFEST_FILE), "utf8"))).toEqual({ format: "wippy-export/1", files: ["app/_index.yaml"] });
  });

  it("refuses a non-empty folder that is not a previous export, and writes nothing", async () => {
    const dir = await tempDir({ "README.md": "mine" });
    const result = await exportAppDir(one, dir);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]?.message).toMatch(/is not empty and holds no \.wippy-export\.json, so it is not a previous export; choose an empty folder or pass force/);
    expect(await exists(join(dir, "app"))).toBe(false);
  });

  it("writes into such a folder with force, leaving its other files alone", async () => {
    const dir = await tempDir({ "README.md": "mine" });
    expect((await exportAppDir(one, dir, { force: true })).ok).toBe(true);
    expect(await readFile(join(dir, "README.md"), "utf8")).toBe("mine");
    expect((await loadAppDir(dir)).entries).toEqual(one);
  });

  it("refuses a path that is a file", async () => {
    const dir = await tempDir({ "file.txt": "x" });
    const result = await exportAppDir(one, join(dir, "file.txt"));
    expect(!result.ok && result.errors[0]?.message).toMatch(/exists and is not a folder/);
  });

  it("re-exports over a previous export, removing the files it no longer writes and nothing else", async () => {
    const dir = await tempDir();
    const before: Entry[] = [
      ...one,
      { id: "app:fn", kind: "function.lua", meta: {}, data: { source: "return function() end\n" } },
      { id: "gone.away:y", kind: "registry.entry", meta: {}, data: {} },
    ];
    expect((await exportAppDir(before, dir)).ok).toBe(true);
    await writeFile(join(dir, "app", "notes.txt"), "keep me");
    const result = await exportAppDir(one, dir);
    expect(result).toEqual({ ok: true, files: ["app/_index.yaml"] });
    expect(await exists(join(dir, "app", "fn.lua"))).toBe(false);
    expect(await exists(join(dir, "gone"))).toBe(false);
    expect(await readFile(join(dir, "app", "notes.txt"), "utf8")).toBe("keep me");
    expect((await loadAppDir(dir)).entries).toEqual(one);
  });

  it("returns the reasons when entries cannot be written, and writes nothing", async () => {
    const dir = join(await tempDir(), "out");
    const result = await exportAppDir([{ id: "app:x", kind: "registry.entry", meta: {}, data: { meta: 1 } }], dir);
    expect(!result.ok && result.errors.map(formatDiagnostic)).toEqual([
      `${dir}: app:x: data field "meta" cannot be written: on disk name, kind, meta are the entry's own fields`,
    ]);
    expect(await exists(dir)).toBe(false);
  });
});
