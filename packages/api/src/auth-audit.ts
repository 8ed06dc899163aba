/**
 * Sign-ins and sign-outs in the audit log. They go through Better Auth's own endpoints, not
 * tRPC, so they are recorded by its hooks:
 *
 * - `auth.signIn`      — a session was created (`/sign-in/email` set a new session);
 * - `auth.signInFailed` — `/sign-in/email` answered with an error (wrong password, unknown
 *   email, rate limited): actor `anonymous`, target the email that was tried, the status and
 *   the client's address in `metadata` — what an operator looks for after a break-in attempt;
 * - `auth.signOut`     — read before the endpoint deletes the session (after it, nobody is
 *   signed in to name).
 *
 * A failed audit write does not undo a sign-in (the session is already committed by Better
 * Auth): it is logged on Better Auth's logger, and the sign-in goes on.
 */
import { createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";
import type { Sql } from "postgres";
import { recordAudit, type AuditActor, type AuditRecord } from "@wippy/db";

const SIGN_IN_PATH = "/sign-in/email";
const SIGN_OUT_PATH = "/sign-out";

export const ANONYMOUS_ACTOR: AuditActor = { kind: "system", id: "anonymous", name: "anonymous" };

interface AuthAuditOptions {
  sql: Sql;
  /** The request header carrying the client's address (set by the control-plane server). */
  ipHeader: string;
}

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

export function authAuditHooks({ sql, ipHeader }: AuthAuditOptions) {
  const write = async (ctx: HookContext, record: AuditRecord): Promise<void> => {
    const ip = ctx.headers?.get(ipHeader);
    const metadata = ip ? { ...record.metadata, ip } : record.metadata;
    try {
      await recordAudit(sql, { ...record, metadata });
    } catch (error) {
      // Not swallowed silently: the sign-in/out itself already happened and stays.
      ctx.context.logger.error(`could not write the audit record ${record.action}: ${(error as Error).message}`);
    }
  };

  return {
    before: createAuthMiddleware(async (ctx) => {
      if (ctx.path !== SIGN_OUT_PATH) return;
      const session = await getSessionFromCtx(ctx).catch(() => null);
      if (!session) return;
      const { user } = session;
      await write(ctx, { actor: { kind: "user", id: user.id, name: user.email }, action: "auth.signOut", target: user.email });
    }),
    after: createAuthMiddleware(async (ctx) => {
      if (ctx.path !== SIGN_IN_PATH) return;
      const created = ctx.context.newSession;
      if (created) {
        const { user } = created;
        await write(ctx, { actor: { kind: "user", id: user.id, name: user.email }, action: "auth.signIn", target: user.email });
        return;
      }
      const returned: unknown = ctx.context.returned;
      const body: unknown = ctx.body;
      const email = typeof body === "object" && body !== null && "email" in body && typeof body.email === "string" ? body.email.slice(0, 320) : "";
      const status = isAPIError(returned) ? returned.statusCode : 0;
      const reason = isAPIError(returned) ? returned.message : "no session was created";
      await write(ctx, { actor: ANONYMOUS_ACTOR, action: "auth.signInFailed", target: email, summary: reason, metadata: { status } });
    }),
  };
}
