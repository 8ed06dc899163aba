/**
 * A CLI session with the registry: find or start the database, migrate, hand out a
 * RegistryStore, and clean up (close connections, stop an embedded server this process
 * started) however the command ends.
 */
import fs from "node:fs";
import path from "node:path";
import { connect, migrate, RegistryStore, resolveDatabase } from "@wippy/db";
import type { Env } from "./env";
import type { Output } from "./output";
import { CliError, EXIT } from "./output";

export interface Session {
  store: RegistryStore;
  url: string;
  embedded: boolean;
  sql: ReturnType<typeof connect>["sql"];
  close(): Promise<void>;
}

/** The project folder whose `.wippy/` holds the embedded database. */
export function resolveHome(env: Env, cwd = process.cwd()): string {
  if (env.WIPPY_HOME) return path.resolve(env.WIPPY_HOME);
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, ".wippy"))) return dir;
    if (path.dirname(dir) === dir) return cwd;
  }
}

export interface SessionOptions {
  /**
   * Long-running commands (start, dev) own SIGINT/SIGTERM and stop the database themselves,
   * and report every database line. Short commands keep the embedded server's own signal
   * handling (a Ctrl-C mid-command still stops a server they started) and stay quiet about
   * routine lines.
   */
  longRunning?: boolean;
}

/** Routine lines a one-shot command need not print (they repeat on every invocation). */
const ROUTINE = /^(reusing the PostgreSQL server|database is up to date|leaving PostgreSQL running)/;

export async function openSession(env: Env, out: Output, opts: SessionOptions = {}): Promise<Session> {
  const home = resolveHome(env);
  const log = (line: string) => {
    if (opts.longRunning || !ROUTINE.test(line)) out.progress(line);
  };
  let database: Awaited<ReturnType<typeof resolveDatabase>>;
  try {
    database = await resolveDatabase({ appDir: home, databaseUrl: env.DATABASE_URL, log, handleSignals: !opts.longRunning });
  } catch (error) {
    throw new CliError(`cannot start or reach PostgreSQL: ${(error as Error).message}`, EXIT.failure);
  }
  const conn = connect(database.url);
  const close = async () => {
    await conn.close();
    await database.stop();
  };
  try {
    await migrate(database.url, { log });
  } catch (error) {
    await close();
    throw new CliError((error as Error).message, EXIT.failure);
  }
  return { store: new RegistryStore(conn.sql), url: database.url, embedded: database.embedded, sql: conn.sql, close };
}

/** Runs `fn` with a session and always closes it. */
export async function withSession<T>(env: Env, out: Output, fn: (s: Session) => Promise<T>): Promise<T> {
  const session = await openSession(env, out);
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}
