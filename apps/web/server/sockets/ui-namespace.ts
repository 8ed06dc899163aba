/**
 * Serving browsers on `/ui` (protocol: ui-events.ts). The handshake must come from this
 * server's origin (the same check as state-changing HTTP requests) and carry a Better Auth
 * session cookie; every event then re-reads the session and checks the role it needs
 * (ui-guard.ts). A browser that only listens is checked every `SESSION_RECHECK_MS`, so a
 * removed user does not keep watching the nodes.
 *
 * Here: the handshake, the node list and `nodes:command`; the live streams are ui-live.ts,
 * presence and the feed presence.ts.
 */
import { checkRequestOrigin } from "@wippy/api";
import { recordAudit } from "@wippy/db";
import { ACTION_COMMANDS, commandTarget, describeCommand, nodeCommandSchema, type JsonValue } from "@wippy/shared";
import { z } from "zod";
import { messageOf } from "../log";
import type { NodesNamespace, UiNamespace } from "./io";
import { NODES_UI_ROOM } from "./ui-events";
import { servePresence } from "./presence";
import { guardSocket, readSession, type UiDeps } from "./ui-guard";
import { LiveWatch, serveLive } from "./ui-live";

export type { UiDeps } from "./ui-guard";

/** How often the sessions of connected browsers are checked while they send nothing. */
export const SESSION_RECHECK_MS = 60_000;

/** Longest a browser may ask a command to wait for its node. */
export const MAX_UI_COMMAND_TIMEOUT_MS = 120_000;

const commandRequestSchema = z.object({
  nodeId: z.string().min(1).optional(),
  command: nodeCommandSchema.refine((c) => ACTION_COMMANDS.has(c.type), { message: "only actions are sent this way; reads go through tRPC processes.*" }),
  timeoutMs: z.number().int().positive().max(MAX_UI_COMMAND_TIMEOUT_MS).optional(),
});

/** Serves `/ui`; the returned function stops the periodic session checks and watch renewals. */
export function serveUi(ui: UiNamespace, nodeSockets: NodesNamespace, deps: UiDeps, recheckMs = SESSION_RECHECK_MS): () => void {
  const recheck = setInterval(() => {
    for (const socket of ui.sockets.values()) {
      readSession(deps.auth, socket.handshake.headers).then(
        (user) => {
          if (user) socket.data = user;
          else socket.disconnect(true);
        },
        // The database may be briefly away: keep the browser, check again next round.
        (error: unknown) => deps.log.warn({ err: messageOf(error) }, `re-checking a browser's session failed: ${messageOf(error)}`),
      );
    }
  }, recheckMs);
  recheck.unref();
  const watch = new LiveWatch(ui, deps.nodes, deps.log);
  watch.start();

  ui.use((socket, next) => {
    const origin = checkRequestOrigin(socket.handshake.headers, deps.trustedOrigins);
    if (!origin.ok) {
      next(new Error(origin.reason));
      return;
    }
    readSession(deps.auth, socket.handshake.headers).then(
      (user) => {
        if (!user) return next(new Error("unauthorized"));
        socket.data = user;
        next();
      },
      (error: unknown) => {
        deps.log.error({ err: messageOf(error) }, `reading a browser's session failed: ${messageOf(error)}`);
        next(new Error("the session could not be checked; try again"));
      },
    );
  });

  ui.on("connection", (socket) => {
    const guard = guardSocket(socket, deps);
    socket.on("nodes:subscribe", (ack) =>
      guard.gated(ack, "viewer", async () => {
        await socket.join(NODES_UI_ROOM);
        return { nodes: await deps.nodes.list() };
      }),
    );
    socket.on("nodes:unsubscribe", (ack) =>
      guard.gated(ack, "viewer", async () => {
        await socket.leave(NODES_UI_ROOM);
        return {};
      }),
    );
    socket.on("nodes:list", (ack) => guard.gated(ack, "viewer", async () => ({ nodes: await deps.nodes.list() })));
    socket.on("nodes:command", (request, ack) =>
      guard.safely(ack, async () => {
        const refused = await guard.allow("operator");
        if (refused) return refused;
        const parsed = commandRequestSchema.safeParse(request);
        if (!parsed.success) return { ok: false as const, kind: "Invalid" as const, message: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
        const { nodeId, command, timeoutMs } = parsed.data;
        const startedAt = Date.now();
        const reply = await deps.nodes.command(nodeId, command, timeoutMs);
        const ms = Date.now() - startedAt;
        const what = describeCommand(command);
        // Audited like the tRPC actions: who sent what to which node, and how it ended.
        await recordAudit(deps.sql, {
          actor: { kind: "user", id: socket.data.userId, name: socket.data.email },
          action: "nodes.command",
          target: commandTarget(command),
          summary: reply.ok ? `${what} (${ms} ms)` : `${what}: ${reply.kind}: ${reply.message}`,
          before: { command: command as unknown as JsonValue, nodeId: nodeId ?? null },
          after: reply.ok ? { ok: true } : { ok: false, kind: reply.kind, message: reply.message },
          metadata: { ms },
        });
        return { ok: true as const, reply };
      }),
    );
    serveLive(socket, guard, nodeSockets, watch);
    servePresence(socket, guard, ui, deps);
  });
  return () => {
    clearInterval(recheck);
    watch.stop();
  };
}
