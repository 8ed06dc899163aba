/**
 * Serving runtime nodes on `/nodes` (protocol: node-wire.ts): the node token is checked at the
 * handshake, `hello` lists the node, `heartbeat` keeps `socket.data.node` current, and each of
 * these is relayed to the browsers following the node list (room `nodes` of `/ui`, on every
 * server through the adapter).
 *
 * Payloads are validated here, once; a node that sends garbage is disconnected with a log line.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { NodeInfo } from "@wippy/api";
import { z } from "zod";
import { messageOf, type Logger } from "../log";
import type { NodesNamespace, UiNamespace } from "./io";
import { HELLO_ROOM, nodeHelloSchema, nodeRoom, nodeStatusSchema } from "./node-wire";
import { NODES_UI_ROOM } from "./ui-events";

const handshakeAuthSchema = z.object({ token: z.string() });

export const INVALID_NODE_TOKEN = "invalid node token";

/** Constant-time comparison (hashing first makes the lengths equal). */
function sameToken(given: string, expected: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function serveNodes(nodes: NodesNamespace, ui: UiNamespace, nodeToken: string, log: Logger): void {
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
      ui.to(NODES_UI_ROOM).emit("node:joined", info);
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

    socket.on("disconnect", (reason) => {
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
  ui.to(NODES_UI_ROOM).emit("node:left", { id });
}
