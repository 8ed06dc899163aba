/**
 * The only place this app reads `process.env` (Conventions §2), validated once.
 *
 * - DATABASE_URL: use this PostgreSQL; absent → the embedded server under `<home>/.wippy/`.
 * - WIPPY_HOME: the project folder whose `.wippy/` holds embedded data (default: the nearest
 *   folder from the working directory up that already has `.wippy/`, else the working directory).
 * - WIPPY_AUTHOR: who registry versions are attributed to (default user@host).
 * - WIPPY_LOG_LEVEL, WIPPY_LOG_FORMAT (human | json): the node's log on stderr.
 */
import os from "node:os";
import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  WIPPY_HOME: z.string().min(1).optional(),
  WIPPY_AUTHOR: z.string().min(1).optional(),
  WIPPY_LOG_FORMAT: z.enum(["human", "json"]).default("human"),
  WIPPY_LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  NO_COLOR: z.string().optional(),
});

export type Env = z.infer<typeof schema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export class EnvError extends Error {}

export function defaultAuthor(env: Env): string {
  if (env.WIPPY_AUTHOR) return env.WIPPY_AUTHOR;
  let user = "unknown";
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry for this uid (containers): keep "unknown".
  }
  return `${user}@${os.hostname()}`;
}
