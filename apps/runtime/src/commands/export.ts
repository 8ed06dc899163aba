/** `wippy export <dir>`: write the registry (or one version of it) back to a folder. */
import path from "node:path";
import { exportAppDir, formatDiagnostic } from "@wippy/runtime/registry";
import type { CommandContext } from "../command";
import { CliError, EXIT } from "../output";
import { withSession } from "../session";

export interface ExportFlags {
  version?: number;
  namespace?: string[];
  force?: boolean;
}

export async function exportCommand({ env, out }: CommandContext, dir: string, flags: ExportFlags): Promise<void> {
  await withSession(env, out, async ({ store }) => {
    let version: number;
    let entries;
    if (flags.version === undefined) {
      const snap = await store.snapshot();
      version = snap.version;
      entries = [...snap.entries.values()];
    } else {
      const snap = await store.snapshotAt(flags.version);
      if (!snap.ok) throw new CliError(snap.error.message, snap.error.kind === "NotFound" ? EXIT.notFound : EXIT.usage);
      version = snap.value.version;
      entries = [...snap.value.entries.values()];
    }
    const prefixes = flags.namespace ?? [];
    if (prefixes.length) {
      entries = entries.filter((e) => prefixes.some((ns) => e.id.startsWith(`${ns}:`) || e.id.startsWith(`${ns}.`)));
    }
    const written = await exportAppDir(entries, path.resolve(dir), { force: flags.force });
    if (!written.ok) {
      throw new CliError(`cannot export to ${dir}:\n  ${written.errors.map(formatDiagnostic).join("\n  ")}`, EXIT.usage, written.errors);
    }
    const files = written.files;
    out.result({ version, entries: entries.length, files }, () => `exported ${entries.length} entries of version ${version} to ${dir} (${files.length} files)`);
  });
}
