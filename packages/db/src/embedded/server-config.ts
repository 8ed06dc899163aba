/**
 * The embedded server's remembered settings: `<appDir>/.wippy/pg.json` = { port, user, password }.
 *
 * The port is chosen once (a free one, never 5432 so a system PostgreSQL is never shadowed)
 * and reused on every start, so URLs stay stable across restarts; it changes only when another
 * program has taken it. The password is random per app folder; the file is private (0600).
 *
 * In: the state folder. Out: a `ServerConfig`, read or created.
 */
import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { z } from "zod";

export const EMBEDDED_USER = "wippy";
/** The port a system PostgreSQL usually owns; the embedded server never takes it. */
export const SYSTEM_POSTGRES_PORT = 5432;
export const LOOPBACK = "127.0.0.1";

const serverConfigSchema = z.object({
  port: z.number().int().min(1).max(65535),
  user: z.string().min(1),
  password: z.string().min(1),
});
export type ServerConfig = z.infer<typeof serverConfigSchema>;

export function serverConfigPath(stateDir: string): string {
  return path.join(stateDir, "pg.json");
}

export async function readServerConfig(stateDir: string): Promise<ServerConfig | undefined> {
  const file = serverConfigPath(stateDir);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return undefined; // first start in this folder
  }
  const parsed = serverConfigSchema.safeParse(parseJson(text));
  if (!parsed.success) throw new Error(`${file} is malformed (${parsed.error.message}); delete it to start over`);
  return parsed.data;
}

export async function writeServerConfig(stateDir: string, config: ServerConfig): Promise<void> {
  await writeFile(serverConfigPath(stateDir), `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
}

export async function createServerConfig(): Promise<ServerConfig> {
  return { port: await findFreePort(), user: EMBEDDED_USER, password: randomBytes(18).toString("base64url") };
}

export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: LOOPBACK, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export async function findFreePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once("error", reject);
      server.listen({ port: 0, host: LOOPBACK, exclusive: true }, () => {
        const address = server.address();
        const chosen = typeof address === "object" && address ? address.port : 0;
        server.close(() => resolve(chosen));
      });
    });
    if (port !== SYSTEM_POSTGRES_PORT && port !== 0) return port;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // reported by the schema check as a malformed file
  }
}
