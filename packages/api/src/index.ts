/**
 * @wippy/api — the control plane's tRPC API (issue 7): routers, context, auth and roles.
 *
 * The server (apps/web/server) builds `ApiServices` once — `createAuth(...)` for `auth`, a
 * `RegistryStore`, its `NodeDirectory` — mounts `auth` at `/api/auth`, and serves `appRouter`
 * with `createContext({ headers: req.headers, services })` per request. The UI imports only
 * `type AppRouter` (and the problem/diagnostic types) from here.
 */
export { appRouter, createCaller, type AppRouter } from "./root";
export { createContext, type ApiContext, type ApiServices, type IssueShape } from "./trpc";
export { CLIENT_IP_HEADER, createAuth, hashPassword, PASSWORD_POLICY, SIGN_IN_RATE_LIMIT, type Auth, type AuthOptions } from "./auth";
export { checkRequestOrigin, toHeaders, type HeaderSource, type OriginVerdict } from "./origin";
export { DEFAULT_ROLE, hasRole, ROLES, roleSchema, type Role, type SessionUser } from "./roles";
export { ApiProblemError, type ApiProblem, type ConflictProblem, type Diagnostic } from "./problems";
export type { Reference } from "./registry/references";
export type { FieldControl, FormField, KindForm } from "./registry/kind-forms";
export type { EntryPage, EntrySummary, NamespaceNode } from "./registry/browse";
export { TREE_KINDS } from "./supervision/tree-plan";
export * from "./nodes";
