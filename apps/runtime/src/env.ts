/**
 * The only place this app reads `process.env` (Conventions §2), validated once.
 *
 * - DATABASE_URL: use this PostgreSQL; absent → the embedded server under `<home>/.wippy/`.
 * - WIPPY_HOME: the project folder whose `.wippy/` holds embedded data (default: the nearest
 *   folder from the working directory up that already has `.wippy/`, else the working directory).
 * - WIPPY_AUTHOR: who registry versions are attributed to (default user@host); the audit log
 *   names the OS account regardless (cli-actor.ts).
 * - WIPPY_LOG_LEVEL, WIPPY_LOG_FORMAT (human | json): the node's log on stderr.
 * - WIPPY_CONTROL_URL: the control-plane server this node dials (default: the newest live one
 *   in `control_servers`). WIPPY_NODE_TOKEN: the token it presents (default: the shared one
 *   in `control_settings`).
 *
 * `childEnv` hands the environment on to a child process (the control plane `wippy start`
 * spawns), with overrides. `environmentLookup` gives the node the variables application
 * entries name (`password_env: DB_PASSWORD` of a `db.sql.postgres` entry, Wippy's
 * system/database.md).
 */
import { z } from "zod";
import { osAccount } from "./cli-actor";

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
  WIPPY_CONTROL_URL: z.url({ protocol: /^https?$/, error: "WIPPY_CONTROL_URL must be an http(s) URL" }).optional().or(z.literal("").transform(() => undefined)),
  WIPPY_NODE_TOKEN: z.string().min(16, "WIPPY_NODE_TOKEN must be at least 16 characters").optional(),
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

/** Any variable by name, for `<field>_env` fields of application entries (read when used). */
export function environmentLookup(source: NodeJS.ProcessEnv = process.env): (name: string) => string | undefined {
  return (name) => source[name];
}

/** This process's environment with `overrides` (undefined removes a variable), for a child. */
export function childEnv(overrides: Record<string, string | undefined>, source: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...source };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

export function defaultAuthor(env: Env): string {
  return env.WIPPY_AUTHOR ?? osAccount();
}
