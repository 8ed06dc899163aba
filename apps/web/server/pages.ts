/**
 * The pages of the control plane: Next.js (App Router) inside this process, through its custom
 * server API, in one of three modes:
 *
 * - `production` (default): serves the build in `apps/web/.next`; a missing build is a
 *   `MissingBuildError` before anything listens ("run npm run build -w @wippy/web").
 * - `development` (`--dev`): compiles on demand with hot reload; Next attaches its HMR
 *   websocket to the same http server and leaves `/socket.io/` upgrades alone.
 * - `none` (`--no-ui`): API and sockets only, every page answers 503 — for tests and for
 *   servers behind a load balancer that sends page traffic elsewhere.
 *
 * Next is imported lazily, after env.ts has set NODE_ENV, so React loads the matching build.
 */
import fs from "node:fs";
import type { Server as HttpServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PagesHandler } from "./http-handler";

export type UiMode = "production" | "development" | "none";

/** apps/web: where next.config.ts and the build live. */
export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export class MissingBuildError extends Error {
  constructor(readonly webDir: string) {
    super(`the control plane UI has no production build in ${path.join(webDir, ".next")}: run npm run build -w @wippy/web (or start the server with --dev)`);
  }
}

export function hasProductionBuild(webDir = WEB_DIR): boolean {
  return fs.existsSync(path.join(webDir, ".next", "BUILD_ID"));
}

export interface Pages {
  readonly handler: PagesHandler;
  close(): Promise<void>;
}

export interface PagesOptions {
  readonly mode: UiMode;
  readonly httpServer: HttpServer;
  readonly hostname: string;
  readonly port: number;
  readonly webDir?: string;
}

export async function preparePages(opts: PagesOptions): Promise<Pages> {
  const webDir = opts.webDir ?? WEB_DIR;
  if (opts.mode === "none") {
    return {
      handler: async (_req, res) => {
        res.writeHead(503, { "content-type": "text/plain; charset=utf-8" });
        res.end("This control-plane server runs without its UI (--no-ui): API and sockets only.\n");
      },
      close: async () => undefined,
    };
  }
  if (opts.mode === "production" && !hasProductionBuild(webDir)) throw new MissingBuildError(webDir);
  const { default: next } = await import("next");
  const app = next({ dev: opts.mode === "development", dir: webDir, hostname: opts.hostname, port: opts.port, httpServer: opts.httpServer, quiet: opts.mode === "production" });
  await app.prepare();
  const handle = app.getRequestHandler();
  return { handler: (req, res) => handle(req, res), close: () => app.close() };
}
