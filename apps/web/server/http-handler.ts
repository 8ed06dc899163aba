/**
 * The one request listener of the control-plane server: it routes by path and applies the
 * origin check to every state-changing request before anything reads a cookie.
 *
 *   GET  /api/health   → `{ ok, server }` (load balancers, `wippy start` waiting for readiness)
 *   /api/trpc/*        → tRPC (packages/api `appRouter`, context from `createContext`)
 *   /api/auth/*        → Better Auth
 *   anything else      → the pages (Next.js), or 503 when this server runs without a UI
 *
 * State-changing = any method but GET/HEAD/OPTIONS on /api/*; a cross-site one gets 403 with the
 * reason (packages/api's `checkRequestOrigin`, the same rule tRPC applies to mutations).
 *
 * `CLIENT_IP_HEADER` carries the peer address of the connection to Better Auth (its rate
 * limits and session records need one, and a Node request handed to it has none); whatever a
 * client sent under that name is replaced, so it cannot be spoofed. Behind a proxy every peer
 * is the proxy: configure Better Auth's trusted proxy headers there instead.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { appRouter, checkRequestOrigin, CLIENT_IP_HEADER, createContext, type ApiServices } from "@wippy/api";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { toNodeHandler } from "better-auth/node";
import { messageOf, type Logger } from "./log";

export type PagesHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface HttpDeps {
  readonly serverId: string;
  readonly services: ApiServices;
  readonly pages: PagesHandler;
  readonly log: Logger;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);


function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

function under(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

export function createHttpHandler(deps: HttpDeps): RequestListener {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: "/api/trpc/",
    createContext: ({ req }) => createContext({ headers: req.headers, services: deps.services }),
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") deps.log.error({ path, err: error.cause?.stack ?? error.message }, `tRPC ${path ?? "?"} failed: ${error.message}`);
    },
  });
  const auth = toNodeHandler(deps.services.auth);

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? "";
    const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
    if (pathname === "/api/health") return sendJson(res, 200, { ok: true, server: deps.serverId });
    const api = under(pathname, "/api/trpc") || under(pathname, "/api/auth");
    if (api && !SAFE_METHODS.has(req.method ?? "GET")) {
      const verdict = checkRequestOrigin(req.headers, deps.services.trustedOrigins);
      if (!verdict.ok) return sendJson(res, 403, { error: verdict.reason });
    }
    if (under(pathname, "/api/trpc")) return trpc(req, res);
    if (under(pathname, "/api/auth")) return auth(req, res);
    return deps.pages(req, res);
  };

  return (req, res) => {
    route(req, res).catch((error: unknown) => {
      // The one place a request's crash ends: a log record and a 500, never a dead process.
      deps.log.error({ url: req.url, err: error instanceof Error ? error.stack : String(error) }, `request ${req.method} ${req.url} failed: ${messageOf(error)}`);
      if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
      else res.destroy();
    });
  };
}
