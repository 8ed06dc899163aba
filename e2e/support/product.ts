/**
 * The product under test, started the way a user starts it: a scratch database on an external
 * PostgreSQL, then `wippy start e2e/app --web-port <port>` with DATABASE_URL pointing at it —
 * migrations, the app applied as version 1, a runtime node, the production build of the control
 * plane (built first if missing or stale) and the control-plane server the node dials into.
 *
 * Ready means: `wippy start` reported `running` with the control plane's URL (`--json` event),
 * the node logged that it connected to that control plane, and the server answers HTTP.
 * `stop()` sends SIGTERM (the CLI then stops the control plane, the services and its database
 * connections in order), waits, and drops the scratch database.
 *
 * Everything `wippy start` prints goes to `e2e/.run/<database>.log`; a failure quotes its tail.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { E2E_DIR, REPO_ROOT } from "./env";

export interface ProductOptions {
  /** The PostgreSQL server to make the scratch database on (its own database is only used to CREATE/DROP). */
  pgUrl: string;
  port: number;
  startTimeoutMs: number;
}

export interface Product {
  url: string;
  database: string;
  databaseUrl: string;
  logFile: string;
  stop(): Promise<void>;
}

const WIPPY_BIN = path.join(REPO_ROOT, "apps/runtime/bin/wippy.js");
const APP_DIR = path.join(E2E_DIR, "app");
const NODE_CONNECTED = /control plane: connected to (\S+)/;
/** After `running`, the node dials the control plane; it retries with backoff, so allow a while. */
const NODE_CONNECT_TIMEOUT_MS = 60_000;
/** SIGTERM → the CLI stops everything in order; its own grace for the control plane is 10 s. */
const STOP_TIMEOUT_MS = 30_000;
/** Scratch databases are named so; nothing else is ever created or dropped. */
export const SCRATCH_PREFIX = "wippy_e2e_";

interface RunningEvent {
  event: "running";
  web: string | null;
  version: number;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminSql<T>(pgUrl: string, work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(pgUrl, { max: 1, onnotice: () => undefined, connect_timeout: 10 });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function createScratchDatabase(pgUrl: string): Promise<string> {
  const name = `${SCRATCH_PREFIX}${randomBytes(5).toString("hex")}`;
  await adminSql(pgUrl, (sql) => sql.unsafe(`CREATE DATABASE "${name}"`));
  return name;
}

export async function dropScratchDatabase(pgUrl: string, name: string): Promise<void> {
  if (!name.startsWith(SCRATCH_PREFIX) || !/^[a-z0-9_]+$/.test(name)) throw new Error(`refusing to drop ${name}: not a scratch database of this suite`);
  await adminSql(pgUrl, (sql) => sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    // No log yet: nothing to quote.
    return "(no output)";
  }
}

/** Resolves with the first stdout `running` event and the node's connection, or rejects when the CLI exits first. */
function waitUntilReady(child: ChildProcess, logFile: string, timeoutMs: number): Promise<{ running: RunningEvent; exited: Promise<number | null> }> {
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let running: RunningEvent | null = null;
    let connected = false;
    let stdoutRest = "";
    let stderrRest = "";
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      if (!error && !(running && connected)) return;
      settled = true;
      clearTimeout(startTimer);
      clearTimeout(connectTimer);
      if (error) reject(error);
      else if (running) resolve({ running, exited });
    };
    const fail = (why: string) => finish(new Error(`${why}\n--- last lines of ${logFile} ---\n${tail(logFile)}`));
    const startTimer = setTimeout(() => fail(`wippy start was not running after ${timeoutMs} ms`), timeoutMs);
    let connectTimer: NodeJS.Timeout | undefined;

    child.stdout?.on("data", (chunk: Buffer) => {
      const lines = (stdoutRest + chunk.toString()).split("\n");
      stdoutRest = lines.pop() ?? "";
      for (const line of lines) {
        let event: unknown;
        try {
          event = JSON.parse(line);
        } catch {
          // Not one of the CLI's NDJSON events (it prints nothing else on stdout with --json).
          continue;
        }
        if (typeof event !== "object" || event === null || (event as { event?: unknown }).event !== "running") continue;
        running = event as RunningEvent;
        if (!running.web) return fail("wippy start is running, but its control plane did not start (see the warning above)");
        connectTimer = setTimeout(() => fail(`the runtime node did not connect to the control plane within ${NODE_CONNECT_TIMEOUT_MS} ms`), NODE_CONNECT_TIMEOUT_MS);
        finish();
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      const lines = (stderrRest + chunk.toString()).split("\n");
      stderrRest = lines.pop() ?? "";
      if (lines.some((l) => NODE_CONNECTED.test(l))) {
        connected = true;
        finish();
      }
    });
    child.once("error", (error) => fail(`cannot run wippy start: ${error.message}`));
    void exited.then((code) => fail(`wippy start exited (code ${code}) before it was ready`));
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(new URL("/api/trpc/setup.status", url));
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the control plane at ${url} did not answer within ${timeoutMs} ms (${last})`);
}

function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  child.kill("SIGTERM");
  const killer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  return exited.then(() => clearTimeout(killer));
}

export async function startProduct(opts: ProductOptions): Promise<Product> {
  const database = await createScratchDatabase(opts.pgUrl);
  const databaseUrl = withDatabase(opts.pgUrl, database);
  const runDir = path.join(E2E_DIR, ".run");
  mkdirSync(runDir, { recursive: true });
  const logFile = path.join(runDir, `${database}.log`);
  const log = createWriteStream(logFile);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    WIPPY_AUTHOR: "e2e@wippy.test",
    WIPPY_LOG_FORMAT: "human",
    NO_COLOR: "1",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // The browser reaches the server at its default public URL (http://localhost:<port>).
  delete env.WIPPY_PUBLIC_URL;
  delete env.WIPPY_CONTROL_URL;
  const child = spawn(process.execPath, [WIPPY_BIN, "--json", "start", path.relative(REPO_ROOT, APP_DIR), "--web-port", String(opts.port)], {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });

  const cleanup = async (exited: Promise<number | null>) => {
    await stopChild(child, exited);
    log.end();
    await dropScratchDatabase(opts.pgUrl, database);
  };

  const exitedEarly = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let ready: Awaited<ReturnType<typeof waitUntilReady>>;
  try {
    ready = await waitUntilReady(child, logFile, opts.startTimeoutMs);
    await waitForHttp(ready.running.web ?? "", 30_000);
  } catch (error) {
    await cleanup(exitedEarly);
    throw error;
  }
  const url = (ready.running.web ?? "").replace(/\/+$/, "");
  return { url, database, databaseUrl, logFile, stop: () => cleanup(ready.exited) };
}
