/**
 * Per-browser checks for `/ui` events: every event re-reads the Better Auth session — a
 * signed-out or demoted user loses access at their next event, not at their next page load —
 * and checks the role it needs; `safely` runs a handler so that a bug or a dead database
 * becomes one log record and an answer to the browser, never an unhandled rejection.
 */
import { DEFAULT_ROLE, hasRole, roleSchema, type Auth, type NodeDirectory, type Role } from "@wippy/api";
import type { Sql } from "@wippy/db";
import { fromNodeHeaders } from "better-auth/node";
import type { IncomingHttpHeaders } from "node:http";
import type { Socket } from "socket.io";
import { messageOf, type Logger } from "../log";
import type { UiEmitEvents, UiListenEvents, UiRefusal, UiSocketData } from "./ui-events";

export interface UiDeps {
  readonly sql: Sql;
  readonly auth: Auth;
  readonly nodes: NodeDirectory;
  readonly trustedOrigins: readonly string[];
  readonly log: Logger;
}

export type UiSocket = Socket<UiListenEvents, UiEmitEvents, Record<string, never>, UiSocketData>;

/** An unknown role in the database grants a viewer's reads, never more (packages/api's rule). */
export function roleOf(value: unknown): Role {
  const parsed = roleSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_ROLE;
}

export async function readSession(auth: Auth, headers: IncomingHttpHeaders): Promise<UiSocketData | null> {
  const session = await auth.api.getSession({ headers: fromNodeHeaders(headers) });
  if (!session) return null;
  return { userId: session.user.id, email: session.user.email, name: session.user.name, role: roleOf(session.user.role) };
}

export interface UiGuard {
  /** The user again, from the session, if they still may do what needs `required`. */
  allow(required: Role): Promise<UiRefusal | null>;
  safely<T>(ack: unknown, work: () => Promise<T>): void;
  /** Handles an event that only needs `required` and then `work`. */
  gated<T extends object>(ack: unknown, required: Role, work: () => Promise<T>): void;
}

export function guardSocket(socket: UiSocket, deps: UiDeps): UiGuard {
  let signedOut = false;
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
      deps.log.error({ err: messageOf(error), user: socket.data.email }, `a /ui event failed: ${messageOf(error)}`);
      reply({ ok: false, kind: "Unavailable", message: "the control plane could not do that; see its log" });
    });
  };
  const gated = <T extends object>(ack: unknown, required: Role, work: () => Promise<T>): void =>
    safely(ack, async () => (await allow(required)) ?? { ok: true as const, ...(await work()) });
  return { allow, safely, gated };
}
