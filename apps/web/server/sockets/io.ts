/**
 * The socket.io server of one control-plane instance, on the same http server as the pages and
 * the API, with the PostgreSQL adapter so that every instance sharing the database shares rooms,
 * broadcasts, `fetchSockets` and acknowledgements (socket.io's cluster protocol over
 * LISTEN/NOTIFY; payloads over 8 kB go through the `socket_io_attachments` table).
 *
 * Terms: `NodesNamespace` (`/nodes`, runtime nodes) and `UiNamespace` (`/ui`, browsers), each
 * typed with its own protocol (node-wire.ts, ui-events.ts).
 *
 * In: the http server, a pg pool on DATABASE_URL, a logger. Out: the server and its two
 * namespaces; `io.close()` disconnects every socket, closes the adapters and the http server.
 */
import type { Server as HttpServer } from "node:http";
import type pg from "pg";
import { createAdapter } from "@socket.io/postgres-adapter";
import { Server, type Namespace } from "socket.io";
import type { Logger } from "../log";
import type { NodeEmitEvents, NodeListenEvents, NodeSocketData } from "./node-wire";
import type { UiEmitEvents, UiListenEvents, UiSocketData } from "./ui-events";

export type NodesNamespace = Namespace<NodeListenEvents, NodeEmitEvents, Record<string, never>, NodeSocketData>;
export type UiNamespace = Namespace<UiListenEvents, UiEmitEvents, Record<string, never>, UiSocketData>;

export const ADAPTER_TABLE = "socket_io_attachments";
/** Largest message a socket may send (a node's snapshot of ~100,000 processes). */
export const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;
/** Any constant shared by every server: serializes the creation of the adapter's table. */
const ADAPTER_TABLE_LOCK = 0x77697070; // "wipp"

export interface ClusterTiming {
  /** How often an idle server tells the others it is alive (socket.io-adapter default 5 s). */
  readonly heartbeatIntervalMs: number;
  /** Silence after which a server is considered gone (default 10 s). */
  readonly heartbeatTimeoutMs: number;
}

export const DEFAULT_CLUSTER_TIMING: ClusterTiming = { heartbeatIntervalMs: 5_000, heartbeatTimeoutMs: 10_000 };

/**
 * The adapter stores large and binary payloads in this table (its README's schema). It is not a
 * migration of @wippy/db because it belongs to the adapter's version, not to our data.
 */
export async function ensureAdapterTable(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    // Concurrent `create table if not exists` can still collide on the type name.
    await client.query("select pg_advisory_xact_lock($1)", [ADAPTER_TABLE_LOCK]);
    await client.query(`create table if not exists ${ADAPTER_TABLE} (
      id bigserial unique,
      created_at timestamptz default now(),
      payload bytea
    )`);
    await client.query("commit");
  } catch (error) {
    await client.query("rollback");
    throw error;
  } finally {
    client.release();
  }
}

export interface SocketServer {
  readonly io: Server;
  readonly nodes: NodesNamespace;
  readonly ui: UiNamespace;
}

export function createSocketServer(http: HttpServer, pool: pg.Pool, log: Logger, timing: ClusterTiming = DEFAULT_CLUSTER_TIMING): SocketServer {
  const io = new Server(http, {
    serveClient: false,
    // A node's process snapshot or first delta carries every row (about 230 bytes each: 2.3 MB
    // at 10,000 processes); socket.io's default limit (1 MB) would drop the node's connection.
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    // Rows repeat their field names and most values: deflate shrinks them about tenfold.
    perMessageDeflate: { threshold: 4_096 },
    adapter: createAdapter(pool, {
      tableName: ADAPTER_TABLE,
      heartbeatInterval: timing.heartbeatIntervalMs,
      heartbeatTimeout: timing.heartbeatTimeoutMs,
      errorHandler: (error) => log.warn({ err: error.message }, `socket.io adapter: ${error.message}`),
    }),
  });
  // Nothing is served on the main namespace: a client that forgot its namespace learns so.
  io.use((_socket, next) => next(new Error("connect to the /nodes or /ui namespace")));
  // Each namespace speaks its own protocol; socket.io types `of()` with the server's events.
  const nodes = io.of("/nodes") as unknown as NodesNamespace;
  const ui = io.of("/ui") as unknown as UiNamespace;
  return { io, nodes, ui };
}
