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
    // Catch-ups run one at a time (two NOTIFYs in a row must not report a version twice).
    let chain: Promise<void> = Promise.resolve();
    const catchUp = () => {
      chain = chain.then(async () => {
        try {
          for (const delta of await session.store.versionsSince(seen)) {
            const v = delta.version;
            out.event({ event: "version", version: v.id, author: v.author, source: v.source, message: v.message, changes: delta.changes.length }, () =>
              `registry version ${v.id} by ${v.author} (${v.source}): ${v.message || "no message"} — ${delta.changes.length} change(s)`,
            );
            seen = v.id;
          }
        } catch (error) {
          // The database went away mid-read: the listener's reconnect triggers the next catch-up.
          out.warn(`cannot read new registry versions: ${(error as Error).message}`);
        }
      });
    };
    const listener = await listen(session.url, REGISTRY_CHANNEL, { onNotify: catchUp, onReconnect: catchUp });
    catchUp(); // versions committed between reading `seen` and LISTEN taking effect
    out.event({ event: "running", database: session.embedded ? "embedded" : "external", version: seen, entries }, () => [
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
    await chain;
  } finally {
    await session.close();
  }
}
