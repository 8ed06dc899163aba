/**
 * The one tRPC instance of the control plane: context, error shape and procedures by role.
 *
 * Terms:
 * - `ApiServices`: what the server builds once at start and hands to every request.
 * - `ApiContext`: the services plus who is asking (`user`, from the session cookie through
 *   Better Auth) and whether the request's origin may change anything (`origin`).
 * - Procedures: `publicProcedure` (anyone), then `viewerProcedure` < `operatorProcedure` <
 *   `editorProcedure` < `approverProcedure` < `adminProcedure`. Signed out → UNAUTHORIZED; signed in below the
 *   required role → FORBIDDEN with a message naming the role. Every mutation, public ones
 *   included, is refused (FORBIDDEN) when the origin check failed.
 * - Error shape: `data.problem` carries an `ApiProblem` (problems.ts) when there is one, and
 *   `data.issues` the input validation issues (path + message) for BAD_REQUEST from zod.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import type { Database, PgWorkflowStore, RegistryStore, Sql } from "@wippy/db";
import type { Auth } from "./auth";
import type { NodeDirectory } from "./nodes";
import { checkRequestOrigin, toHeaders, type HeaderSource, type OriginVerdict } from "./origin";
import { ApiProblemError, type ApiProblem } from "./problems";
import { hasRole, toRole, type Role, type SessionUser } from "./roles";

export interface ApiServices {
  sql: Sql;
  db: Database;
  registry: RegistryStore;
  workflows?: PgWorkflowStore;
  auth: Auth;
  nodes: NodeDirectory;
  /** Origins allowed to send mutations besides the request's own: the base URL and any trusted ones. */
  trustedOrigins: readonly string[];
}

export interface ApiContext extends ApiServices {
  user: SessionUser | null;
  origin: OriginVerdict;
}

export async function createContext({ headers, services }: { headers: HeaderSource; services: ApiServices }): Promise<ApiContext> {
  const h = toHeaders(headers);
  const session = await services.auth.api.getSession({ headers: h });
  const user: SessionUser | null = session
    ? { id: session.user.id, email: session.user.email, name: session.user.name, role: toRole(session.user.role) }
    : null;
  return { ...services, user, origin: checkRequestOrigin(h, services.trustedOrigins) };
}

export interface IssueShape {
  path: string;
  message: string;
}

const t = initTRPC.context<ApiContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const problem: ApiProblem | null = error.cause instanceof ApiProblemError ? error.cause.problem : null;
    const issues: IssueShape[] | null =
      error.cause instanceof z.ZodError ? error.cause.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })) : null;
    return { ...shape, data: { ...shape.data, problem, issues } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const originGuard = t.middleware(({ ctx, type, next }) => {
  if (type === "mutation" && !ctx.origin.ok) throw new TRPCError({ code: "FORBIDDEN", message: ctx.origin.reason });
  return next();
});

export const publicProcedure = t.procedure.use(originGuard);

function procedureFor(required: Role) {
  return publicProcedure.use(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
    if (!hasRole(ctx.user.role, required)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `this needs the ${required} role; you are ${article(ctx.user.role)} ${ctx.user.role}` });
    }
    return next({ ctx: { user: ctx.user } });
  });
}

export const viewerProcedure = procedureFor("viewer");
export const operatorProcedure = procedureFor("operator");
export const editorProcedure = procedureFor("editor");
export const approverProcedure = procedureFor("approver");
export const adminProcedure = procedureFor("admin");

function article(role: Role): string {
  return /^[aeiou]/.test(role) ? "an" : "a";
}
