/**
 * Serving runtime nodes on `/nodes` (protocol: @wippy/shared `control/node-wire.ts`): the node
 * token is checked at the handshake, `hello` lists the node, `heartbeat` keeps
 * `socket.data.node` current, and each of these is relayed to the browsers following the node
 * list (room `nodes` of `/ui`, on every server through the adapter). The live streams are
 * relayed the same way: `tree` to room `supervision` (and kept in `socket.data.tree` for
 * browsers that come later), `processes` to room `processes`, `logs` to room `logs`, each
 * tagged with the node's id. Trees also go to the incident watch, when given (incidents.ts).
 *
 * Payloads are validated here, once; a node that sends garbage is disconnected with a log line
 * — except a stream frame this server cannot read, which is dropped (logged once per kind): a
 * node of another version keeps its commands and heartbeats working.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { NodeInfo } from "@wippy/shared";
import { z } from "zod";
import { messageOf, type Logger } from "../log";
import type { TreeObserver } from "./incidents";
import type { NodesNamespace, UiNamespace } from "./io";
import { INVALID_NODE_TOKEN, logBatchSchema, nodeHelloSchema, nodeStatusSchema, processDeltaSchema, treeFrameSchema } from "@wippy/shared";
import { HELLO_ROOM, nodeRoom } from "./node-wire";
import { LOGS_UI_ROOM, NODES_UI_ROOM, PROCESSES_UI_ROOM, SUPERVISION_UI_ROOM } from "./ui-events";

const handshakeAuthSchema = z.object({ token: z.string() });

/** Constant-time comparison (hashing first makes the lengths equal). */
function sameToken(given: string, expected: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Who hears a node join or leave: the node list, and the live views that keep per-node state. */
const MEMBERSHIP_ROOMS = [NODES_UI_ROOM, SUPERVISION_UI_ROOM, PROCESSES_UI_ROOM];

export function serveNodes(nodes: NodesNamespace, ui: UiNamespace, nodeToken: string, log: Logger, trees?: TreeObserver): void {
  nodes.use((socket, next) => {
    const auth = handshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success || !sameToken(auth.data.token, nodeToken)) {
      log.warn({ from: socket.handshake.address }, `refused a runtime node from ${socket.handshake.address}: ${INVALID_NODE_TOKEN}`);
      next(new Error(INVALID_NODE_TOKEN));
      return;
    }
    next();
  });

  nodes.on("connection", (socket) => {
    socket.on("hello", (raw, ack) => {
      if (socket.data.node) {
        // Said hello already on this connection: nothing changes.
        if (typeof ack === "function") ack({ ok: true });
        return;
      }
      const hello = nodeHelloSchema.safeParse(raw);
      if (!hello.success) {
        log.warn({ issues: hello.error.issues }, "a runtime node sent an invalid hello; disconnecting it");
        if (typeof ack === "function") ack({ ok: false, message: "invalid hello" });
        socket.disconnect(true);
        return;
      }
      const info: NodeInfo = { ...hello.data, heartbeatAt: Date.now() };
      // A node that reconnects replaces its older connection, on whichever server it lingers.
      // (The adapter applies this after a round trip to PostgreSQL, when this socket has
      // joined the room too: hence `except`.)
      nodes.in(nodeRoom(info.id)).except(socket.id).disconnectSockets(true);
      socket.data.node = info;
      socket.join([nodeRoom(info.id), HELLO_ROOM]);
      log.info({ node: info.id, address: info.address }, `runtime node ${info.id} connected (registry version ${info.registryVersion})`);
      ui.to(MEMBERSHIP_ROOMS).emit("node:joined", info);
      if (typeof ack === "function") ack({ ok: true });
    });

    socket.on("heartbeat", (raw) => {
      const current = socket.data.node;
      const status = nodeStatusSchema.safeParse(raw);
      if (!current || !status.success) {
        log.warn({ node: current?.id }, current ? "a runtime node sent an invalid heartbeat; disconnecting it" : "a heartbeat before hello; disconnecting the node");
        socket.disconnect(true);
        return;
      }
      const info: NodeInfo = { ...current, ...status.data, heartbeatAt: Date.now() };
      socket.data.node = info;
      ui.to(NODES_UI_ROOM).emit("node:heartbeat", info);
    });

    const unreadable = new Set<string>();
    /** A stream frame from a node that said hello, validated (see above for what is refused). */
    const frame = <T>(what: string, schema: z.ZodType<T>, raw: unknown, relay: (nodeId: string, value: T) => void) => {
      const id = socket.data.node?.id;
      if (id === undefined) {
        log.warn({}, `${what} before hello; disconnecting the node`);
        socket.disconnect(true);
        return;
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        if (!unreadable.has(what)) log.warn({ node: id, issues: parsed.error.issues.slice(0, 3) }, `runtime node ${id} sent a ${what} this server cannot read; dropping such frames`);
        unreadable.add(what);
        return;
      }
      relay(id, parsed.data);
    };
    socket.on("tree", (raw) =>
      frame("tree", treeFrameSchema, raw, (nodeId, tree) => {
        socket.data.tree = tree;
        ui.to(SUPERVISION_UI_ROOM).emit("tree:update", { nodeId, ...tree });
        trees?.observe(socket.id, nodeId, tree.tree);
      }),
    );
    socket.on("processes", (raw) => frame("process delta", processDeltaSchema, raw, (nodeId, delta) => ui.to(PROCESSES_UI_ROOM).emit("processes:delta", { nodeId, ...delta })));
    socket.on("logs", (raw) => frame("log batch", logBatchSchema, raw, (nodeId, lines) => ui.to(LOGS_UI_ROOM).emit("logs:lines", { nodeId, lines })));

    socket.on("disconnect", (reason) => {
      trees?.forget(socket.id);
      const info = socket.data.node;
      if (!info) return;
      log.info({ node: info.id, reason }, `runtime node ${info.id} disconnected (${reason})`);
      void announceLeft(nodes, ui, info.id, log);
    });
  });
}

/** `node:left`, unless the node is already connected again (a replaced connection). */
async function announceLeft(nodes: NodesNamespace, ui: UiNamespace, id: string, log: Logger): Promise<void> {
  try {
    const still = await nodes.in(nodeRoom(id)).fetchSockets();
    if (still.length > 0) return;
  } catch (error) {
    // The cluster did not answer in time: say it left; its next heartbeat brings it back.
    log.debug({ node: id, err: messageOf(error) }, "could not check whether a node reconnected elsewhere");
  }
  ui.to(MEMBERSHIP_ROOMS).emit("node:left", { id });
}
