/**
 * `wippy start [dir]`: everything on one machine. Starts (or connects to) PostgreSQL, migrates,
 * applies the application folder, then follows the registry — every new version, from any
 * writer, is reported as it lands (LISTEN wippy_registry, catching up by version after a
 * reconnect) — until SIGINT/SIGTERM, when it stops cleanly.
 */
import { listen, REGISTRY_CHANNEL } from "@wippy/db";
import type { CommandContext } from "../command";
import { untilSignal } from "../command";
import { defaultAuthor } from "../env";
import { openSession } from "../session";
import { applyFolder, describeSummary } from "../sync";

export async function startCommand({ env, out }: CommandContext, dir: string | undefined): Promise<void> {
  const session = await openSession(env, out, { longRunning: true });
  try {
    if (dir) {
      const summary = await applyFolder(session.store, dir, { author: defaultAuthor(env), message: `start ${dir}` });
      for (const w of summary.warnings) out.warn(w);
      for (const line of describeSummary(summary)) out.progress(line);
    }
    let seen = await session.store.currentVersion();
    const entries = (await session.store.snapshot()).entries.size;
    const catchUp = async () => {
      for (const delta of await session.store.versionsSince(seen)) {
        const v = delta.version;
        out.progress(`registry version ${v.id} by ${v.author} (${v.source}): ${v.message || "no message"} — ${delta.changes.length} change(s)`);
        seen = v.id;
      }
    };
    const listener = await listen(session.url, REGISTRY_CHANNEL, {
      onNotify: () => void catchUp(),
      onReconnect: () => void catchUp(),
    });
    out.result({ database: session.embedded ? "embedded" : "external", version: seen, entries }, () => [
      `Wippy is running: registry version ${seen}, ${entries} entries, ${session.embedded ? "embedded PostgreSQL" : "PostgreSQL from DATABASE_URL"}.`,
      "",
      "Next, in another terminal from this folder:",
      "  npx wippy registry list              # what the registry holds",
      `  npx wippy apply ${dir ?? "<dir>"}      # apply your edits as a new version`,
      "  npx wippy registry history           # every version, who and why",
      "  npx wippy registry rollback <version> # go back, as a new version",
      "",
      "Press Ctrl-C to stop.",
    ]);
    const signal = await untilSignal();
    out.progress(`${signal}: stopping …`);
    await listener.close();
  } finally {
    await session.close();
  }
}
