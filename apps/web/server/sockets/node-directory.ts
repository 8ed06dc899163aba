/**
 * `NodeDirectory` (packages/api/src/nodes.ts) over the `/nodes` namespace: the live nodes are
 * the node sockets that said hello, on this server or any other sharing the database (the
 * PostgreSQL adapter answers `fetchSockets` for the whole cluster).
 *
 * - `list()`: every node's last report, one per node id (the newest connection wins).
 * - `command(id, cmd, timeoutMs)`: `emitWithAck` to that node's socket wherever it is
 *   connected; no node → `NotFound`; no ack in time → `Timeout`; an ack that is not a
 *   `NodeReply` → `Invalid`.
 *
 * A server that died is still counted by the adapter until its heartbeat times out; during
 * that window a cluster-wide fetch cannot complete, so it falls back to this server's own
 * sockets (and logs it) rather than failing the caller.
 */
import { DEFAULT_COMMAND_TIMEOUT_MS, type NodeDirectory } from "@wippy/api";
import { describeCommand, nodeReplySchema, type NodeCommand, type NodeInfo, type NodeReply } from "@wippy/shared";
import type { RemoteSocket } from "socket.io";
import { messageOf, type Logger } from "../log";
import type { NodesNamespace } from "./io";
import { HELLO_ROOM, nodeRoom, type NodeEmitEvents, type NodeSocketData } from "./node-wire";

/** How long a cluster-wide `fetchSockets` waits for the other servers. */
export const DEFAULT_FETCH_TIMEOUT_MS = 2_000;

type NodeSocket = RemoteSocket<NodeEmitEvents, NodeSocketData>;

export class SocketNodeDirectory implements NodeDirectory {
  constructor(
    private readonly nodes: NodesNamespace,
    private readonly log: Logger,
    private readonly fetchTimeoutMs = DEFAULT_FETCH_TIMEOUT_MS,
  ) {}

  async list(): Promise<NodeInfo[]> {
    const byId = new Map<string, NodeInfo>();
    for (const socket of await this.fetch(HELLO_ROOM)) {
      const info = socket.data.node;
      if (!info) continue;
      const seen = byId.get(info.id);
      if (!seen || seen.heartbeatAt < info.heartbeatAt) byId.set(info.id, info);
    }
    return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async command(nodeId: string | undefined, command: NodeCommand, timeoutMs = DEFAULT_COMMAND_TIMEOUT_MS): Promise<NodeReply> {
    const sockets = (await this.fetch(nodeId === undefined ? HELLO_ROOM : nodeRoom(nodeId))).filter((s) => s.data.node);
    // The freshest connection: after a reconnect the old one may linger for a moment.
    const socket = sockets.sort((a, b) => (b.data.node?.heartbeatAt ?? 0) - (a.data.node?.heartbeatAt ?? 0))[0];
    const target = socket?.data.node?.id;
    if (!socket || target === undefined) {
      return { ok: false, kind: "NotFound", message: nodeId === undefined ? "no runtime node is connected" : `runtime node ${nodeId} is not connected` };
    }
    let raw: unknown;
    try {
      raw = await socket.timeout(timeoutMs).emitWithAck("command", { command, timeoutMs });
    } catch (error) {
      // socket.io rejects only when the ack did not arrive in time (or the node went away).
      this.log.warn({ node: target, command: command.type, err: messageOf(error) }, `node ${target} did not answer ${command.type} in ${timeoutMs} ms`);
      return { ok: false, kind: "Timeout", message: `runtime node ${target} did not answer ${describeCommand(command)} within ${timeoutMs} ms` };
    }
    const reply = nodeReplySchema.safeParse(raw);
    if (!reply.success) {
      this.log.error({ node: target, issues: reply.error.issues }, `node ${target} answered ${command.type} with something that is not a reply`);
      return { ok: false, kind: "Invalid", message: `runtime node ${target} answered with an invalid reply` };
    }
    return reply.data;
  }

  private async fetch(room: string): Promise<NodeSocket[]> {
    try {
      return await this.nodes.in(room).timeout(this.fetchTimeoutMs).fetchSockets();
    } catch (error) {
      this.log.warn({ err: messageOf(error) }, `another control-plane server did not answer (${messageOf(error)}); listing this server's nodes only`);
      return this.nodes.in(room).local.fetchSockets();
    }
  }
}
