/**
 * The control-plane server's environment — the only place this app reads `process.env`
 * (Conventions §2), validated once with zod.
 *
 * - PORT (default 3100), HOST (bind address; absent → every interface, as `next start` does).
 * - DATABASE_URL (required): the PostgreSQL every server and node shares. `wippy start` passes
 *   its embedded server's URL; docker-compose passes the `postgres` service.
 * - WIPPY_PUBLIC_URL: the URL browsers reach this server at (Better Auth's base URL, and the one
 *   origin besides the request's own that may POST); default `http://localhost:<PORT>`.
 * - WIPPY_NODE_URL: the URL runtime nodes dial, registered in `control_servers` (default
 *   WIPPY_PUBLIC_URL) — differs where nodes and browsers see the server under different names
 *   (docker-compose: `http://web:3100` for nodes, `http://localhost:3100` for browsers).
 * - WIPPY_AUTH_SECRET / WIPPY_NODE_TOKEN: override the session-signing secret and the node
 *   token, which are otherwise created once and shared through `control_settings`.
 * - WIPPY_LOG_LEVEL, WIPPY_LOG_FORMAT (human | json): the server's log on stderr.
 *
 * `applyProcessEnv` is the one place that writes the environment: Next.js reads NODE_ENV and
 * NEXT_TELEMETRY_DISABLED itself, so they are set before Next (or React) is first imported.
 */
import { z } from "zod";

export const DEFAULT_WEB_PORT = 3100;

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_WEB_PORT),
  HOST: z.string().min(1).optional().or(z.literal("").transform(() => undefined)),
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is required: the control plane keeps users, sessions and the registry in PostgreSQL" })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL"),
  WIPPY_PUBLIC_URL: z.url({ protocol: /^https?$/, error: "WIPPY_PUBLIC_URL must be an http(s) URL" }).optional().or(z.literal("").transform(() => undefined)),
  WIPPY_NODE_URL: z.url({ protocol: /^https?$/, error: "WIPPY_NODE_URL must be an http(s) URL" }).optional().or(z.literal("").transform(() => undefined)),
  WIPPY_AUTH_SECRET: z.string().min(32, "WIPPY_AUTH_SECRET must be at least 32 characters").optional(),
  WIPPY_NODE_TOKEN: z.string().min(16, "WIPPY_NODE_TOKEN must be at least 16 characters").optional(),
  WIPPY_LOG_FORMAT: z.enum(["human", "json"]).default("human"),
  WIPPY_LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
});

export type WebEnv = z.infer<typeof schema> & { readonly publicUrl: string; readonly nodeUrl: string };

export class WebEnvError extends Error {}

export function readWebEnv(source: NodeJS.ProcessEnv = process.env): WebEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new WebEnvError(`invalid environment:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const publicUrl = (env.WIPPY_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
  return { ...env, publicUrl, nodeUrl: (env.WIPPY_NODE_URL ?? publicUrl).replace(/\/+$/, "") };
}

/** Next.js reads these from the environment itself; set them before it is imported. */
export function applyProcessEnv(mode: "development" | "production"): void {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  // React and Next pick their development or production build from NODE_ENV at import time.
  (process.env as Record<string, string>).NODE_ENV = mode;
}
