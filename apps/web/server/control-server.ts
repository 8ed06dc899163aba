/**
 * One control-plane server: the pages, the tRPC API, Better Auth and socket.io on one http
 * server, over the shared PostgreSQL.
 *
 * Start: migrate → shared secrets (`control_settings`, unless given) → the adapter's table →
 * listen → API services, pages, namespaces, collaboration (save notices, comments, incidents:
 * sockets/presence-services.ts) → register in `control_servers` (beat every 5 s).
 * Until everything is ready, requests get 503 "starting".
 * Stop (`close`, idempotent): unregister → disconnect every socket and stop listening → close
 * Next → stop collaboration → end the adapter's pool and the database clients.
 *
 * In: `ControlServerOptions`. Out: `ControlServer` (its id, URL, port, node token and the
 * `NodeDirectory` the API uses — tests drive it directly).
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { hostname } from "node:os";
import { createAuth, type ApiServices, type NodeDirectory } from "@wippy/api";
import { AUTH_SECRET_SETTING, connect, migrate, NODE_TOKEN_SETTING, PgWorkflowStore, RegistryStore, settingOrCreate } from "@wippy/db";
import pg from "pg";
import { createHttpHandler } from "./http-handler";
import { messageOf, type Logger } from "./log";
import { hasProductionBuild, MissingBuildError, preparePages, WEB_DIR, type Pages, type UiMode } from "./pages";
import { DEFAULT_BEAT_MS, registerThisServer, type Registration } from "./registration";
import { createSocketServer, DEFAULT_CLUSTER_TIMING, ensureAdapterTable, type ClusterTiming, type SocketServer } from "./sockets/io";
import { SocketNodeDirectory } from "./sockets/node-directory";
import { serveNodes } from "./sockets/nodes-namespace";
import { startCollaboration, type Collaboration } from "./sockets/presence-services";
import { serveUi } from "./sockets/ui-namespace";

export interface ControlServerOptions {
  readonly databaseUrl: string;
  /** 0: any free port. */
  readonly port: number;
  /** Bind address; undefined: every interface. */
  readonly host?: string;
  /** Where browsers reach this server; default `http://localhost:<port>`. */
  readonly publicUrl?: string;
  /** Where runtime nodes reach it (registered in `control_servers`); default `publicUrl`. */
  readonly nodeUrl?: string;
  readonly ui: UiMode;
  readonly log: Logger;
  readonly authSecret?: string;
  readonly nodeToken?: string;
  /** Advertise this server to runtime nodes in `control_servers` (default true). */
  readonly advertise?: boolean;
  readonly cluster?: ClusterTiming;
  readonly beatMs?: number;
  /** How often connected browsers' sessions are re-checked (default 60 s). */
  readonly sessionRecheckMs?: number;
}

export interface ControlServer {
  readonly id: string;
  readonly url: string;
  readonly port: number;
  readonly nodeToken: string;
  readonly nodes: NodeDirectory;
  close(): Promise<void>;
}

const newSecret = (): string => randomBytes(32).toString("base64url");

function listen(server: HttpServer, port: number, host: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new Error(`port ${port} is already in use (set PORT, or stop what uses it)`) : error);
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops listening: lets requests in flight finish for a moment, then cuts what is left. */
async function stopHttp(io: SocketServer["io"], http: HttpServer, graceMs = 3_000): Promise<void> {
  const timer = setTimeout(() => http.closeAllConnections(), graceMs);
  try {
    await new Promise<void>((resolve, reject) => {
      // io.close() disconnects every socket, closes the adapters, then closes the http server.
      void io.close((error) => (error ? reject(error) : resolve()));
    });
  } finally {
    clearTimeout(timer);
  }
}

export async function startControlServer(opts: ControlServerOptions): Promise<ControlServer> {
  const { log } = opts;
  // Before anything else: a missing build is the one error a person can fix at once.
  if (opts.ui === "production" && !hasProductionBuild()) throw new MissingBuildError(WEB_DIR);
  const id = `web-${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  await migrate(opts.databaseUrl, { log: (line) => log.info(line) });
  const database = connect(opts.databaseUrl, { applicationName: "wippy-web" });
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 4, application_name: "wippy-web-sockets" });
  // An idle client that loses its connection emits here; without a listener it would crash us.
  pool.on("error", (error) => log.warn({ err: error.message }, `socket.io adapter connection lost: ${error.message}`));
  let sockets: SocketServer | undefined;
  let http: HttpServer | undefined;
  let pages: Pages | undefined;
  let registration: Registration | undefined;
  let stopUi: (() => void) | undefined;
  let collaboration: Collaboration | undefined;
  const cleanup = async (): Promise<void> => {
    const step = async (what: string, work: (() => Promise<void>) | undefined) => {
      if (!work) return;
      // Every step runs even if one fails; each failure is one log record.
      await work().catch((error: unknown) => log.error({ err: messageOf(error) }, `stopping the control plane (${what}): ${messageOf(error)}`));
    };
    const [r, s, h, p, c] = [registration, sockets, http, pages, collaboration];
    await step("unregister", r && (() => r.remove()));
    stopUi?.();
    await step("sockets and http", s && h && (() => stopHttp(s.io, h)));
    await step("pages", p && (() => p.close()));
    await step("collaboration", c && (() => c.stop()));
    await step("adapter pool", () => pool.end());
    await step("database", () => database.close());
  };
  try {
    const authSecret = opts.authSecret ?? (await settingOrCreate(database.sql, AUTH_SECRET_SETTING, newSecret));
    const nodeToken = opts.nodeToken ?? (await settingOrCreate(database.sql, NODE_TOKEN_SETTING, newSecret));
    await ensureAdapterTable(pool);

    let handler = (_req: IncomingMessage, res: ServerResponse): void => {
      res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": "1" });
      res.end("starting\n");
    };
    http = createServer((req, res) => handler(req, res));
    sockets = createSocketServer(http, pool, log, opts.cluster ?? DEFAULT_CLUSTER_TIMING);
    const port = await listen(http, opts.port, opts.host);
    const url = (opts.publicUrl ?? `http://localhost:${port}`).replace(/\/+$/, "");

    const nodes = new SocketNodeDirectory(sockets.nodes, log);
    const auth = createAuth({ db: database.db, sql: database.sql, secret: authSecret, baseURL: url });
    const services: ApiServices = {
      sql: database.sql,
      db: database.db,
      registry: new RegistryStore(database.sql),
      workflows: new PgWorkflowStore(database.sql),
      auth,
      nodes,
      trustedOrigins: [url],
    };
    pages = await preparePages({ mode: opts.ui, httpServer: http, hostname: opts.host ?? "localhost", port });
    collaboration = await startCollaboration({ ui: sockets.ui, sql: database.sql, registry: services.registry, databaseUrl: opts.databaseUrl, log });
    serveNodes(sockets.nodes, sockets.ui, nodeToken, log, collaboration.incidents);
    stopUi = serveUi(sockets.ui, sockets.nodes, { sql: database.sql, auth, nodes, trustedOrigins: services.trustedOrigins, log }, opts.sessionRecheckMs);
    handler = createHttpHandler({ serverId: id, services, pages: pages.handler, log });

    const nodeUrl = (opts.nodeUrl ?? url).replace(/\/+$/, "");
    if (opts.advertise ?? true) registration = await registerThisServer(database.sql, id, nodeUrl, log, opts.beatMs ?? DEFAULT_BEAT_MS);
    let closing: Promise<void> | undefined;
    return { id, url, port, nodeToken, nodes, close: () => (closing ??= cleanup()) };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
