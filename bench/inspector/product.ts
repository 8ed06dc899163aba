/**
 * `wippy start <app> --web-port <port>` on a scratch database, as a user runs it: migrations,
 * the app applied, a runtime node, the production build of the control plane (built first when
 * missing or stale — run under the shared web lock, see index.ts) and the server the node
 * dials into. Ready = the CLI's `running` event and the node's "connected" log line.
 * `stop()`: SIGTERM, wait, drop the database. Output goes to a log file quoted on failure.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";

export const DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const WIPPY_BIN = path.join(REPO_ROOT, "apps/runtime/bin/wippy.js");
const SCRATCH_PREFIX = "wippy_bench_inspector_";
const NODE_CONNECTED = /control plane: connected to/;

export interface Product {
  readonly url: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(pgUrl: string, work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(pgUrl, { max: 1, onnotice: () => undefined });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-30).join("\n");
  } catch {
    // No output yet.
    return "";
  }
}

function waitReady(child: ChildProcess, logFile: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let web: string | null = null;
    let connected = false;
    const timer = setTimeout(() => reject(new Error(`wippy start was not ready within ${timeoutMs} ms\n${tail(logFile)}`)), timeoutMs);
    const done = () => {
      if (web && connected) {
        clearTimeout(timer);
        resolve(web);
      }
    };
    let rest = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) {
        if (!line.startsWith("{")) continue;
        try {
          const event = JSON.parse(line) as { event?: string; web?: string | null };
          if (event.event === "running" && event.web) web = event.web.replace(/\/+$/, "");
        } catch {
          // Not an event line.
        }
      }
      done();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      if (NODE_CONNECTED.test(chunk.toString())) connected = true;
      done();
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`wippy start exited (${code}) before it was ready\n${tail(logFile)}`));
    });
  });
}

export async function startProduct(appDir: string, pgUrl: string, timeoutMs: number): Promise<Product> {
  const database = `${SCRATCH_PREFIX}${randomBytes(4).toString("hex")}`;
  await admin(pgUrl, (sql) => sql.unsafe(`CREATE DATABASE "${database}"`));
  const logFile = path.join(os.tmpdir(), `${database}.log`);
  const log = fs.createWriteStream(logFile);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: withDatabase(pgUrl, database), WIPPY_AUTHOR: "bench@wippy.test", WIPPY_LOG_FORMAT: "human", NO_COLOR: "1", NEXT_TELEMETRY_DISABLED: "1" };
  delete env.WIPPY_PUBLIC_URL;
  delete env.WIPPY_CONTROL_URL;
  const child = spawn(process.execPath, [WIPPY_BIN, "--json", "start", appDir, "--web-port", String(port)], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(killer);
    }
    log.end();
    await admin(pgUrl, (sql) => sql.unsafe(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
  };
  try {
    const url = await waitReady(child, logFile, timeoutMs);
    return { url, logFile, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
