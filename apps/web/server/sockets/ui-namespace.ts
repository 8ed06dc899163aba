/**
 * Serving browsers on `/ui` (protocol: ui-events.ts). The handshake must come from this
 * server's origin (the same check as state-changing HTTP requests) and carry a Better Auth
 * session cookie; every event then re-reads the session — a signed-out or demoted user loses
 * access at their next event, not at their next page load — and checks the role it needs.
 * A browser that only listens is checked every `SESSION_RECHECK_MS`, so a removed user does
 * not keep watching the nodes.
 */
import { checkRequestOrigin, DEFAULT_ROLE, hasRole, roleSchema, type Auth, type NodeDirectory, type Role } from "@wippy/api";
import { recordAudit, type Sql } from "@wippy/db";
import { fromNodeHeaders } from "better-auth/node";
import type { IncomingHttpHeaders } from "node:http";
import { z } from "zod";
import { nodeCommandSchema } from "./node-wire";
import { messageOf, type Logger } from "../log";
import type { UiNamespace } from "./io";
import { NODES_UI_ROOM, type UiRefusal, type UiSocketData } from "./ui-events";

/** How often the sessions of connected browsers are checked while they send nothing. */
export const SESSION_RECHECK_MS = 60_000;

/** Longest a browser may ask a command to wait for its node. */
export const MAX_UI_COMMAND_TIMEOUT_MS = 120_000;

const commandRequestSchema = z.object({
  nodeId: z.string().min(1).optional(),
  command: nodeCommandSchema,
  timeoutMs: z.number().int().positive().max(MAX_UI_COMMAND_TIMEOUT_MS).optional(),
});

export interface UiDeps {
  readonly sql: Sql;
  readonly auth: Auth;
  readonly nodes: NodeDirectory;
  readonly trustedOrigins: readonly string[];
  readonly log: Logger;
}

/** An unknown role in the database grants a viewer's reads, never more (packages/api's rule). */
function roleOf(value: unknown): Role {
  const parsed = roleSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_ROLE;
}

async function readSession(auth: Auth, headers: IncomingHttpHeaders): Promise<UiSocketData | null> {
  const session = await auth.api.getSession({ headers: fromNodeHeaders(headers) });
  if (!session) return null;
  return { userId: session.user.id, email: session.user.email, role: roleOf(session.user.role) };
}

/** Serves `/ui`; the returned function stops the periodic session checks. */
export function serveUi(ui: UiNamespace, deps: UiDeps, recheckMs = SESSION_RECHECK_MS): () => void {
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
    let signedOut = false;
    /** The user again, from the session, if they still may do what needs `required`. */
    const allow = async (required: Role): Promise<UiRefusal | null> => {
      let user: UiSocketData | null;
      try {
        user = await readSession(deps.auth, socket.handshake.headers);
      } catch (error) {
        deps.log.error({ err: messageOf(error) }, `reading a browser's session failed: ${messageOf(error)}`);
        return { ok: false, kind: "Unavailable", message: "the session could not be checked; try again" };
      }
      if (!user) {
        signedOut = true; // disconnected once this refusal has been acknowledged
        return { ok: false, kind: "Unauthorized", message: "sign in first" };
      }
      socket.data = user;
      if (!hasRole(roleOf(user.role), required)) {
        return { ok: false, kind: "PermissionDenied", message: `this needs the ${required} role; you are ${user.role}` };
      }
      return null;
    };
    const safely = <T>(ack: unknown, work: () => Promise<T>): void => {
      const answer = typeof ack === "function" ? (ack as (value: T | UiRefusal) => void) : () => undefined;
      const reply = (value: T | UiRefusal) => {
        answer(value);
        if (signedOut) socket.disconnect(true);
      };
      work().then(reply, (error: unknown) => {
        // A bug or a dead database: one log record, and the browser gets an answer.
        deps.log.error({ err: messageOf(error), user: socket.data.email }, `a /ui event failed: ${messageOf(error)}`);
        reply({ ok: false, kind: "Unavailable", message: "the control plane could not do that; see its log" });
      });
    };

    socket.on("nodes:subscribe", (ack) =>
      safely(ack, async () => {
        const refused = await allow("viewer");
        if (refused) return refused;
        await socket.join(NODES_UI_ROOM);
        return { ok: true as const, nodes: await deps.nodes.list() };
      }),
    );
    socket.on("nodes:unsubscribe", (ack) =>
      safely(ack, async () => {
        const refused = await allow("viewer");
        if (refused) return refused;
        await socket.leave(NODES_UI_ROOM);
        return { ok: true as const };
      }),
    );
    socket.on("nodes:list", (ack) =>
      safely(ack, async () => (await allow("viewer")) ?? { ok: true as const, nodes: await deps.nodes.list() }),
    );
    socket.on("nodes:command", (request, ack) =>
      safely(ack, async () => {
        const refused = await allow("operator");
        if (refused) return refused;
        const parsed = commandRequestSchema.safeParse(request);
        if (!parsed.success) return { ok: false as const, kind: "Invalid" as const, message: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
        const { nodeId, command, timeoutMs } = parsed.data;
        const startedAt = Date.now();
        const reply = await deps.nodes.command(nodeId, command, timeoutMs);
        const ms = Date.now() - startedAt;
        // Audited like tRPC's functions.run: who sent what to which node, and how it ended.
        await recordAudit(deps.sql, {
          actor: { kind: "user", id: socket.data.userId, name: socket.data.email },
          action: "nodes.command",
          target: command.id,
          summary: reply.ok ? `${command.type} ${command.id} (${ms} ms)` : `${command.type} ${command.id}: ${reply.kind}: ${reply.message}`,
          before: { command: command.type, args: [...command.args], nodeId: nodeId ?? null },
          after: reply.ok ? { ok: true } : { ok: false, kind: reply.kind, message: reply.message },
          metadata: { ms },
        });
        return { ok: true as const, reply };
      }),
    );
  });
  return () => clearInterval(recheck);
}
