/**
 * `wippy start [dir]`: everything on one machine. Starts (or connects to) PostgreSQL,
 * migrates, applies the application folder, and runs a runtime node: the app's `auto_start`
 * services start, and every new registry version — from any writer — is hot-applied and
 * reported as it lands, until SIGINT/SIGTERM, when services stop in reverse order and the
 * database stops cleanly.
 */
import type { CommandContext } from "../command";
import { untilSignal } from "../command";
import { defaultAuthor } from "../env";
import { startNode } from "../node";
import { openSession } from "../session";
import { applyBeforeRunning } from "../sync";

export async function startCommand({ env, out }: CommandContext, dir: string | undefined): Promise<void> {
  const session = await openSession(env, out, { longRunning: true });
  try {
    await applyBeforeRunning(session.store, dir, "start", defaultAuthor(env), out);
    const started = await startNode(session, env);
    const node = started.node;
    // Report each version the node applies, with who wrote it and why (read from the store).
    let reports: Promise<void> = Promise.resolve();
    const unsubscribe = node.view.subscribe((update) => {
      reports = reports.then(async () => {
        const v = await session.store.getVersion(update.version).catch(() => null);
        out.event({ event: "version", version: update.version, author: v?.author, source: v?.source, message: v?.message, changes: update.changes.length }, () =>
          `registry version ${update.version} by ${v?.author ?? "?"} (${v?.source ?? "?"}): ${v?.message || "no message"} — ${update.changes.length} change(s)`,
        );
      });
    });
    const services = node.tree().children.length;
    const entries = node.view.size;
    const version = node.view.version;
    out.event({ event: "running", database: session.embedded ? "embedded" : "external", version, entries, services }, () => [
      `Wippy is running: registry version ${version}, ${entries} entries, ${services} top-level service(s), ${session.embedded ? "embedded PostgreSQL" : "PostgreSQL from DATABASE_URL"}.`,
      "",
      "Next, in another terminal from this folder:",
      "  npx wippy registry list               # what the registry holds",
      `  npx wippy apply ${dir ?? "<dir>"}       # apply your edits: the running node picks them up`,
      "  npx wippy registry history            # every version, who and why",
      "  npx wippy registry rollback <version>  # go back, as a new version",
      "",
      "Press Ctrl-C to stop.",
    ]);
    const signal = await untilSignal();
    out.progress(`${signal}: stopping services …`);
    unsubscribe();
    await started.stop();
    await reports;
  } finally {
    await session.close();
  }
}
