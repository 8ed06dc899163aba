/**
 * `wippy start [dir]`: everything on one machine. Starts (or connects to) PostgreSQL,
 * migrates, applies the application folder, runs a runtime node — the app's `auto_start`
 * services start, and every new registry version, from any writer, is hot-applied and
 * reported as it lands — and the web control plane beside it (a child process on
 * `--web-port`, built first if its build is missing or stale; `--no-web` skips it). The node
 * reports to the control plane through its agent. On SIGINT/SIGTERM the control plane stops,
 * then services in reverse order, then the database.
 *
 * The control plane is an extra: if it cannot be built or started, that is said once and the
 * node runs on without it.
 */
import type { CommandContext } from "../command";
import { untilSignal } from "../command";
import { buildState, buildWeb, WEB_DIR, WebBuildError } from "../control/web-build";
import { startWebProcess, WebProcessError, type WebProcess } from "../control/web-process";
import { childEnv, defaultAuthor } from "../env";
import { startNode } from "../node";
import type { Output } from "../output";
import { openSession, type Session } from "../session";
import { applyBeforeRunning } from "../sync";
import { cliActor } from "../cli-actor";

export const DEFAULT_WEB_PORT = 3100;

export interface StartFlags {
  /** Start the control plane (`--no-web` → false). */
  web: boolean;
  webPort: number;
  /** Serve its pages; false (hidden `--no-web-ui`): API and sockets only, no build needed. */
  webUi: boolean;
}

export const DEFAULT_START_FLAGS: StartFlags = { web: true, webPort: DEFAULT_WEB_PORT, webUi: true };

async function startControlPlane(session: Session, out: Output, flags: StartFlags, signal: AbortSignal): Promise<WebProcess | undefined> {
  try {
    if (flags.webUi) {
      const state = buildState(WEB_DIR);
      if (state !== "fresh") {
        out.progress(state === "missing" ? "building the control plane (first start only)…" : "building the control plane (its sources changed)…");
        await buildWeb(WEB_DIR, childEnv({}), signal);
      }
    }
    if (signal.aborted) return undefined;
    return await startWebProcess({
      env: childEnv({ DATABASE_URL: session.url, PORT: String(flags.webPort) }),
      ui: flags.webUi ? "production" : "none",
      signal,
    });
  } catch (error) {
    if (!(error instanceof WebBuildError || error instanceof WebProcessError)) throw error;
    if (!signal.aborted) out.warn(`the control plane did not start; the node runs without it: ${error.message}`);
    return undefined;
  }
}

export async function startCommand({ env, out }: CommandContext, dir: string | undefined, flags: StartFlags = DEFAULT_START_FLAGS): Promise<void> {
  const session = await openSession(env, out, { longRunning: true });
  try {
    await applyBeforeRunning(session.store, dir, "start", { author: defaultAuthor(env), actor: cliActor() }, out);
    // Listen from here on: a Ctrl-C during the (long) first build must still stop everything.
    const stopping = new AbortController();
    const signalled = untilSignal().then((signal) => {
      stopping.abort();
      return signal;
    });
    const started = await startNode(session, env);
    const node = started.node;
    let web: WebProcess | undefined;
    let unsubscribe = (): void => undefined;
    // Report each version the node applies, with who wrote it and why (read from the store).
    let reports: Promise<void> = Promise.resolve();
    try {
      web = flags.web ? await startControlPlane(session, out, flags, stopping.signal) : undefined;
      // Dial once our own control plane is up (or look for one elsewhere, with --no-web).
      const agent = started.connectControlPlane();
      if (web) {
        void web.exited.then((code) => {
          if (!stopping.signal.aborted) out.warn(`the control plane exited (code ${code}); the node keeps running`);
        });
      }
      unsubscribe = node.view.subscribe((update) => {
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
      if (!stopping.signal.aborted) {
        out.event({ event: "running", database: session.embedded ? "embedded" : "external", version, entries, services, web: web?.url ?? null }, () => [
          `Wippy is running: registry version ${version}, ${entries} entries, ${services} top-level service(s), ${session.embedded ? "embedded PostgreSQL" : "PostgreSQL from DATABASE_URL"}.`,
          ...(web ? ["", `Control plane: ${web.url}`] : []),
          "",
          "Next, in another terminal from this folder:",
          "  npx wippy registry list               # what the registry holds",
          `  npx wippy apply ${dir ?? "<dir>"}       # apply your edits: the running node picks them up`,
          "  npx wippy registry history            # every version, who and why",
          "  npx wippy registry rollback <version>  # go back, as a new version",
          "",
          "Press Ctrl-C to stop.",
        ]);
      }
      const signal = await signalled;
      await agent.stop(); // before its server goes, so it does not report the loss
      if (web) {
        out.progress(`${signal}: stopping the control plane …`);
        await web.stop();
      }
      out.progress(`${signal}: stopping services …`);
    } finally {
      // The control plane first: it holds connections to the database that stops last.
      await web?.stop();
      unsubscribe();
      await started.stop();
      await reports;
    }
  } finally {
    await session.close();
  }
}
