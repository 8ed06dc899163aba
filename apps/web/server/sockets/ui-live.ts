/**
 * Browsers following the live system (viewer): the supervision trees, the process tables and
 * the logs of every node (protocol: ui-events.ts).
 *
 * - `supervision:subscribe` joins room `supervision` and acks every node's current tree (from
 *   the node sockets' data, cluster-wide); the nodes push each change themselves.
 * - `processes:subscribe` / `logs:subscribe` join their room; nodes only stream these while
 *   someone watches, so `LiveWatch` asks every node to keep streaming (`telemetry.watch`, a
 *   lease of `WATCH_TTL_MS`) as long as this server has a browser in the room — at once when
 *   one joins, then every `WATCH_RENEW_MS`. Each server renews for its own browsers, so this
 *   works across servers and stops by itself when the last browser leaves or a server dies.
 */
import type { NodeDirectory } from "@wippy/api";
import { messageOf, type Logger } from "../log";
import type { NodesNamespace, UiNamespace } from "./io";
import { HELLO_ROOM } from "./node-wire";
import { LOGS_UI_ROOM, PROCESSES_UI_ROOM, SUPERVISION_UI_ROOM, type TreeUpdate } from "./ui-events";
import type { UiGuard, UiSocket } from "./ui-guard";

export const WATCH_TTL_MS = 15_000;
export const WATCH_RENEW_MS = 5_000;

export class LiveWatch {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ui: UiNamespace,
    private readonly nodes: NodeDirectory,
    private readonly log: Logger,
    private readonly renewMs = WATCH_RENEW_MS,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.renew(), this.renewMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Asks every node to stream what this server's browsers watch (nothing when nobody does). */
  async renew(): Promise<void> {
    const watching = (room: string) => (this.ui.adapter.rooms.get(room)?.size ?? 0) > 0;
    const processes = watching(PROCESSES_UI_ROOM);
    const logs = watching(LOGS_UI_ROOM);
    if (!processes && !logs) return;
    try {
      const nodes = await this.nodes.list();
      await Promise.all(
        nodes.map(async (node) => {
          const reply = await this.nodes.command(node.id, { type: "telemetry.watch", processes, logs, ttlMs: WATCH_TTL_MS }, this.renewMs);
          // A node that is going away misses one renewal; the next one or its return fixes it.
          if (!reply.ok) this.log.debug({ node: node.id, kind: reply.kind }, `telemetry.watch on ${node.id}: ${reply.message}`);
        }),
      );
    } catch (error) {
      this.log.warn({ err: messageOf(error) }, `renewing the nodes' telemetry failed: ${messageOf(error)}`);
    }
  }
}

/** Every node's last supervision tree, on any server of the cluster. */
async function currentTrees(nodes: NodesNamespace): Promise<TreeUpdate[]> {
  const sockets = await nodes.in(HELLO_ROOM).fetchSockets();
  const byNode = new Map<string, TreeUpdate>();
  for (const socket of sockets) {
    const { node, tree } = socket.data;
    if (!node || !tree) continue;
    const seen = byNode.get(node.id);
    if (!seen || seen.at < tree.at) byNode.set(node.id, { nodeId: node.id, ...tree });
  }
  return [...byNode.values()];
}

export function serveLive(socket: UiSocket, guard: UiGuard, nodes: NodesNamespace, watch: LiveWatch): void {
  socket.on("supervision:subscribe", (ack) =>
    guard.gated(ack, "viewer", async () => {
      await socket.join(SUPERVISION_UI_ROOM);
      return { trees: await currentTrees(nodes) };
    }),
  );
  for (const room of [PROCESSES_UI_ROOM, LOGS_UI_ROOM] as const) {
    socket.on(`${room}:subscribe`, (ack) =>
      guard.gated(ack, "viewer", async () => {
        await socket.join(room);
        void watch.renew();
        return {};
      }),
    );
  }
  for (const room of [SUPERVISION_UI_ROOM, PROCESSES_UI_ROOM, LOGS_UI_ROOM] as const) {
    socket.on(`${room}:unsubscribe`, (ack) =>
      guard.gated(ack, "viewer", async () => {
        await socket.leave(room);
        return {};
      }),
    );
  }
}
