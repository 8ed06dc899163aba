/**
 * `tsx server/main.ts [--dev] [--no-ui]` — the control-plane server process (`npm start -w
 * @wippy/web`, the docker `web` service, and the child `wippy start` spawns).
 *
 * Prints one line on stdout once it serves — `Wippy control plane listening on <url>` — and
 * logs everything else on stderr. Stops cleanly on SIGINT/SIGTERM (further signals while it
 * stops are ignored: SIGKILL is the way to cut it short), and when the parent that spawned it
 * with an IPC channel (`wippy start`) goes away.
 *
 * Exit codes: 0 stopped cleanly, 1 failed (database, port, …), 2 bad environment or flags,
 * 3 the production UI build is missing.
 */
import { parseArgs } from "node:util";
import { applyProcessEnv, readWebEnv, WebEnvError } from "./env";
import { createLogger, messageOf } from "./log";
import { MissingBuildError, type UiMode } from "./pages";

export const EXIT = { ok: 0, failure: 1, usage: 2, missingBuild: 3 } as const;

function fail(message: string, code: number): never {
  process.stderr.write(`wippy web: ${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  let flags: { dev?: boolean; "no-ui"?: boolean };
  try {
    flags = parseArgs({ options: { dev: { type: "boolean" }, "no-ui": { type: "boolean" } }, strict: true }).values;
  } catch (error) {
    fail(`${messageOf(error)}\nusage: tsx server/main.ts [--dev] [--no-ui]`, EXIT.usage);
  }
  const ui: UiMode = flags["no-ui"] ? "none" : flags.dev ? "development" : "production";
  let env;
  try {
    env = readWebEnv();
  } catch (error) {
    if (error instanceof WebEnvError) fail(error.message, EXIT.usage);
    throw error;
  }
  applyProcessEnv(ui === "development" ? "development" : "production");
  const log = createLogger({ level: env.WIPPY_LOG_LEVEL, format: env.WIPPY_LOG_FORMAT });
  // Imported after the environment is set: it loads the API, Better Auth and (lazily) Next.
  const { startControlServer } = await import("./control-server");
  let server;
  try {
    server = await startControlServer({
      databaseUrl: env.DATABASE_URL,
      port: env.PORT,
      host: env.HOST,
      publicUrl: env.publicUrl,
      nodeUrl: env.nodeUrl,
      ui,
      log,
      authSecret: env.WIPPY_AUTH_SECRET,
      nodeToken: env.WIPPY_NODE_TOKEN,
    });
  } catch (error) {
    if (error instanceof MissingBuildError) fail(error.message, EXIT.missingBuild);
    fail(`cannot start: ${error instanceof Error && !error.message ? error.stack : messageOf(error)}`, EXIT.failure);
  }
  process.stdout.write(`Wippy control plane listening on ${server.url}\n`);
  log.info({ server: server.id, ui }, `serving ${ui === "none" ? "API and sockets" : `pages (${ui}), API and sockets`} on port ${server.port}`);

  let stopping = false;
  const stop = (why: string) => {
    // One stop only: a Ctrl-C reaches this process twice under `wippy start` (the terminal's
    // SIGINT and the parent's SIGTERM), and a second signal must not cut the cleanup short.
    if (stopping) return log.info(`${why}: already stopping`);
    stopping = true;
    log.info(`${why}: stopping`);
    server.close().then(
      () => process.exit(EXIT.ok),
      (error: unknown) => fail(`stopping: ${messageOf(error)}`, EXIT.failure),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  // Spawned with an IPC channel (wippy start): its end means the parent is gone.
  if (process.send) process.once("disconnect", () => stop("parent exited"));
}

main().catch((error: unknown) => fail(`unexpected error: ${error instanceof Error ? error.stack : String(error)}`, EXIT.failure));
