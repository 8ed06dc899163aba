/**
 * Helpers shared by this folder's tests: fixture paths, temporary application folders, and a
 * fake Lua checker (the real one lives under `lua/`) that calls any line containing `@@` a
 * syntax error.
 */
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CheckLua } from "./lua-entry-check";

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "__fixtures__");

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

export const fakeCheckLua: CheckLua = (source) => {
  const index = source.split("\n").findIndex((line) => line.includes("@@"));
  return index < 0 ? { ok: true } : { ok: false, line: index + 1, message: "unexpected symbol near '@'" };
};

/** Creates a temporary folder holding `files` (relative path → text); returns it and a cleanup. */
export async function tempApp(files: Record<string, string> = {}): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "wippy-registry-"));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text, "utf8");
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
