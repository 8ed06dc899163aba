/**
 * `exportAppDir(entries, dir)` — writes registry entries as an application folder that
 * `loadAppDir` reads back to the same entries (`jsonEqual`, entry by entry). Layout: see
 * export-layout.ts.
 *
 * The folder must be absent, empty, or a previous export (it has `.wippy-export.json`); any
 * other non-empty folder is refused unless `force` is set, so an export never mixes its files
 * into someone's project by accident. Re-exporting removes the files of the previous export
 * that are no longer written; files the export did not write are never touched.
 *
 * Out: `{ ok: true, files }` (application-relative paths written, manifest excluded) or
 * `{ ok: false, errors }` when nothing was written.
 */
import { mkdir, readdir, rmdir, stat, unlink, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Entry } from "@wippy/shared";
import { compareText } from "./diagnostic";
import type { Diagnostic } from "./diagnostic";
import { MANIFEST_FILE } from "./export-layout";
import { readManifest, renderManifest } from "./export-manifest";
import { planExport } from "./plan-export";

export interface ExportOptions {
  /** Write into a non-empty folder that is not a previous export (its other files stay). */
  force?: boolean;
}

export type ExportResult = { ok: true; files: string[] } | { ok: false; errors: Diagnostic[] };

export async function exportAppDir(entries: readonly Entry[], dir: string, opts: ExportOptions = {}): Promise<ExportResult> {
  const plan = planExport(entries, dir);
  if (!plan.ok) return plan;
  const root = resolve(dir);

  const existing = await stat(root).catch(() => null);
  if (existing && !existing.isDirectory()) return refuse(dir, "exists and is not a folder");
  const previous = existing ? await readManifest(root) : null;
  if (existing && !previous && !opts.force && (await readdir(root)).length > 0) {
    return refuse(dir, `is not empty and holds no ${MANIFEST_FILE}, so it is not a previous export; choose an empty folder or pass force to write into it anyway`);
  }

  const files = [...plan.files.keys()].sort(compareText);
  for (const stale of previous?.files ?? []) {
    if (!plan.files.has(stale)) await removeFile(root, stale);
  }
  for (const file of files) {
    const path = join(root, file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, plan.files.get(file) as string, "utf8");
  }
  // Written last: a crash before this point leaves the previous manifest, which still lists
  // every file an earlier export wrote.
  await writeFile(join(root, MANIFEST_FILE), renderManifest(files), "utf8");
  return { ok: true, files };
}

function refuse(dir: string, why: string): ExportResult {
  return { ok: false, errors: [{ file: dir, message: `export refused: ${dir} ${why}` }] };
}

/** Removes a file of a previous export, then the folders it leaves empty (not the root). */
async function removeFile(root: string, file: string): Promise<void> {
  await unlink(join(root, file)).catch((error: NodeJS.ErrnoException) => {
    // Already gone (deleted by hand): nothing to remove.
    if (error.code !== "ENOENT") throw error;
  });
  for (let folder = dirname(file); folder !== "." && folder !== ""; folder = dirname(folder)) {
    const path = join(root, folder);
    const left = await readdir(path).catch(() => null);
    if (left === null || left.length > 0) return;
    await rmdir(path);
  }
}
