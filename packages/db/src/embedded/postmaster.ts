/**
 * One PostgreSQL cluster on disk: initdb it, start its postmaster, wait until it accepts
 * connections, stop it.
 *
 * Terms:
 * - data folder (PGDATA): initialised when it holds `PG_VERSION`.
 * - `postmaster.pid`: written by a running server. Line 1 pid, 4 port, 8 status
 *   (`starting` | `ready` | `stopping` | `standby`).
 * - stale pid file: left by a killed server; its pid is dead, or now belongs to a process that
 *   is not a postgres serving this folder (pids are reused, quickly so in containers).
 * - fast shutdown: SIGINT to the postmaster — roll back open transactions, disconnect, exit.
 *
 * The postmaster is spawned detached (its own session): a Ctrl-C in the terminal goes to the
 * whole foreground process group and would otherwise shut the server down under the feet of
 * the wippy process that is still closing, and of other processes sharing the server.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { classifyStartFailure, EmbeddedPostgresError } from "./errors";
import type { PgBinaries } from "./binaries";
import { isProcessAlive } from "./processes";
import type { RunAs } from "./run-as";

export interface PostmasterPid {
  pid: number;
  port: number;
  status: string;
}

export interface ClusterTiming {
  readyTimeoutMs: number;
  stopTimeoutMs: number;
  pollMs: number;
}

export const DEFAULT_CLUSTER_TIMING: ClusterTiming = { readyTimeoutMs: 60_000, stopTimeoutMs: 30_000, pollMs: 50 };

/** Messages in English whatever the machine's locale, so failures can be recognised. */
// A clean environment for the server; typed as ProcessEnv (which apps such as Next.js extend
// with required keys like NODE_ENV that PostgreSQL has no use for).
const CHILD_ENV = { LC_ALL: "C", LANG: "C", PATH: "/usr/local/bin:/usr/bin:/bin" } as Record<string, string> as NodeJS.ProcessEnv;
const LOG_TAIL_LINES = 25;

export function isInitialised(dataDir: string): boolean {
  return existsSync(path.join(dataDir, "PG_VERSION"));
}

export function readPostmasterPid(dataDir: string): PostmasterPid | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(dataDir, "postmaster.pid"), "utf8");
  } catch {
    return undefined; // no pid file: no server was running, or it shut down cleanly
  }
  const lines = text.split("\n");
  const pid = Number.parseInt(lines[0] ?? "", 10);
  if (!Number.isFinite(pid)) return undefined;
  return { pid, port: Number.parseInt(lines[3] ?? "", 10), status: (lines[7] ?? "").trim() };
}

/** The server running for this folder, if any. A stale pid file is removed, and said so. */
export function findRunningPostmaster(dataDir: string, log: (line: string) => void): PostmasterPid | undefined {
  const info = readPostmasterPid(dataDir);
  if (!info) return undefined;
  if (isProcessAlive(info.pid) && isPostmasterOf(info.pid, dataDir)) return info;
  log(`removing a stale postmaster.pid in ${dataDir}: pid ${info.pid} is no longer its server (the previous run was killed)`);
  rmSync(path.join(dataDir, "postmaster.pid"), { force: true });
  return undefined;
}

function isPostmasterOf(pid: number, dataDir: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").includes(dataDir);
  } catch {
    // Without /proc (macOS) liveness is all we can know; with it, the process just went away.
    return !existsSync("/proc/self");
  }
}

/** Creates the folder owned by the run-as user with the 0700 mode PostgreSQL insists on. */
export function prepareDataDir(dataDir: string, who: RunAs | undefined): void {
  mkdirSync(dataDir, { recursive: true });
  if (who) chownSync(dataDir, who.uid, who.gid);
  chmodSync(dataDir, 0o700);
}

export interface InitdbOptions {
  user: string;
  password: string;
  /** Skip fsync: only for throw-away clusters (tests). */
  noSync: boolean;
}

export async function runInitdb(bins: PgBinaries, dataDir: string, who: RunAs | undefined, o: InitdbOptions): Promise<void> {
  const pwfile = path.join(path.dirname(dataDir), `.wippy-pwfile-${randomBytes(6).toString("hex")}`);
  writeFileSync(pwfile, `${o.password}\n`, { mode: 0o600 });
  if (who) chownSync(pwfile, who.uid, who.gid);
  const args = [`--pgdata=${dataDir}`, `--username=${o.user}`, `--pwfile=${pwfile}`, "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C"];
  if (o.noSync) args.push("--no-sync");
  try {
    const { code, output } = await runToEnd(bins.initdb, args, who, path.dirname(dataDir));
    if (code !== 0) {
      throw new EmbeddedPostgresError(
        /permission denied|could not (create|access|change)/i.test(output) ? "permission" : "initdb_failed",
        `initdb could not create the PostgreSQL data folder ${dataDir} (exit code ${code})`,
        lastLines(output),
      );
    }
  } finally {
    rmSync(pwfile, { force: true });
  }
}

function runToEnd(file: string, args: string[], who: RunAs | undefined, cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd, env: CHILD_ENV, stdio: ["ignore", "pipe", "pipe"], ...ids(who) });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

export interface StartOptions {
  port: number;
  logFd: number;
  /** Trade durability for speed: only for throw-away clusters (tests). */
  ephemeral: boolean;
}

export function spawnPostmaster(bins: PgBinaries, dataDir: string, who: RunAs | undefined, o: StartOptions): ChildProcess {
  const args = ["-D", dataDir, "-p", String(o.port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="];
  if (o.ephemeral) args.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  const child = spawn(bins.postgres, args, {
    cwd: dataDir,
    env: CHILD_ENV,
    detached: true,
    stdio: ["ignore", o.logFd, o.logFd],
    ...ids(who),
  });
  child.unref();
  return child;
}

/** Resolves when the server says `ready`; rejects, with the log tail, if it exits or stalls. */
export async function waitUntilReady(
  child: ChildProcess,
  dataDir: string,
  readLogTail: () => string,
  timing: ClusterTiming = DEFAULT_CLUSTER_TIMING,
): Promise<void> {
  let exited: number | null | undefined;
  child.once("exit", (code) => (exited = code));
  child.once("error", () => (exited = -1));
  const deadline = Date.now() + timing.readyTimeoutMs;
  for (;;) {
    if (exited !== undefined) {
      const tail = readLogTail();
      const kind = classifyStartFailure(tail);
      const what =
        kind === "port_in_use"
          ? "PostgreSQL could not listen on its port: another program is using it"
          : kind === "permission"
            ? `PostgreSQL could not use its data folder ${dataDir} (permission problem)`
            : `PostgreSQL exited during start-up (exit code ${String(exited)})`;
      throw new EmbeddedPostgresError(kind, what, tail);
    }
    const info = readPostmasterPid(dataDir);
    if (info && info.pid === child.pid && info.status === "ready") return;
    if (Date.now() > deadline) {
      await stopPostmaster(child.pid ?? 0, timing);
      throw new EmbeddedPostgresError("start_failed", `PostgreSQL did not become ready within ${timing.readyTimeoutMs} ms`, readLogTail());
    }
    await sleep(timing.pollMs);
  }
}

/** Waits while the folder's server is `starting` or `stopping`, i.e. until it is ready or gone. */
export async function waitWhileInTransition(dataDir: string, timing: ClusterTiming = DEFAULT_CLUSTER_TIMING): Promise<void> {
  const deadline = Date.now() + timing.readyTimeoutMs;
  for (;;) {
    const info = readPostmasterPid(dataDir);
    const moving = info?.status === "starting" || info?.status === "stopping";
    if (!info || !moving || !isProcessAlive(info.pid) || Date.now() > deadline) return;
    await sleep(timing.pollMs);
  }
}

/** Fast shutdown; escalates to immediate (SIGQUIT), then SIGKILL, if the server hangs. */
export async function stopPostmaster(pid: number, timing: ClusterTiming = DEFAULT_CLUSTER_TIMING): Promise<void> {
  if (pid <= 0) return;
  for (const [signal, waitMs] of [["SIGINT", timing.stopTimeoutMs], ["SIGQUIT", 5_000], ["SIGKILL", 5_000]] as const) {
    if (!signalProcess(pid, signal)) return;
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      if (!isProcessAlive(pid)) return;
      await sleep(timing.pollMs);
    }
  }
}

/** Synchronous, for 'exit' handlers: asks for a fast shutdown and does not wait. */
export function requestFastShutdown(pid: number): void {
  signalProcess(pid, "SIGINT");
}

function signalProcess(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false; // already gone
  }
}

export function readTail(file: string, fromByte: number): string {
  try {
    return lastLines(readFileSync(file).subarray(fromByte).toString("utf8"));
  } catch {
    return ""; // no log yet
  }
}

function lastLines(text: string): string {
  return text.trimEnd().split("\n").slice(-LOG_TAIL_LINES).join("\n");
}

function ids(who: RunAs | undefined): { uid?: number; gid?: number } {
  return who ? { uid: who.uid, gid: who.gid } : {};
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
