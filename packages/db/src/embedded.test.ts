import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ignoreNotice } from "./client";
import { EmbeddedPostgresError, resolveDatabase, startEmbeddedPostgres, type EmbeddedPostgres, type EmbeddedPostgresOptions } from "./embedded";
import { isProcessAlive } from "./embedded/processes";
import { readPostmasterPid } from "./embedded/postmaster";
import { LOOPBACK, SYSTEM_POSTGRES_PORT } from "./embedded/server-config";

const TIMEOUT = { timeout: 60_000 };
const isRoot = process.getuid?.() === 0;

let appDir: string;
let lines: string[];
const dataDirs = new Set<string>();
const servers: EmbeddedPostgres[] = [];

beforeEach(async () => {
  appDir = await mkdtemp(path.join(tmpdir(), "wippy-embedded-"));
  lines = [];
});

afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
  for (const d of dataDirs) {
    for (const p of [d, `${d}.holders`, `${d}.lock`]) await rm(p, { recursive: true, force: true });
  }
  dataDirs.clear();
  await rm(appDir, { recursive: true, force: true });
});

async function start(extra: Partial<EmbeddedPostgresOptions> = {}): Promise<EmbeddedPostgres> {
  const server = await startEmbeddedPostgres({ appDir, handleSignals: false, log: (l) => lines.push(l), ...extra });
  servers.push(server);
  dataDirs.add(server.dataDir);
  return server;
}

async function query<T extends object>(url: string, text: string): Promise<T[]> {
  const sql = postgres(url, { max: 1, onnotice: ignoreNotice });
  try {
    return [...(await sql.unsafe<T[]>(text))];
  } finally {
    await sql.end();
  }
}

function savedPort(): number {
  return (JSON.parse(readFileSync(path.join(appDir, ".wippy", "pg.json"), "utf8")) as { port: number }).port;
}

function postmasterPid(server: EmbeddedPostgres): number {
  const info = readPostmasterPid(server.dataDir);
  if (!info) throw new Error(`no postmaster.pid in ${server.dataDir}`);
  return info.pid;
}

async function waitUntilDead(pid: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`process ${pid} is still alive`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("startEmbeddedPostgres", () => {
  it("restart: a second start reuses the saved port and the data", TIMEOUT, async () => {
    const first = await start();
    expect(first.origin).toBe("started");
    expect(first.port).not.toBe(SYSTEM_POSTGRES_PORT);
    expect(savedPort()).toBe(first.port);
    await query(first.url(), "create table kept (v text); insert into kept values ('still here')");
    const pid = postmasterPid(first);
    await first.stop();
    expect(isProcessAlive(pid)).toBe(false);

    const second = await start();
    expect(second.origin).toBe("started");
    expect(second.port).toBe(first.port);
    expect(second.dataDir).toBe(first.dataDir);
    expect(await query(second.url(), "select v from kept")).toEqual([{ v: "still here" }]);
    expect(lines.filter((l) => l.startsWith("initialising"))).toHaveLength(1);
  });

  it("already_running: a second start attaches; the last stop shuts the server down", TIMEOUT, async () => {
    const owner = await start({ persistent: false });
    const attached = await start({ persistent: false });
    expect(attached.origin).toBe("attached");
    expect(attached.port).toBe(owner.port);
    expect(lines.some((l) => l.startsWith("reusing the PostgreSQL server already running"))).toBe(true);
    const pid = postmasterPid(owner);

    await owner.stop();
    expect(isProcessAlive(pid)).toBe(true);
    expect(await query(attached.url(), "select 1 as one")).toEqual([{ one: 1 }]);

    await attached.stop();
    expect(isProcessAlive(pid)).toBe(false);
  });

  it("killed_server: recovers from the stale postmaster.pid of a SIGKILLed server", TIMEOUT, async () => {
    const first = await start();
    await query(first.url(), "create table kept (v int); insert into kept values (42)");
    const pid = postmasterPid(first);
    process.kill(pid, "SIGKILL");
    await waitUntilDead(pid);
    expect(existsSync(path.join(first.dataDir, "postmaster.pid"))).toBe(true);

    const second = await start();
    expect(second.origin).toBe("started");
    expect(lines.some((l) => l.includes("stale postmaster.pid"))).toBe(true);
    expect(await query(second.url(), "select v from kept")).toEqual([{ v: 42 }]);
  });

  it("port_taken: moves to a free port, says so, and remembers it", TIMEOUT, async () => {
    const first = await start({ persistent: false });
    await first.stop();
    const squatter = await occupy(first.port);
    try {
      const second = await start({ persistent: false });
      expect(second.port).not.toBe(first.port);
      expect(second.port).not.toBe(SYSTEM_POSTGRES_PORT);
      expect(savedPort()).toBe(second.port);
      expect(lines.some((l) => l.includes(`port ${first.port} is in use by another program`))).toBe(true);
      expect(await query(second.url(), "select 1 as one")).toEqual([{ one: 1 }]);
    } finally {
      squatter.close();
    }
  });

  it("not_a_cluster: refuses a non-empty folder that holds no cluster, and leaves it alone", TIMEOUT, async () => {
    const scratch = await mkdtemp(path.join("/var/tmp", "wippy-notcluster-"));
    dataDirs.add(scratch);
    await chmod(scratch, 0o755);
    const dataDir = path.join(scratch, "data");
    await mkdir(dataDir);
    await writeFile(path.join(dataDir, "precious.txt"), "not a cluster");
    const error = await start({ dataDir, persistent: false }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EmbeddedPostgresError);
    expect((error as EmbeddedPostgresError).kind).toBe("initdb_failed");
    expect((error as Error).message).toMatch(/is not empty but holds no PostgreSQL data folder/);
    expect(readFileSync(path.join(dataDir, "precious.txt"), "utf8")).toBe("not a cluster");
  });

  it("initdb_failure: reports initdb's own words and leaves no half-made data folder", TIMEOUT, async () => {
    await mkdir(path.join(appDir, ".wippy"));
    // initdb refuses superuser names starting with pg_.
    await writeFile(path.join(appDir, ".wippy", "pg.json"), JSON.stringify({ port: 1, user: "pg_refused", password: "x" }));
    const error = await start({ persistent: false }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EmbeddedPostgresError);
    const e = error as EmbeddedPostgresError;
    expect(e.kind).toBe("initdb_failed");
    expect(e.logTail).toMatch(/pg_refused/);
    const dataDir = lines.find((l) => l.startsWith("initialising"))?.replace(/^initialising a new PostgreSQL data folder in /, "");
    expect(dataDir).toBeDefined();
    dataDirs.add(dataDir!);
    expect(existsSync(dataDir!)).toBe(false);
    expect(existsSync(`${dataDir!}.initdb`)).toBe(false);
  });

  it.runIf(isRoot)("unreachable_data_dir: an explicit folder the postgres user cannot reach is refused clearly", TIMEOUT, async () => {
    const error = await start({ dataDir: path.join(appDir, "data"), persistent: false }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EmbeddedPostgresError);
    expect((error as EmbeddedPostgresError).kind).toBe("permission");
    expect((error as Error).message).toMatch(/cannot reach the data folder/);
  });

  it.runIf(isRoot)("root: data moves to a folder the postgres user can reach, and a line says why", TIMEOUT, async () => {
    const server = await start({ persistent: false });
    expect(server.dataDir.startsWith("/var/tmp/wippy-pg/data-")).toBe(true);
    expect(lines.some((l) => l.includes("cannot reach") && l.includes(appDir))).toBe(true);
    const [row] = await query<{ u: string }>(server.url(), "select current_user as u");
    expect(row?.u).toBe("wippy");
  });
});

describe("process lifetime", () => {
  const child = fileURLToPath(new URL("./embedded/test-child.ts", import.meta.url));

  function runChild(mode: "exit" | "wait") {
    const proc = spawn(process.execPath, ["--import", "tsx", child, appDir, mode], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    proc.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const info = new Promise<{ pid: number; port: number; dataDir: string }>((resolve, reject) => {
      let out = "";
      proc.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        if (out.includes("\n")) resolve(JSON.parse(out) as { pid: number; port: number; dataDir: string });
      });
      proc.once("exit", () => reject(new Error(`child exited before starting the server:\n${stderr}`)));
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      proc.once("exit", (code, signal) => resolve({ code, signal })),
    );
    return { proc, info, exited };
  }

  it("normal_exit: a process that exits without stop() leaves no postgres behind", TIMEOUT, async () => {
    const { info, exited } = runChild("exit");
    const { pid, dataDir } = await info;
    dataDirs.add(dataDir);
    expect(await exited).toEqual({ code: 0, signal: null });
    await waitUntilDead(pid);
  });

  it("sigterm: fast shutdown of the server, then the process ends by the signal", TIMEOUT, async () => {
    const { proc, info, exited } = runChild("wait");
    const { pid, dataDir } = await info;
    dataDirs.add(dataDir);
    expect(isProcessAlive(pid)).toBe(true);
    proc.kill("SIGTERM");
    expect(await exited).toEqual({ code: null, signal: "SIGTERM" });
    expect(isProcessAlive(pid)).toBe(false);
  });
});

describe("resolveDatabase", () => {
  it("uses the given databaseUrl and starts nothing", async () => {
    const url = "postgres://someone@db.example:5432/app";
    const resolved = await resolveDatabase({ appDir, databaseUrl: url });
    expect(resolved).toMatchObject({ url, embedded: false });
    await resolved.stop();
    expect(existsSync(path.join(appDir, ".wippy"))).toBe(false);
  });

  it("without a URL: starts the embedded server and creates the wippy database", TIMEOUT, async () => {
    const resolved = await resolveDatabase({ appDir, persistent: false, handleSignals: false, log: (l) => lines.push(l) });
    try {
      expect(resolved.embedded).toBe(true);
      expect(new URL(resolved.url).pathname).toBe("/wippy");
      expect(new URL(resolved.url).hostname).toBe(LOOPBACK);
      const [row] = await query<{ db: string }>(resolved.url, "select current_database() as db");
      expect(row?.db).toBe("wippy");
    } finally {
      await resolved.stop();
    }
  });
});

function occupy(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ port, host: LOOPBACK }, () => resolve(server));
  });
}
